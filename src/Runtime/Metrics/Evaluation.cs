using System;

namespace StaticNet;

/// <summary>Measures a network on a dataset: accuracy, a confusion matrix, or the mean squared error for regression.</summary>
public static class Evaluation
{
    /// <summary>The predicted class: the index of the largest output (the first, on ties).</summary>
    /// <param name="output">A network output.</param>
    public static int ArgMax(ReadOnlySpan<float> output)
    {
        int best = 0;
        for (int i = 1; i < output.Length; i++)
        {
            if (output[i] > output[best])
            {
                best = i;
            }
        }

        return best;
    }

    /// <summary>The confusion matrix of the network's predictions (arg max of each output) against the true classes.</summary>
    /// <param name="network">The classifier.</param>
    /// <param name="data">Samples with <see cref="Dataset.Labels"/>, or one-hot targets.</param>
    public static ConfusionMatrix ConfusionMatrix(IBatchNetwork network, Dataset data)
    {
        var matrix = new ConfusionMatrix(Math.Max(network.OutputSize, 2));
        Predict(network, data, (sample, output) => matrix.Add(TrueClass(data, sample), ArgMax(output)));
        return matrix;
    }

    /// <summary>The fraction of samples whose predicted class is the true one.</summary>
    /// <param name="network">The classifier.</param>
    /// <param name="data">Samples with labels or one-hot targets.</param>
    public static double Accuracy(IBatchNetwork network, Dataset data) => ConfusionMatrix(network, data).Accuracy;

    /// <summary>The mean over samples and outputs of (ŷ − y)², for regression.</summary>
    /// <param name="network">The network.</param>
    /// <param name="data">Samples and their targets.</param>
    public static double MeanSquaredError(IBatchNetwork network, Dataset data)
    {
        double sum = 0;
        Predict(network, data, (sample, output) =>
        {
            ReadOnlySpan<float> target = data.TargetsOf(sample);
            for (int k = 0; k < output.Length; k++)
            {
                double error = output[k] - target[k];
                sum += error * error;
            }
        });
        return sum / ((double)data.Count * data.TargetCount);
    }

    private delegate void OutputVisitor(int sample, ReadOnlySpan<float> output);

    /// <summary>Runs the data through the network in batches and shows each output to <paramref name="visit"/>.</summary>
    private static void Predict(IBatchNetwork network, Dataset data, OutputVisitor visit)
    {
        SpanLength.Require(data.FeaturesOf(0), network.InputSize, "data.FeatureCount");
        const int Batch = 256;
        var outputs = new float[Batch * network.OutputSize];
        for (int start = 0; start < data.Count; start += Batch)
        {
            int n = Math.Min(Batch, data.Count - start);
            Span<float> block = outputs.AsSpan(0, n * network.OutputSize);
            network.ForwardBatch(data.Features.AsSpan(start * data.FeatureCount, n * data.FeatureCount), block);
            for (int s = 0; s < n; s++)
            {
                visit(start + s, block.Slice(s * network.OutputSize, network.OutputSize));
            }
        }
    }

    private static int TrueClass(Dataset data, int sample) => data.Labels?[sample] ?? ArgMax(data.TargetsOf(sample));
}
