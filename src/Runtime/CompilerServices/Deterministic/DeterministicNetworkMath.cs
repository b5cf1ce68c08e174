using System;
using System.ComponentModel;
using System.Runtime.CompilerServices;
using StaticNet.Kernels;

namespace StaticNet.CompilerServices;

/// <summary>
/// <see cref="NetworkMath"/> for networks declared with <c>Deterministic = true</c>: each function is the activation's
/// one form over the vector lanes (<c>Kernels/Activations/</c>, <c>Evaluate</c>) at one float, with fused
/// multiply-adds and no platform math (<c>FusedFloat</c>; in the netstandard2.1 build the twins of those forms, with a
/// software fused multiply-add), so it gives the bits of every lane of <c>DeterministicVectorActivations</c> and
/// <see cref="DeterministicActivationKernels"/> on every platform.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class DeterministicNetworkMath
{
    /// <inheritdoc cref="NetworkMath.Sigmoid(float)"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Sigmoid(float z) => FusedFloat.Apply(new SigmoidOperator(), z);

    /// <inheritdoc cref="NetworkMath.Tanh(float)"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Tanh(float z) => FusedFloat.Apply(new TanhOperator(), z);

    /// <inheritdoc cref="NetworkMath.ReLU(float)"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float ReLU(float z) => FusedFloat.Apply(new ReLUOperator(), z);

    /// <inheritdoc cref="NetworkMath.LeakyReLU(float, float)"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float LeakyReLU(float z, float slope) => FusedFloat.Apply(new LeakyReLUOperator(slope), z);

    /// <inheritdoc cref="NetworkMath.GELU(float)"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float GELU(float z) => FusedFloat.Apply(new GELUOperator(), z);

    /// <inheritdoc cref="NetworkMath.MultiplyGELUDerivative(float, float)"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float MultiplyGELUDerivative(float value, float z) => FusedFloat.Apply(new GELUOperator(), value, z);

    /// <inheritdoc cref="NetworkMath.SiLU(float)"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float SiLU(float z) => FusedFloat.Apply(new SiLUOperator(), z);

    /// <inheritdoc cref="NetworkMath.MultiplySiLUDerivative(float, float)"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float MultiplySiLUDerivative(float value, float z) => FusedFloat.Apply(new SiLUOperator(), value, z);

    /// <inheritdoc cref="NetworkMath.ELU(float)"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float ELU(float z) => FusedFloat.Apply(new ELUOperator(), z);

    /// <inheritdoc cref="NetworkMath.MultiplyELUDerivative(float, float)"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float MultiplyELUDerivative(float value, float z) => FusedFloat.Apply(new ELUOperator(), value, z);

    /// <inheritdoc cref="NetworkMath.Softplus(float)"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Softplus(float z) => FusedFloat.Apply(new SoftplusOperator(), z);

    /// <inheritdoc cref="NetworkMath.MultiplySoftplusDerivative(float, float)"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float MultiplySoftplusDerivative(float value, float z) => FusedFloat.Apply(new SoftplusOperator(), value, z);

    /// <summary>
    /// Replaces <paramref name="values"/> by its softmax in one order: the maximum, then e^(z − max) with the project's
    /// own e^x and their sum from the first value to the last, then each divided by the sum through one reciprocal.
    /// </summary>
    /// <param name="values">The pre-activations z on entry, the probabilities on return.</param>
    public static void SoftmaxInPlace(Span<float> values)
    {
        float max = float.NegativeInfinity;
        foreach (float z in values)
        {
            max = MathF.Max(max, z);
        }

        float sum = 0f;
        for (int k = 0; k < values.Length; k++)
        {
            float e = FusedFloat.Exp(values[k] - max);
            values[k] = e;
            sum += e;
        }

        float inverse = 1f / sum;
        for (int k = 0; k < values.Length; k++)
        {
            values[k] *= inverse;
        }
    }

    /// <inheritdoc cref="NetworkMath.SoftmaxBackward(ReadOnlySpan{float}, ReadOnlySpan{float}, Span{float})"/>
    /// <remarks>Plain multiplies and adds in one order: the default implementation is already deterministic.</remarks>
    public static void SoftmaxBackward(ReadOnlySpan<float> softmax, ReadOnlySpan<float> upstream, Span<float> delta) =>
        NetworkMath.SoftmaxBackward(softmax, upstream, delta);
}
