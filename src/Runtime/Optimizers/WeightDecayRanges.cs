using System;
using System.Numerics.Tensors;

namespace StaticNet;

/// <summary>
/// Where weight decay applies: every parameter (the default, as PyTorch's <c>model.parameters()</c>), or only the
/// weight matrices of a network, its biases left out (PyTorch's two parameter groups, the biases with
/// <c>weight_decay=0</c>). The ranges come from <see cref="INetwork.LayerSizes"/>: layer l holds its weights, then
/// its biases.
/// </summary>
internal sealed class WeightDecayRanges
{
    private readonly (int Start, int Length)[] _weights;
    private readonly int _parameterCount;

    private WeightDecayRanges((int Start, int Length)[] weights, int parameterCount)
    {
        _weights = weights;
        _parameterCount = parameterCount;
    }

    /// <summary>The weight ranges of <paramref name="network"/>.</summary>
    public static WeightDecayRanges WeightsOf(INetwork network)
    {
        ArgumentNullException.ThrowIfNull(network);
        ReadOnlySpan<int> sizes = network.LayerSizes;
        var weights = new (int Start, int Length)[sizes.Length - 1];
        int offset = 0;
        for (int l = 1; l < sizes.Length; l++)
        {
            weights[l - 1] = (offset, sizes[l] * sizes[l - 1]);
            offset += (sizes[l] * sizes[l - 1]) + sizes[l];
        }

        return new WeightDecayRanges(weights, offset);
    }

    /// <summary>Throws unless <paramref name="parameters"/> is the network these ranges were taken from.</summary>
    public void Require(ReadOnlySpan<float> parameters)
    {
        if (parameters.Length != _parameterCount)
        {
            throw new ArgumentException(
                $"'parameters' has length {parameters.Length}, but the network whose biases are left out of the weight decay has {_parameterCount} parameters; call ExcludeBiasesFromWeightDecay with the network being trained.",
                nameof(parameters));
        }
    }

    /// <summary>
    /// decayed ← g + λ·θ on the weights, g on the biases (<paramref name="decayed"/> starts as a copy of g), over the
    /// parameters that start at <paramref name="start"/> in the whole vector: any range, even one that cuts through
    /// a weight matrix.
    /// </summary>
    public void AddDecay(int start, ReadOnlySpan<float> parameters, float weightDecay, Span<float> decayed)
    {
        for (int w = 0; w < _weights.Length; w++)
        {
            if (Overlap(w, start, parameters.Length, out int offset, out int length))
            {
                TensorPrimitives.MultiplyAdd(parameters.Slice(offset, length), weightDecay, decayed.Slice(offset, length), decayed.Slice(offset, length));
            }
        }
    }

    /// <summary>θ ← θ·factor on the weights, the biases unchanged, over the parameters that start at <paramref name="start"/>.</summary>
    public void Scale(int start, Span<float> parameters, float factor)
    {
        for (int w = 0; w < _weights.Length; w++)
        {
            if (Overlap(w, start, parameters.Length, out int offset, out int length))
            {
                TensorPrimitives.Multiply(parameters.Slice(offset, length), factor, parameters.Slice(offset, length));
            }
        }
    }

    /// <summary>Where weight matrix <paramref name="w"/> meets the range [start, start + count), relative to start.</summary>
    private bool Overlap(int w, int start, int count, out int offset, out int length)
    {
        (int weightStart, int weightLength) = _weights[w];
        int first = Math.Max(weightStart, start);
        int end = Math.Min(weightStart + weightLength, start + count);
        offset = first - start;
        length = end - first;
        return length > 0;
    }
}
