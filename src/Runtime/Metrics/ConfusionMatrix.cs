using System;
using System.Globalization;
using System.Text;
using StaticNet.CompilerServices;

namespace StaticNet;

/// <summary>
/// Counts of (true class, predicted class) pairs, rows = true class, columns = predicted, with the per-class and
/// averaged precision, recall and F1 the lecture material uses to judge a classifier.
/// </summary>
public sealed class ConfusionMatrix
{
    /// <summary>
    /// The most classes a matrix may have: the largest n whose n² cells fit one array (<c>Array.MaxLength</c>).
    /// Such a matrix takes n² × 8 bytes (about 17 GB at the limit), which is what bounds it in practice.
    /// </summary>
    public const int MaxClassCount = 46_340;

    /// <summary>The most classes whose counts <see cref="ToString(string[])"/> prints as a table (a million cells).</summary>
    private const int CountTableLimit = 1000;

    private readonly long[] _counts;

    /// <summary>An empty matrix for <paramref name="classCount"/> classes.</summary>
    /// <param name="classCount">At least 1 and at most <see cref="MaxClassCount"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="classCount"/> is outside [1, <see cref="MaxClassCount"/>].</exception>
    public ConfusionMatrix(int classCount)
    {
        if (classCount is < 1 or > MaxClassCount)
        {
            throw new ArgumentOutOfRangeException(
                nameof(classCount),
                classCount,
                $"classCount must be in [1, {MaxClassCount}] (ConfusionMatrix.MaxClassCount: classCount² counts must fit one array); got {classCount}.");
        }

        ClassCount = classCount;
        _counts = new long[(long)classCount * classCount];
    }

    /// <summary>A matrix holding the given counts, rows = true class.</summary>
    /// <param name="counts">A square array of non-negative counts.</param>
    public static ConfusionMatrix FromCounts(long[,] counts)
    {
        ArgumentNullException.ThrowIfNull(counts);
        int n = counts.GetLength(0);
        if (counts.GetLength(1) != n)
        {
            throw new ArgumentException($"'counts' must be square, but is {n} × {counts.GetLength(1)}.", nameof(counts));
        }

        var matrix = new ConfusionMatrix(n);
        for (int actual = 0; actual < n; actual++)
        {
            for (int predicted = 0; predicted < n; predicted++)
            {
                ArgumentOutOfRangeException.ThrowIfNegative(counts[actual, predicted], nameof(counts));
                matrix._counts[matrix.Cell(actual, predicted)] = counts[actual, predicted];
            }
        }

        return matrix;
    }

    /// <summary>The number of classes.</summary>
    public int ClassCount { get; }

    /// <summary>How many samples were counted.</summary>
    public long Total
    {
        get
        {
            long total = 0;
            foreach (long c in _counts)
            {
                total += c;
            }

            return total;
        }
    }

    /// <summary>How many samples of class <paramref name="actual"/> were predicted as <paramref name="predicted"/>.</summary>
    public long this[int actual, int predicted] => _counts[Cell(Check(actual), Check(predicted))];

    /// <summary>Counts one prediction.</summary>
    /// <param name="actual">The true class.</param>
    /// <param name="predicted">The predicted class.</param>
    public void Add(int actual, int predicted) => _counts[Cell(Check(actual), Check(predicted))]++;

    /// <summary>
    /// Counts one prediction given as network output and one-hot target: the true class is the position of the
    /// target's 1, the predicted class the arg max of the output. Allocates nothing.
    /// </summary>
    /// <param name="target">A one-hot class label: <see cref="ClassCount"/> values, exactly one 1 and 0 everywhere else.</param>
    /// <param name="output">The network's output, <see cref="ClassCount"/> values.</param>
    /// <exception cref="ArgumentException">A span's length is not <see cref="ClassCount"/>, or the target is not one-hot.</exception>
    public void Add(ReadOnlySpan<float> target, ReadOnlySpan<float> output)
    {
        SpanLength.Require(target, ClassCount, nameof(target));
        SpanLength.Require(output, ClassCount, nameof(output));
        int actual = ClassLabels.HotIndex(target);
        if (actual < 0)
        {
            throw ClassLabels.NotOneHot(nameof(target), "'target'", target);
        }

        _counts[Cell(actual, Evaluation.ArgMax(output))]++;
    }

    /// <summary>Forgets every count.</summary>
    public void Clear() => Array.Clear(_counts);

    /// <summary>The fraction of samples on the diagonal.</summary>
    public double Accuracy
    {
        get
        {
            long correct = 0;
            for (int c = 0; c < ClassCount; c++)
            {
                correct += this[c, c];
            }

            return Ratio(correct, Total);
        }
    }

    /// <summary>How many samples truly are of class <paramref name="c"/> (its row sum, the "support").</summary>
    public long Support(int c)
    {
        long sum = 0;
        for (int p = 0; p < ClassCount; p++)
        {
            sum += this[c, p];
        }

        return sum;
    }

    /// <summary>How many samples were predicted as class <paramref name="c"/> (its column sum).</summary>
    public long Predicted(int c)
    {
        long sum = 0;
        for (int a = 0; a < ClassCount; a++)
        {
            sum += this[a, c];
        }

        return sum;
    }

    /// <summary>TP / (TP + FP): of the samples predicted as <paramref name="c"/>, the fraction that are. 0 when none were.</summary>
    public double Precision(int c) => Ratio(this[c, c], Predicted(c));

    /// <summary>TP / (TP + FN): of the samples of class <paramref name="c"/>, the fraction found. 0 when there are none.</summary>
    public double Recall(int c) => Ratio(this[c, c], Support(c));

