using System;
using System.ComponentModel;
using StaticNet.Kernels;

namespace StaticNet.CompilerServices;

/// <summary>
/// <see cref="Losses"/> for networks declared with <c>Deterministic = true</c>: the logarithms are the project's own
/// (<c>PortableMath</c>), not the platform's; the other losses are plain adds and multiplies in one order, already
/// deterministic.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class DeterministicLosses
{
    /// <inheritdoc cref="Losses.MeanSquaredError(ReadOnlySpan{float}, ReadOnlySpan{float})"/>
    public static float MeanSquaredError(ReadOnlySpan<float> output, ReadOnlySpan<float> target) => Losses.MeanSquaredError(output, target);

    /// <inheritdoc cref="Losses.CrossEntropy(ReadOnlySpan{float}, ReadOnlySpan{float})"/>
    public static float CrossEntropy(ReadOnlySpan<float> output, ReadOnlySpan<float> target) => Losses.CrossEntropy<PortableMath>(output, target);

    /// <inheritdoc cref="Losses.BinaryCrossEntropy(ReadOnlySpan{float}, ReadOnlySpan{float})"/>
    public static float BinaryCrossEntropy(ReadOnlySpan<float> output, ReadOnlySpan<float> target) => Losses.BinaryCrossEntropy<PortableMath>(output, target);

    /// <inheritdoc cref="Losses.Huber(ReadOnlySpan{float}, ReadOnlySpan{float})"/>
    public static float Huber(ReadOnlySpan<float> output, ReadOnlySpan<float> target) => Losses.Huber(output, target);

    /// <inheritdoc cref="Losses.Huber(ReadOnlySpan{float}, ReadOnlySpan{float}, float)"/>
    public static float Huber(ReadOnlySpan<float> output, ReadOnlySpan<float> target, float delta) => Losses.Huber(output, target, delta);

    /// <inheritdoc cref="Losses.MeanAbsoluteError(ReadOnlySpan{float}, ReadOnlySpan{float})"/>
    public static float MeanAbsoluteError(ReadOnlySpan<float> output, ReadOnlySpan<float> target) => Losses.MeanAbsoluteError(output, target);
}
