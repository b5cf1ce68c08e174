using System;
using System.ComponentModel;
using System.Numerics.Tensors;
using StaticNet.Kernels;

namespace StaticNet.CompilerServices;

/// <summary>
/// Activations and their derivatives over whole layers. Each activation is one operator struct holding g and g'
/// (<c>Kernels/Activations/</c>) run by one driver (<c>Elementwise</c>) at the widest vector width the hardware has. Sigmoid and tanh are our own (<c>VectorActivations</c>), accurate to ~3e-7 relative and
/// exactly 0/±1 once saturated. Source and destination may be the same span.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class ActivationKernels
{
    /// <summary>a = σ(z) = 1 / (1 + e^-z), saturating to exactly 0 or 1, accurate to ~2e-7 relative.</summary>
    /// <param name="z">Pre-activations.</param>
    /// <param name="a">Receives the activations.</param>
    public static void Sigmoid(ReadOnlySpan<float> z, Span<float> a)
    {
        SpanLength.Require(a, z.Length, nameof(a));
        Elementwise.Apply(new SigmoidOperator(), z, a);
    }

    /// <summary>a = tanh(z), to about 3e-7 relative everywhere, exactly ±1 once saturated, never NaN for finite z.</summary>
    /// <remarks>
    /// Not <c>TensorPrimitives.Tanh</c>: its error near 0 is absolute (tanh(1e-4) is
    /// off by 3e-4 relative), which small pre-activations meet all the time. The rational form used here is relative
    /// everywhere, and is also shorter than any formula through e^x.
    /// </remarks>
    /// <param name="z">Pre-activations.</param>
    /// <param name="a">Receives the activations.</param>
    public static void Tanh(ReadOnlySpan<float> z, Span<float> a)
    {
        SpanLength.Require(a, z.Length, nameof(a));
        Elementwise.Apply(new TanhOperator(), z, a);
    }

    /// <summary>a = max(0, z); NaN stays NaN.</summary>
    /// <param name="z">Pre-activations.</param>
    /// <param name="a">Receives the activations.</param>
    public static void ReLU(ReadOnlySpan<float> z, Span<float> a)
    {
        SpanLength.Require(a, z.Length, nameof(a));
        Elementwise.Apply(new ReLUOperator(), z, a);
    }

    /// <summary>a = z where z &gt; 0, otherwise slope · z.</summary>
    /// <param name="z">Pre-activations.</param>
    /// <param name="a">Receives the activations.</param>
    /// <param name="slope">The slope for negative inputs.</param>
    public static void LeakyReLU(ReadOnlySpan<float> z, Span<float> a, float slope)
    {
        SpanLength.Require(a, z.Length, nameof(a));
        Elementwise.Apply(new LeakyReLUOperator(slope), z, a);
    }

    /// <summary>Each row of <paramref name="values"/> (rows of <paramref name="width"/>) replaced by its softmax.</summary>
    /// <param name="values">Logits on entry, probabilities on return.</param>
    /// <param name="width">The length of a row.</param>
    public static void SoftmaxRows(Span<float> values, int width)
    {
        SpanLength.RequireRows(values, width, nameof(values));
        Kernels.SoftmaxRows.Run(values, width);
    }

    /// <summary>δ = δ ⊙ a(1 − a), the sigmoid derivative read from the activations.</summary>
    /// <param name="delta">Upstream gradient on entry, δ on return.</param>
    /// <param name="a">The sigmoid outputs.</param>
    public static void MultiplySigmoidDerivative(Span<float> delta, ReadOnlySpan<float> a)
    {
        SpanLength.Require(a, delta.Length, nameof(a));
        Elementwise.MultiplyInPlace(new SigmoidOperator(), delta, a);
    }

    /// <summary>δ = δ ⊙ (1 − a²), the tanh derivative read from the activations.</summary>
    /// <param name="delta">Upstream gradient on entry, δ on return.</param>
    /// <param name="a">The tanh outputs.</param>
    public static void MultiplyTanhDerivative(Span<float> delta, ReadOnlySpan<float> a)
    {
        SpanLength.Require(a, delta.Length, nameof(a));
        Elementwise.MultiplyInPlace(new TanhOperator(), delta, a);
    }

    /// <summary>δ = δ ⊙ [z &gt; 0].</summary>
    /// <param name="delta">Upstream gradient on entry, δ on return.</param>
    /// <param name="z">The pre-activations.</param>
    public static void MultiplyReLUDerivative(Span<float> delta, ReadOnlySpan<float> z) => MultiplyLeakyReLUDerivative(delta, z, 0f);

    /// <summary>δ = δ ⊙ (1 where z &gt; 0, otherwise slope).</summary>
    /// <param name="delta">Upstream gradient on entry, δ on return.</param>
    /// <param name="z">The pre-activations.</param>
    /// <param name="slope">The slope for negative inputs.</param>
    public static void MultiplyLeakyReLUDerivative(Span<float> delta, ReadOnlySpan<float> z, float slope)
    {
        SpanLength.Require(z, delta.Length, nameof(z));
        Elementwise.MultiplyInPlace(new LeakyReLUOperator(slope), delta, z);
    }

    /// <summary>a = z · ½ (1 + erf(z/√2)), PyTorch's exact GELU.</summary>
    /// <param name="z">Pre-activations.</param>
    /// <param name="a">Receives the activations.</param>
    public static void GELU(ReadOnlySpan<float> z, Span<float> a)
    {
        SpanLength.Require(a, z.Length, nameof(a));
        Elementwise.Apply(new GELUOperator(), z, a);
    }

    /// <summary>δ = δ ⊙ (Φ(z) + z·φ(z)), the GELU derivative from the pre-activations.</summary>
    /// <param name="delta">Upstream gradient on entry, δ on return.</param>
    /// <param name="z">The pre-activations.</param>
    public static void MultiplyGELUDerivative(Span<float> delta, ReadOnlySpan<float> z)
    {
        SpanLength.Require(z, delta.Length, nameof(z));
        Elementwise.MultiplyInPlace(new GELUOperator(), delta, z);
    }

    /// <summary>a = z · σ(z).</summary>
    /// <param name="z">Pre-activations.</param>
    /// <param name="a">Receives the activations.</param>
    public static void SiLU(ReadOnlySpan<float> z, Span<float> a)
    {
        SpanLength.Require(a, z.Length, nameof(a));
        Elementwise.Apply(new SiLUOperator(), z, a);
    }

    /// <summary>δ = δ ⊙ σ(z)(1 + z(1 − σ(z))), the SiLU derivative from the pre-activations.</summary>
    /// <param name="delta">Upstream gradient on entry, δ on return.</param>
    /// <param name="z">The pre-activations.</param>
    public static void MultiplySiLUDerivative(Span<float> delta, ReadOnlySpan<float> z)
    {
        SpanLength.Require(z, delta.Length, nameof(z));
        Elementwise.MultiplyInPlace(new SiLUOperator(), delta, z);
    }

    /// <summary>a = z where z &gt; 0, otherwise e^z − 1 (α = 1).</summary>
    /// <param name="z">Pre-activations.</param>
    /// <param name="a">Receives the activations.</param>
    public static void ELU(ReadOnlySpan<float> z, Span<float> a)
    {
        SpanLength.Require(a, z.Length, nameof(a));
        Elementwise.Apply(new ELUOperator(), z, a);
    }

    /// <summary>δ = δ ⊙ (1 where z &gt; 0, otherwise e^z), the ELU derivative from the pre-activations.</summary>
    /// <param name="delta">Upstream gradient on entry, δ on return.</param>
    /// <param name="z">The pre-activations.</param>
    public static void MultiplyELUDerivative(Span<float> delta, ReadOnlySpan<float> z)
    {
        SpanLength.Require(z, delta.Length, nameof(z));
        Elementwise.MultiplyInPlace(new ELUOperator(), delta, z);
    }

    /// <summary>a = log(1 + e^z), z itself above 20 (β = 1, PyTorch's threshold).</summary>
    /// <param name="z">Pre-activations.</param>
    /// <param name="a">Receives the activations.</param>
    public static void Softplus(ReadOnlySpan<float> z, Span<float> a)
    {
        SpanLength.Require(a, z.Length, nameof(a));
        Elementwise.Apply(new SoftplusOperator(), z, a);
    }

    /// <summary>δ = δ ⊙ σ(z), the Softplus derivative from the pre-activations.</summary>
    /// <param name="delta">Upstream gradient on entry, δ on return.</param>
    /// <param name="z">The pre-activations.</param>
    public static void MultiplySoftplusDerivative(Span<float> delta, ReadOnlySpan<float> z)
    {
        SpanLength.Require(z, delta.Length, nameof(z));
        Elementwise.MultiplyInPlace(new SoftplusOperator(), delta, z);
    }
}
