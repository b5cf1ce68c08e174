using System;
using System.Collections.Generic;

namespace StaticNet.Tests.Networks;

/// <summary>
/// Holds the parameters of <paramref name="shape"/>'s architecture with the weight layers in
/// <paramref name="columnLayers"/> stored column-major, as the generator may choose for speed: what the readers,
/// writers and accessors must convert. It only stores parameters; its passes are not needed for that and throw.
/// </summary>
internal sealed class ColumnOrderNetwork(INetwork shape, params int[] columnLayers) : INetwork
{
    private readonly float[] _parameters = new float[shape.ParameterCount];
    private readonly HashSet<int> _columnLayers = new(columnLayers);

    public int InputSize => shape.InputSize;

    public int OutputSize => shape.OutputSize;

    public int ParameterCount => shape.ParameterCount;

    public ReadOnlySpan<int> LayerSizes => shape.LayerSizes;

    public Span<float> Parameters => _parameters;

    public WeightOrder GetWeightOrder(int layer) =>
        layer >= 1 && layer < LayerSizes.Length
            ? _columnLayers.Contains(layer) ? WeightOrder.ColumnMajor : WeightOrder.RowMajor
            : throw new ArgumentOutOfRangeException(nameof(layer));

    public void Initialize(int seed) => throw new NotSupportedException();

    public void Forward(ReadOnlySpan<float> input, Span<float> output) => throw new NotSupportedException();

    public float Backward(ReadOnlySpan<float> input, ReadOnlySpan<float> target, Span<float> gradient) => throw new NotSupportedException();

    public float Backward(ReadOnlySpan<float> input, ReadOnlySpan<float> target, Span<float> gradient, Span<float> inputGradient) =>
        throw new NotSupportedException();

    public void Backpropagate(ReadOnlySpan<float> input, ReadOnlySpan<float> outputGradient, Span<float> gradient, Span<float> inputGradient) =>
        throw new NotSupportedException();

    public float Loss(ReadOnlySpan<float> output, ReadOnlySpan<float> target) => throw new NotSupportedException();
}
