using System;
using StaticNet;

namespace StaticNet.Tests.Networks;

/// <summary>A hand-written IBatchNetwork without workspaces: ParallelBackward can only run its parts one by one.</summary>
internal class SequentialOnly(IBatchNetwork inner) : IBatchNetwork
{
    public int InputSize => inner.InputSize;

    public int OutputSize => inner.OutputSize;

    public int ParameterCount => inner.ParameterCount;

    public ReadOnlySpan<int> LayerSizes => inner.LayerSizes;

    public Span<float> Parameters => inner.Parameters;

    public WeightOrder GetWeightOrder(int layer) => inner.GetWeightOrder(layer);

    public void Initialize(int seed) => inner.Initialize(seed);

    public void Forward(ReadOnlySpan<float> input, Span<float> output) => inner.Forward(input, output);

    public float Backward(ReadOnlySpan<float> input, ReadOnlySpan<float> target, Span<float> gradient) => inner.Backward(input, target, gradient);

    public float Backward(ReadOnlySpan<float> input, ReadOnlySpan<float> target, Span<float> gradient, Span<float> inputGradient) =>
        inner.Backward(input, target, gradient, inputGradient);

    public void Backpropagate(ReadOnlySpan<float> input, ReadOnlySpan<float> outputGradient, Span<float> gradient, Span<float> inputGradient) =>
        inner.Backpropagate(input, outputGradient, gradient, inputGradient);

    public float Loss(ReadOnlySpan<float> output, ReadOnlySpan<float> target) => inner.Loss(output, target);

    public void ForwardBatch(ReadOnlySpan<float> inputs, Span<float> outputs) => inner.ForwardBatch(inputs, outputs);

    public float BackwardBatch(ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets, Span<float> gradient) => inner.BackwardBatch(inputs, targets, gradient);
}
