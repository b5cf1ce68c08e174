using System;
using StaticNet.CompilerServices;

namespace StaticNet;

/// <summary>
/// Measures a network on a dataset: accuracy and a confusion matrix for classifiers (which check that the data are
/// class labels), the mean squared error here and the other regression and binary-classification metrics in
/// RegressionMetrics.cs and BinaryMetrics.cs, each also over plain spans of predictions and targets.
/// </summary>
public static partial class Evaluation
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
    /// <param name="network">The classifier: one output per class, at least 2.</param>
    /// <param name="data">Samples with <see cref="Dataset.Labels"/> in [0, OutputSize), or one-hot targets (one 1, zeros elsewhere).</param>
    /// <exception cref="ArgumentException">
    /// The network has fewer than 2 outputs, or the data are not class labels (a regression target, a label out of
    /// range, targets of another width); the message names the first offending row. Checked before anything runs.
    /// </exception>
    public static ConfusionMatrix ConfusionMatrix(IBatchNetwork network, Dataset data)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(data);
        ClassLabels.RequireClassOutputs(network.OutputSize, nameof(network));
        RequireClassLabels(data, network.OutputSize);
        var matrix = new ConfusionMatrix(network.OutputSize);
        Predict(network, data, (sample, output) => matrix.Add(TrueClass(data, sample), ArgMax(output)));
        return matrix;
    }

    /// <summary>The fraction of samples whose predicted class is the true one.</summary>
    /// <param name="network">The classifier: one output per class, at least 2.</param>
    /// <param name="data">Samples with labels or one-hot targets.</param>
    /// <exception cref="ArgumentException">As for <see cref="ConfusionMatrix(IBatchNetwork, Dataset)"/>.</exception>
    public static double Accuracy(IBatchNetwork network, Dataset data) => ConfusionMatrix(network, data).Accuracy;

    /// <summary>The mean over samples and outputs of (ŷ − y)², for regression.</summary>
    /// <param name="network">The network.</param>
    /// <param name="data">Samples and their targets, one target per network output.</param>
    /// <exception cref="ArgumentException">The data's features or targets per sample do not match the network's inputs or outputs.</exception>
    public static double MeanSquaredError(IBatchNetwork network, Dataset data) =>
        MeanOverOutputs(network, data, static error => error * error);

    /// <summary>The mean over samples and outputs of <paramref name="cost"/>(ŷ − y), accumulated in double.</summary>
    private static double MeanOverOutputs(IBatchNetwork network, Dataset data, Func<double, double> cost)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(data);
        RequireTargetWidth(data, network.OutputSize, "the network gives");
        double sum = 0;
        Predict(network, data, (sample, output) =>
        {
            ReadOnlySpan<float> target = data.TargetsOf(sample);
            for (int k = 0; k < output.Length; k++)
            {
                sum += cost((double)output[k] - target[k]);
            }
        });
        return sum / ((double)data.Count * data.TargetCount);
    }

    private delegate void OutputVisitor(int sample, ReadOnlySpan<float> output);

    /// <summary>Runs the data through the network in batches and shows each output to <paramref name="visit"/>.</summary>
    private static void Predict(IBatchNetwork network, Dataset data, OutputVisitor visit)
    {
        // An empty set has no accuracy or error (0/0), and FeaturesOf(0) would fail with an unclear exception.
        if (data.Count == 0)
        {
            throw new ArgumentException("'data' holds no samples; there is nothing to evaluate.", nameof(data));
        }

        if (data.FeatureCount != network.InputSize)
        {
            throw new ArgumentException(
                $"'data' has {data.FeatureCount} features per sample, but the network takes {network.InputSize} inputs." + ShapeHints.For(data, network.InputSize, data.TargetCount),
                nameof(data));
        }

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

    private static int TrueClass(Dataset data, int sample) => data.Labels?[sample] ?? ClassLabels.HotIndex(data.TargetsOf(sample));

    /// <summary>
    /// Throws unless every sample's class can be read: from <see cref="Dataset.Labels"/> when present (each in
    /// [0, classCount)), otherwise from one-hot target rows of width <paramref name="classCount"/>.
    /// </summary>
    private static void RequireClassLabels(Dataset data, int classCount)
    {
        if (data.Labels is { } labels)
        {
            for (int i = 0; i < labels.Length; i++)
            {
                if ((uint)labels[i] >= (uint)classCount)
                {
                    throw new ArgumentException(
                        $"'data' row {i} has label {labels[i]}, but the network has {classCount} outputs, so a class label must be in [0, {classCount}).",
                        nameof(data));
                }
            }

            return;
        }

        RequireTargetWidth(data, classCount, "the network has");
        for (int i = 0; i < data.Count; i++)
        {
            if (ClassLabels.HotIndex(data.TargetsOf(i)) < 0)
            {
                throw ClassLabels.NotOneHot(nameof(data), $"'data' row {i}", data.TargetsOf(i));
            }
        }
    }

    private static void RequireTargetWidth(Dataset data, int outputSize, string networkSide)
    {
        if (data.TargetCount != outputSize)
        {
            throw new ArgumentException(
                $"'data' has {data.TargetCount} targets per sample, but {networkSide} {outputSize} outputs; give one target per output." + ShapeHints.Targets(data, outputSize),
                nameof(data));
        }
    }
}
