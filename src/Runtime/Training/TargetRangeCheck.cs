using System;
using System.Globalization;

namespace StaticNet;

/// <summary>
/// Before training, checks that the targets lie in the range of the network's output activation: a regression
/// network left with the default Sigmoid output can never reach targets of hundreds, and trains to a useless model
/// without any error. <see cref="INetwork"/> does not say which activation the output has, so this measures it: with
/// the last layer's weights set to 0, output k is the activation of its bias alone, whatever the input and the hidden
/// layers, so a sweep of biases traces the activation's range. The last layer's parameters are put back bit for bit.
/// </summary>
internal static class TargetRangeCheck
{
    // Biases swept: dense around 0, where GELU and SiLU have their minimum, and far out on both sides, where a
    // bounded activation has settled and an unbounded one keeps growing.
    private static readonly float[] Sweep =
    [
        -100f, -50f, -20f, -10f, -5f, -3f, -2f, -1.5f, -1.25f, -1f, -0.75f, -0.5f, -0.25f, 0f,
        0.25f, 0.5f, 1f, 2f, 5f, 10f, 20f, 50f, 100f,
    ];

    /// <summary>Throws when a target of <paramref name="data"/> lies outside what the network's outputs can reach.</summary>
    /// <exception cref="ArgumentException">A target is out of range; the message says what to change.</exception>
    public static void Require(INetwork network, Dataset data, string name)
    {
        (float low, float high, bool softmax) = MeasureOutputRange(network);
        bool boundedBelow = low > float.NegativeInfinity, boundedAbove = high < float.PositiveInfinity;
        if (!boundedBelow && !boundedAbove && !softmax)
        {
            return;
        }

        float tolerance = boundedBelow && boundedAbove ? 1e-3f * (high - low) : 1e-3f;
        float min = float.PositiveInfinity, max = float.NegativeInfinity;
        int minAt = 0, maxAt = 0, badSumAt = -1;
        for (int s = 0; s < data.Count; s++)
        {
            ReadOnlySpan<float> targets = data.TargetsOf(s);
            float sum = 0f;
            foreach (float t in targets)
            {
                (min, minAt) = t < min ? (t, s) : (min, minAt);
                (max, maxAt) = t > max ? (t, s) : (max, maxAt);
                sum += t;
            }

            if (softmax && badSumAt < 0 && MathF.Abs(sum - 1f) > 1e-3f)
            {
                badSumAt = s;
            }
        }

        string range = Describe(low, high);
        const string Remedy = "declare Output = Activation.Identity for regression (with Loss = Loss.MeanSquaredError), or scale the targets into that range (Standardizer.FitTargets gives zero mean and unit variance, which suits Identity)";
        if (boundedAbove && max > high + tolerance)
        {
            throw new ArgumentException(Invariant($"The targets of '{name}' go up to {max:G6} (sample {maxAt}), but this network's outputs lie in {range} ({Kind(low, high, softmax)}): {Remedy}."), name);
        }

        if (boundedBelow && min < low - tolerance)
        {
            throw new ArgumentException(Invariant($"The targets of '{name}' go down to {min:G6} (sample {minAt}), but this network's outputs lie in {range} ({Kind(low, high, softmax)}): {Remedy}."), name);
        }

        if (badSumAt >= 0)
        {
            throw new ArgumentException(
                Invariant($"The targets of sample {badSumAt} of '{name}' do not sum to 1, but a Softmax output always does: give one-hot targets or class probabilities (CsvReader.ReadClassification, Dataset.FromLabels), or declare another Output activation."),
                name);
        }
    }

    /// <summary>
    /// The least and greatest values the output activation gave over the sweep, −∞ or +∞ where it kept growing
    /// (from ±50 to ±100 by more than 1), and whether every probe's outputs summed to 1 (a softmax of 2 or more outputs).
    /// </summary>
    private static (float Low, float High, bool Softmax) MeasureOutputRange(INetwork network)
    {
        ReadOnlySpan<int> sizes = network.LayerSizes;
        int outputs = sizes[^1];
        int lastLayer = (outputs * sizes[^2]) + outputs;
        Span<float> last = network.Parameters[^lastLayer..];
        float[] saved = last.ToArray();
        var input = new float[network.InputSize];
        var output = new float[outputs];
        float low = float.PositiveInfinity, high = float.NegativeInfinity;
        float atMinus100 = 0f, atMinus50 = 0f, at50 = 0f, at100 = 0f;
        bool sumsToOne = outputs >= 2;
        try
        {
            Span<float> biases = last[^outputs..];
            last.Clear();
            foreach (float bias in Sweep)
            {
                // Output 0 takes the swept bias, the others 0: a softmax then spreads over (0, 1) instead of 1/n each.
                biases[0] = bias;
                network.Forward(input, output);
                float sum = 0f;
                foreach (float y in output)
                {
                    low = MathF.Min(low, y);
                    high = MathF.Max(high, y);
                    sum += y;
                }

                sumsToOne &= MathF.Abs(sum - 1f) <= 1e-4f;
                switch (bias)
                {
                    case -100f: atMinus100 = output[0]; break;
                    case -50f: atMinus50 = output[0]; break;
                    case 50f: at50 = output[0]; break;
                    case 100f: at100 = output[0]; break;
                }
            }
        }
        finally
        {
            saved.CopyTo(last);
        }

        // Still growing between ±50 and ±100 (by more than 1): unbounded on that side (Identity, ReLU, LeakyReLU…).
        // NaN outputs compare false everywhere and leave the check out rather than raise a false alarm.
        high = at100 > at50 + 1f || !float.IsFinite(high) ? float.PositiveInfinity : high;
        low = atMinus100 < atMinus50 - 1f || !float.IsFinite(low) ? float.NegativeInfinity : low;
        return (low, high, sumsToOne);
    }

    private static string Describe(float low, float high) => Invariant($"[{Bound(low)}, {Bound(high)}]");

    private static string Bound(float value) => float.IsInfinity(value) ? (value > 0 ? "+∞" : "−∞") : value.ToString("G4", CultureInfo.InvariantCulture);

    private static string Kind(float low, float high, bool softmax) =>
        softmax ? "a Softmax output"
        : low >= -1e-6f && high <= 1f + 1e-6f ? "a bounded output activation such as Sigmoid"
        : low >= -1f - 1e-6f && high <= 1f + 1e-6f ? "a bounded output activation such as Tanh"
        : "the output activation's range";

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
