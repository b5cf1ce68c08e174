using System;
using System.ComponentModel;
using StaticNet.Kernels;

namespace StaticNet.CompilerServices;

/// <summary>
/// <see cref="ActivationKernels"/> for networks declared with <c>Deterministic = true</c>: every element computed by
/// the activation's one form with fused multiply-adds, the vectors of the width the runtime takes and the rest one float
/// at a time in the same form, so each element's bits depend on its value alone, not on the width or its position.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class DeterministicActivationKernels
{
    /// <inheritdoc cref="ActivationKernels.Sigmoid(ReadOnlySpan{float}, Span{float})"/>
    public static void Sigmoid(ReadOnlySpan<float> z, Span<float> a) => Apply(new SigmoidOperator(), z, a);

    /// <inheritdoc cref="ActivationKernels.Tanh(ReadOnlySpan{float}, Span{float})"/>
    public static void Tanh(ReadOnlySpan<float> z, Span<float> a) => Apply(new TanhOperator(), z, a);

    /// <inheritdoc cref="ActivationKernels.ReLU(ReadOnlySpan{float}, Span{float})"/>
    public static void ReLU(ReadOnlySpan<float> z, Span<float> a) => Apply(new ReLUOperator(), z, a);

    /// <inheritdoc cref="ActivationKernels.GELU(ReadOnlySpan{float}, Span{float})"/>
    public static void GELU(ReadOnlySpan<float> z, Span<float> a) => Apply(new GELUOperator(), z, a);

    /// <inheritdoc cref="ActivationKernels.SiLU(ReadOnlySpan{float}, Span{float})"/>
    public static void SiLU(ReadOnlySpan<float> z, Span<float> a) => Apply(new SiLUOperator(), z, a);

    /// <inheritdoc cref="ActivationKernels.ELU(ReadOnlySpan{float}, Span{float})"/>
    public static void ELU(ReadOnlySpan<float> z, Span<float> a) => Apply(new ELUOperator(), z, a);

    /// <inheritdoc cref="ActivationKernels.Softplus(ReadOnlySpan{float}, Span{float})"/>
    public static void Softplus(ReadOnlySpan<float> z, Span<float> a) => Apply(new SoftplusOperator(), z, a);

    /// <inheritdoc cref="ActivationKernels.LeakyReLU(ReadOnlySpan{float}, Span{float}, float)"/>
    public static void LeakyReLU(ReadOnlySpan<float> z, Span<float> a, float slope) => Apply(new LeakyReLUOperator(slope), z, a);

    /// <summary>Softmax of every row of <paramref name="width"/> values, in place (<see cref="DeterministicNetworkMath.SoftmaxInPlace"/>).</summary>
    /// <param name="values">Rows of pre-activations on entry, of probabilities on return.</param>
    /// <param name="width">The row length.</param>
    public static void SoftmaxRows(Span<float> values, int width)
    {
        for (int start = 0; start < values.Length; start += width)
        {
            DeterministicNetworkMath.SoftmaxInPlace(values.Slice(start, width));
        }
    }

    /// <inheritdoc cref="ActivationKernels.MultiplySigmoidDerivative(Span{float}, ReadOnlySpan{float})"/>
    public static void MultiplySigmoidDerivative(Span<float> delta, ReadOnlySpan<float> a) => MultiplyDerivative(new SigmoidOperator(), delta, a, nameof(a));

    /// <inheritdoc cref="ActivationKernels.MultiplyTanhDerivative(Span{float}, ReadOnlySpan{float})"/>
    public static void MultiplyTanhDerivative(Span<float> delta, ReadOnlySpan<float> a) => MultiplyDerivative(new TanhOperator(), delta, a, nameof(a));

    /// <inheritdoc cref="ActivationKernels.MultiplyReLUDerivative(Span{float}, ReadOnlySpan{float})"/>
    public static void MultiplyReLUDerivative(Span<float> delta, ReadOnlySpan<float> z) => MultiplyDerivative(new ReLUOperator(), delta, z, nameof(z));

    /// <inheritdoc cref="ActivationKernels.MultiplyGELUDerivative(Span{float}, ReadOnlySpan{float})"/>
    public static void MultiplyGELUDerivative(Span<float> delta, ReadOnlySpan<float> z) => MultiplyDerivative(new GELUOperator(), delta, z, nameof(z));

    /// <inheritdoc cref="ActivationKernels.MultiplySiLUDerivative(Span{float}, ReadOnlySpan{float})"/>
    public static void MultiplySiLUDerivative(Span<float> delta, ReadOnlySpan<float> z) => MultiplyDerivative(new SiLUOperator(), delta, z, nameof(z));

    /// <inheritdoc cref="ActivationKernels.MultiplyELUDerivative(Span{float}, ReadOnlySpan{float})"/>
    public static void MultiplyELUDerivative(Span<float> delta, ReadOnlySpan<float> z) => MultiplyDerivative(new ELUOperator(), delta, z, nameof(z));

    /// <inheritdoc cref="ActivationKernels.MultiplySoftplusDerivative(Span{float}, ReadOnlySpan{float})"/>
    public static void MultiplySoftplusDerivative(Span<float> delta, ReadOnlySpan<float> z) => MultiplyDerivative(new SoftplusOperator(), delta, z, nameof(z));

    /// <inheritdoc cref="ActivationKernels.MultiplyLeakyReLUDerivative(Span{float}, ReadOnlySpan{float}, float)"/>
    public static void MultiplyLeakyReLUDerivative(Span<float> delta, ReadOnlySpan<float> z, float slope) =>
        MultiplyDerivative(new LeakyReLUOperator(slope), delta, z, nameof(z));

    /// <summary>a = g(z) after the length check, by the activation's one form (<see cref="Elementwise.ApplyFused{TOperator}"/>).</summary>
    private static void Apply<TOperator>(TOperator g, ReadOnlySpan<float> z, Span<float> a)
        where TOperator : struct, IUnaryOperator
    {
        SpanLength.Require(a, z.Length, nameof(a));
        Elementwise.ApplyFused(g, z, a);
    }

    /// <summary>δ ⊙= g'(v) after the length check, by the activation's one form.</summary>
    private static void MultiplyDerivative<TOperator>(TOperator g, Span<float> delta, ReadOnlySpan<float> value, string valueName)
        where TOperator : struct, IDerivativeOperator
    {
        SpanLength.Require(value, delta.Length, valueName);
        Elementwise.MultiplyInPlaceFused(g, delta, value);
    }
}
