using System;
using System.ComponentModel;
using StaticNet.Kernels;

namespace StaticNet.CompilerServices;

/// <summary>
/// <see cref="OutputError"/> for networks declared with <c>Deterministic = true</c>: the losses computed from logits
/// use the project's own e^x and ln x; the other forms are plain adds and multiplies in one order, already
/// deterministic.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class DeterministicOutputError
{
    /// <inheritdoc cref="OutputError.SoftmaxCrossEntropy(ReadOnlySpan{float}, ReadOnlySpan{float}, ReadOnlySpan{float}, Span{float}, float)"/>
    public static float SoftmaxCrossEntropy(ReadOnlySpan<float> logits, ReadOnlySpan<float> output, ReadOnlySpan<float> target, Span<float> delta, float scale) =>
        OutputError.SoftmaxCrossEntropy<PortableMath>(logits, output, target, delta, scale);

    /// <inheritdoc cref="OutputError.SigmoidBinaryCrossEntropy(ReadOnlySpan{float}, ReadOnlySpan{float}, ReadOnlySpan{float}, Span{float}, float)"/>
    public static float SigmoidBinaryCrossEntropy(ReadOnlySpan<float> logits, ReadOnlySpan<float> output, ReadOnlySpan<float> target, Span<float> delta, float scale) =>
        OutputError.SigmoidBinaryCrossEntropy<PortableMath>(logits, output, target, delta, scale);

    /// <inheritdoc cref="OutputError.MeanSquaredError(ReadOnlySpan{float}, ReadOnlySpan{float}, Span{float}, float)"/>
    public static float MeanSquaredError(ReadOnlySpan<float> output, ReadOnlySpan<float> target, Span<float> delta, float scale) => OutputError.MeanSquaredError(output, target, delta, scale);

    /// <inheritdoc cref="OutputError.SoftmaxMeanSquaredError(ReadOnlySpan{float}, ReadOnlySpan{float}, Span{float}, float)"/>
    public static float SoftmaxMeanSquaredError(ReadOnlySpan<float> output, ReadOnlySpan<float> target, Span<float> delta, float scale) => OutputError.SoftmaxMeanSquaredError(output, target, delta, scale);

    /// <inheritdoc cref="OutputError.Huber(ReadOnlySpan{float}, ReadOnlySpan{float}, Span{float}, float)"/>
    public static float Huber(ReadOnlySpan<float> output, ReadOnlySpan<float> target, Span<float> delta, float scale) => OutputError.Huber(output, target, delta, scale);

    /// <inheritdoc cref="OutputError.SoftmaxHuber(ReadOnlySpan{float}, ReadOnlySpan{float}, Span{float}, float)"/>
    public static float SoftmaxHuber(ReadOnlySpan<float> output, ReadOnlySpan<float> target, Span<float> delta, float scale) => OutputError.SoftmaxHuber(output, target, delta, scale);

    /// <inheritdoc cref="OutputError.MeanAbsoluteError(ReadOnlySpan{float}, ReadOnlySpan{float}, Span{float}, float)"/>
    public static float MeanAbsoluteError(ReadOnlySpan<float> output, ReadOnlySpan<float> target, Span<float> delta, float scale) => OutputError.MeanAbsoluteError(output, target, delta, scale);

    /// <inheritdoc cref="OutputError.SoftmaxMeanAbsoluteError(ReadOnlySpan{float}, ReadOnlySpan{float}, Span{float}, float)"/>
    public static float SoftmaxMeanAbsoluteError(ReadOnlySpan<float> output, ReadOnlySpan<float> target, Span<float> delta, float scale) => OutputError.SoftmaxMeanAbsoluteError(output, target, delta, scale);

    /// <inheritdoc cref="OutputError.Huber(ReadOnlySpan{float}, ReadOnlySpan{float}, Span{float}, float, float)"/>
    public static float Huber(ReadOnlySpan<float> output, ReadOnlySpan<float> target, Span<float> delta, float scale, float huberDelta) =>
        OutputError.Huber(output, target, delta, scale, huberDelta);

    /// <inheritdoc cref="OutputError.SoftmaxHuber(ReadOnlySpan{float}, ReadOnlySpan{float}, Span{float}, float, float)"/>
    public static float SoftmaxHuber(ReadOnlySpan<float> output, ReadOnlySpan<float> target, Span<float> delta, float scale, float huberDelta) =>
        OutputError.SoftmaxHuber(output, target, delta, scale, huberDelta);
}
