using System;
using System.Globalization;
using System.Text;

namespace StaticNet;

/// <summary>
/// Checks that data really are class labels before a classification metric counts them: a regression target or a
/// one-output network would otherwise come out as a plausible-looking but meaningless table.
/// </summary>
internal static class ClassLabels
{
    /// <summary>The index of the single 1 in a row that is 0 everywhere else, or -1 when the row is not one-hot.</summary>
    public static int HotIndex(ReadOnlySpan<float> row)
    {
        int hot = -1;
        for (int i = 0; i < row.Length; i++)
        {
            float value = row[i];
            if (value == 1f && hot < 0)
            {
                hot = i;
            }
            else if (value != 0f)
            {
                return -1;
            }
        }

        return hot;
    }

    /// <summary>Throws unless a classifier has one output per class, so that the arg max of its output is a class.</summary>
    public static void RequireClassOutputs(int outputSize, string parameterName)
    {
        if (outputSize < 2)
        {
            throw new ArgumentException(
                $"'{parameterName}' has {outputSize} output, but classification metrics need one output per class (at least 2) to take the arg max of. " +
                "For a one-output Sigmoid classifier, threshold its output at 0.5 yourself, or give the network 2 outputs with Output = Activation.Softmax.",
                parameterName);
        }
    }

    /// <summary>The exception for a row that should be one-hot but is not, naming the row and showing its values.</summary>
    public static ArgumentException NotOneHot(string parameterName, string row, ReadOnlySpan<float> values) =>
        new(
            $"{row} is not a one-hot class label: it is {Format(values)}, but a class label is exactly one 1 and 0 everywhere else. " +
            "For regression data, use Evaluation.MeanSquaredError instead.",
            parameterName);

    /// <summary>The values as "[0, 0.5, 1]", at most the first 10 of them: enough to recognise the row.</summary>
    public static string Format(ReadOnlySpan<float> values)
    {
        const int Shown = 10;
        var text = new StringBuilder("[");
        for (int i = 0; i < Math.Min(values.Length, Shown); i++)
        {
            text.Append(i > 0 ? ", " : string.Empty).Append(values[i].ToString(CultureInfo.InvariantCulture));
        }

        return text.Append(values.Length > Shown ? ", …]" : "]").ToString();
    }
}