    /// <summary>The harmonic mean of precision and recall; 0 when both are 0.</summary>
    public double F1(int c)
    {
        double p = Precision(c), r = Recall(c);
        return p + r == 0 ? 0 : 2 * p * r / (p + r);
    }

    /// <summary>The unweighted mean of the per-class precisions.</summary>
    public double MacroPrecision => Macro(Precision);

    /// <summary>The unweighted mean of the per-class recalls.</summary>
    public double MacroRecall => Macro(Recall);

    /// <summary>The unweighted mean of the per-class F1 scores.</summary>
    public double MacroF1 => Macro(F1);

    /// <summary>The per-class precisions weighted by support.</summary>
    public double WeightedPrecision => Weighted(Precision);

    /// <summary>The per-class recalls weighted by support (equal to the accuracy).</summary>
    public double WeightedRecall => Weighted(Recall);

    /// <summary>The per-class F1 scores weighted by support.</summary>
    public double WeightedF1 => Weighted(F1);

    /// <summary>The counts as an aligned table, then precision, recall, F1 and support per class and on average.</summary>
    public override string ToString() => ToString(null);

    /// <summary>
    /// Like <see cref="ToString()"/>, naming the classes. Above 1,000 classes the counts table is left out (it would
    /// have ClassCount² cells) and a line says so; the scores are still listed per class.
    /// </summary>
    /// <param name="classNames">One name per class, or null for the class numbers.</param>
    public string ToString(string[]? classNames)
    {
        string Name(int c) => classNames is not null && c < classNames.Length ? classNames[c] : c.ToString(CultureInfo.InvariantCulture);
        int nameWidth = "true \\ predicted".Length;
        for (int c = 0; c < ClassCount; c++)
        {
            nameWidth = Math.Max(nameWidth, Name(c).Length);
        }

        var text = new StringBuilder();
        if (ClassCount <= CountTableLimit)
        {
            AppendCounts(text, Name, nameWidth);
        }
        else
        {
            // ClassCount² cells: at the class limit that is billions of characters, more than a string holds.
            text.Append(CultureInfo.InvariantCulture, $"(the counts table is left out above {CountTableLimit} classes: it would have {(long)ClassCount * ClassCount} cells; read counts with this[actual, predicted])").AppendLine();
        }

        text.AppendLine();
        text.Append("class".PadRight(nameWidth)).AppendLine("  precision     recall         F1    support");
        for (int c = 0; c < ClassCount; c++)
        {
            AppendScores(text, Name(c).PadRight(nameWidth), Precision(c), Recall(c), F1(c), Support(c));
        }

        AppendScores(text, "macro avg".PadRight(nameWidth), MacroPrecision, MacroRecall, MacroF1, Total);
        AppendScores(text, "weighted avg".PadRight(nameWidth), WeightedPrecision, WeightedRecall, WeightedF1, Total);
        text.Append("accuracy".PadRight(nameWidth)).Append(Accuracy.ToString("F4", CultureInfo.InvariantCulture).PadLeft(11))
            .Append(' ', 22).AppendLine(Total.ToString(CultureInfo.InvariantCulture).PadLeft(11));
        return text.ToString();
    }

    private void AppendCounts(StringBuilder text, Func<int, string> name, int nameWidth)
    {
        int cell = 5;
        for (int c = 0; c < ClassCount; c++)
        {
            cell = Math.Max(cell, name(c).Length + 1);
            for (int p = 0; p < ClassCount; p++)
            {
                cell = Math.Max(cell, this[c, p].ToString(CultureInfo.InvariantCulture).Length + 1);
            }
        }

        text.Append("true \\ predicted".PadRight(nameWidth));
        for (int p = 0; p < ClassCount; p++)
        {
            text.Append(name(p).PadLeft(cell));
        }

        text.AppendLine();
        for (int a = 0; a < ClassCount; a++)
        {
            text.Append(name(a).PadRight(nameWidth));
            for (int p = 0; p < ClassCount; p++)
            {
                text.Append(this[a, p].ToString(CultureInfo.InvariantCulture).PadLeft(cell));
            }

            text.AppendLine();
        }
    }

    private static void AppendScores(StringBuilder text, string label, double precision, double recall, double f1, long support) =>
        text.Append(label)
            .Append(precision.ToString("F4", CultureInfo.InvariantCulture).PadLeft(11))
            .Append(recall.ToString("F4", CultureInfo.InvariantCulture).PadLeft(11))
            .Append(f1.ToString("F4", CultureInfo.InvariantCulture).PadLeft(11))
            .AppendLine(support.ToString(CultureInfo.InvariantCulture).PadLeft(11));

    private double Macro(Func<int, double> score)
    {
        double sum = 0;
        for (int c = 0; c < ClassCount; c++)
        {
            sum += score(c);
        }

        return sum / ClassCount;
    }

    private double Weighted(Func<int, double> score)
    {
        double sum = 0;
        for (int c = 0; c < ClassCount; c++)
        {
            sum += score(c) * Support(c);
        }

        return Ratio(sum, Total);
    }

    private static double Ratio(double numerator, double denominator) => denominator == 0 ? 0 : numerator / denominator;

    /// <summary>The index of cell (actual, predicted), in 64 bits: actual × ClassCount alone can exceed an int.</summary>
    private long Cell(int actual, int predicted) => ((long)actual * ClassCount) + predicted;

    private int Check(int c) =>
        (uint)c < (uint)ClassCount ? c : throw new ArgumentOutOfRangeException(nameof(c), c, $"Class must be in [0, {ClassCount}).");
}
