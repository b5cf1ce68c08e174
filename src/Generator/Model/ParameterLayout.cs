using System;
using System.Collections.Generic;

namespace StaticNet.Generator.Model;

/// <summary>
/// Where one weight layer l (1-based) lives in the parameter buffer: W[l] (<see cref="Size"/> × <see cref="InputSize"/>,
/// row-major) at <see cref="WeightsOffset"/>, then b[l] at <see cref="BiasesOffset"/>.
/// </summary>
internal sealed record LayerLayout(int Index, int InputSize, int Size, int WeightsOffset, int WeightsLength, int BiasesOffset)
{
    /// <summary>The offset of the next layer's weights.</summary>
    public int EndOffset => BiasesOffset + Size;
}

/// <summary>
/// The parameter layout of a network (PyTorch's nn.Linear order: W[1], b[1], W[2], b[2], …), computed here only: the
/// validator lays out a valid network's layers with it and checks its size, the plan and the emitters read those
/// layers, and the shell of an invalid network takes its constants from it.
/// </summary>
internal sealed class ParameterLayout
{
    private ParameterLayout(int[] sizes, LayerLayout[] layers, long totalParameters)
    {
        Sizes = sizes;
        Layers = layers;
        TotalParameters = totalParameters;
    }

    /// <summary>The layer sizes as written, but never negative (a negative size counts as 0).</summary>
    public IReadOnlyList<int> Sizes { get; }

    /// <summary>One entry per weight layer, layer 1 first.</summary>
    public IReadOnlyList<LayerLayout> Layers { get; }

    /// <summary>Σ_l (n[l−1] + 1)·n[l], exact even where it exceeds int: what the size check compares with its limit.</summary>
    public long TotalParameters { get; }

    /// <summary>The parameter count as a constant can state it: <see cref="TotalParameters"/>, saturated at int.MaxValue.</summary>
    public int ParameterCount => (int)Saturate(TotalParameters);

    /// <summary>
    /// Lays out a network of <paramref name="sizes"/>. Sizes can be as wrong as the attribute allows (the shell of a
    /// network that SN0006 or SN0007 rejects still states constants), so negative sizes count as 0 and every offset
    /// saturates at int.MaxValue instead of overflowing into a negative constant; for a valid network both are exact.
    /// </summary>
    public static ParameterLayout Of(IReadOnlyList<int> sizes)
    {
        var clamped = new int[sizes.Count];
        for (int i = 0; i < clamped.Length; i++)
        {
            clamped[i] = Math.Max(sizes[i], 0);
        }

        var layers = new LayerLayout[Math.Max(clamped.Length - 1, 0)];
        long offset = 0, total = 0;
        for (int l = 1; l < clamped.Length; l++)
        {
            int inputSize = clamped[l - 1], size = clamped[l];
            long weightsLength = Saturate((long)size * inputSize);
            long biasesOffset = Saturate(offset + weightsLength);
            layers[l - 1] = new LayerLayout(l, inputSize, size, (int)offset, (int)weightsLength, (int)biasesOffset);
            offset = Saturate(biasesOffset + size);
            total += ((long)inputSize + 1) * size;
        }

        return new ParameterLayout(clamped, layers, total);
    }

    private static long Saturate(long value) => Math.Min(value, int.MaxValue);
}
