using System;
using System.ComponentModel;

namespace StaticNet.CompilerServices;

/// <summary>
/// <see cref="DenseKernels"/> for networks declared with <c>Deterministic = true</c>. The products over the batch
/// (∂W, BP2) sum each output in order with fused multiply-adds, which is width-independent as it stands; the dot
/// products of the forward pass (along the vectors) take eight partial sums in one tree at every width, then the
/// last inputs in order. All of them allocate nothing.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class DeterministicDenseKernels
{
    /// <inheritdoc cref="DenseKernels.Forward(ReadOnlySpan{float}, ReadOnlySpan{float}, ReadOnlySpan{float}, Span{float})"/>
    public static void Forward(ReadOnlySpan<float> weights, ReadOnlySpan<float> biases, ReadOnlySpan<float> input, Span<float> output) =>
        DenseKernels.Forward(weights, biases, input, output, deterministic: true);

    /// <inheritdoc cref="DenseKernels.ForwardBatch(ReadOnlySpan{float}, ReadOnlySpan{float}, ReadOnlySpan{float}, Span{float}, int)"/>
    public static void ForwardBatch(ReadOnlySpan<float> weights, ReadOnlySpan<float> biases, ReadOnlySpan<float> inputs, Span<float> outputs, int count) =>
        DenseKernels.ForwardBatch(weights, biases, inputs, outputs, count, deterministic: true);

    /// <inheritdoc cref="DenseKernels.AccumulateGradient(ReadOnlySpan{float}, ReadOnlySpan{float}, Span{float}, Span{float}, int)"/>
    public static void AccumulateGradient(ReadOnlySpan<float> deltas, ReadOnlySpan<float> inputs, Span<float> weightGradient, Span<float> biasGradient, int count) =>
        DenseKernels.AccumulateGradient(deltas, inputs, weightGradient, biasGradient, count, deterministic: true);

    /// <inheritdoc cref="DenseKernels.BackpropagateError(ReadOnlySpan{float}, ReadOnlySpan{float}, Span{float}, int)"/>
    public static void BackpropagateError(ReadOnlySpan<float> weights, ReadOnlySpan<float> deltas, Span<float> previous, int count) =>
        DenseKernels.BackpropagateError(weights, deltas, previous, count, deterministic: true);
}
