using System;

namespace StaticNet;

/// <summary>The checks every span metric of <see cref="Evaluation"/> makes on its arguments.</summary>
internal static class MetricArguments
{
    /// <summary>Throws unless both spans hold the same, non-zero number of values.</summary>
    public static void RequirePairs(ReadOnlySpan<float> predictions, ReadOnlySpan<float> targets, string predictionsName, string targetsName)
    {
        if (predictions.Length != targets.Length)
        {
            throw new ArgumentException(
                $"'{targetsName}' has {targets.Length} values but '{predictionsName}' has {predictions.Length}; give one target per prediction.",
                targetsName);
        }

        if (predictions.IsEmpty)
        {
            throw new ArgumentException($"'{predictionsName}' is empty; a metric needs at least one sample.", predictionsName);
        }
    }

    /// <summary>Throws unless the dataset has at least one sample.</summary>
    public static void RequireSamples(Dataset data)
    {
        if (data.Count == 0)
        {
            throw new ArgumentException("'data' holds no samples; a metric needs at least one.", nameof(data));
        }
    }

    /// <summary>Throws unless the network and the data have a single output and target: a binary classifier's probability and 0/1 label.</summary>
    public static void RequireBinary(IBatchNetwork network, Dataset data)
    {
        if (network.OutputSize != 1 || data.TargetCount != 1)
        {
            throw new ArgumentException(
                $"Binary metrics need a network with one output (the probability of class 1, e.g. a sigmoid) and one target per sample, but the network has {network.OutputSize} outputs and 'data' {data.TargetCount} targets; for a softmax classifier pass its class-1 outputs to the span overload.",
                nameof(network));
        }
    }
}
