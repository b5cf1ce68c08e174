using System;

namespace StaticNet;

/// <summary>
/// <see cref="TrainerOptions.ClassWeights"/> and <see cref="TrainerOptions.SampleWeights"/> checked against the
/// training set and combined into one weight per sample, before training starts.
/// </summary>
internal static class TrainingWeights
{
    /// <summary>
    /// Each training sample's weight: its sample weight times its class's weight; null when neither option is set.
    /// </summary>
    /// <exception cref="ArgumentException">A weight is negative or not finite, or a list does not match the data.</exception>
    public static float[]? Combine(TrainerOptions options, Dataset train)
    {
        if (options.ClassWeights is null && options.SampleWeights is null)
        {
            return null;
        }

        var weights = new float[train.Count];
        if (options.SampleWeights is { } sampleWeights)
        {
            if (sampleWeights.Count != train.Count)
            {
                throw new ArgumentException($"TrainerOptions.SampleWeights holds {sampleWeights.Count} weights but 'train' has {train.Count} samples; give one weight per training sample, in its order.", nameof(train));
            }

            for (int s = 0; s < weights.Length; s++)
            {
                weights[s] = Check(sampleWeights[s], nameof(TrainerOptions.SampleWeights), s);
            }
        }
        else
        {
            weights.AsSpan().Fill(1f);
        }

        if (options.ClassWeights is { } classWeights)
        {
            int[] labels = train.Labels ?? throw new ArgumentException("TrainerOptions.ClassWeights needs class labels, but 'train' has none (it is not classification data); read it with CsvReader.ReadClassification or make it with Dataset.FromLabels, or use SampleWeights.", nameof(train));
            int classes = Math.Max(train.TargetCount, 2);
            if (classWeights.Count != classes)
            {
                throw new ArgumentException($"TrainerOptions.ClassWeights holds {classWeights.Count} weights but the network has {classes} classes ({(train.TargetCount == 1 ? "a one-output binary network: class 0 and class 1" : "one per output")}).", nameof(train));
            }

            for (int c = 0; c < classes; c++)
            {
                Check(classWeights[c], nameof(TrainerOptions.ClassWeights), c);
            }

            for (int s = 0; s < weights.Length; s++)
            {
                if ((uint)labels[s] >= (uint)classes)
                {
                    throw new ArgumentException($"Sample {s} of 'train' has label {labels[s]}, outside [0, {classes}); ClassWeights cannot weigh it.", nameof(train));
                }

                weights[s] *= classWeights[labels[s]];
            }
        }

        return weights;
    }

    /// <summary>The sum of the weights of the samples <paramref name="rows"/>, in double.</summary>
    public static double Sum(float[] weights, ReadOnlySpan<int> rows)
    {
        double sum = 0d;
        foreach (int row in rows)
        {
            sum += weights[row];
        }

        return sum;
    }

    private static float Check(float weight, string option, int index) =>
        weight >= 0f && float.IsFinite(weight)
            ? weight
            : throw new ArgumentException($"TrainerOptions.{option}[{index}] is {weight}; weights must be finite and at least 0.", option);
}
