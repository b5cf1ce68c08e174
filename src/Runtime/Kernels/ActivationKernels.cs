using System;
using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.InteropServices;

namespace StaticNet.Kernels;

/// <summary>
/// Activations and their derivatives over whole layers. Transcendentals come from
/// <see cref="TensorPrimitives"/> (vectorised exp/tanh, accurate to a few ulp, saturating without NaN); the
/// element-wise derivative products are <see cref="Vector{T}"/> loops. Source and destination may be the same span.
/// </summary>
public static class ActivationKernels
{
    /// <summary>a = σ(z) = 1 / (1 + e^-z), saturating to exactly 0 or 1, accurate to ~1e-7 relative.</summary>
    /// <param name="z">Pre-activations.</param>
    /// <param name="a">Receives the activations.</param>
    public static void Sigmoid(ReadOnlySpan<float> z, Span<float> a) => TensorPrimitives.Sigmoid(z, a);

    /// <summary>a = tanh(z), to about 2e-7 relative everywhere, exactly ±1 once saturated, never NaN for finite z.</summary>
    /// <remarks>
    /// Not <see cref="TensorPrimitives.Tanh{T}(ReadOnlySpan{T}, Span{T})"/>: its error near 0 is absolute (tanh(1e-4) is
    /// off by 3e-4 relative), which small pre-activations meet all the time. Below |z| = 0.35 this uses the odd Taylor
    /// series to z¹¹ (next term under 1e-8 relative); above, 1 − 2/(e^(2|z|) + 1), whose cancellation costs at most 2×.
    /// </remarks>
    /// <param name="z">Pre-activations.</param>
    /// <param name="a">Receives the activations.</param>
    public static void Tanh(ReadOnlySpan<float> z, Span<float> a) => Map<TanhFunction>(z, a);

    /// <summary>
    /// Applies <typeparamref name="TFunction"/> a vector at a time; the remainder (or a whole span shorter than a
    /// vector) is padded into one more vector on the stack rather than finished element by element.
    /// </summary>
    private static void Map<TFunction>(ReadOnlySpan<float> z, Span<float> a)
        where TFunction : struct, IVectorFunction
    {
        SpanLength.Require(a, z.Length, nameof(a));
        if (!Vector.IsHardwareAccelerated)
        {
            for (int j = 0; j < z.Length; j++)
            {
                a[j] = TFunction.Apply(z[j]);
            }

            return;
        }

        int full = z.Length / Vector<float>.Count;
        ReadOnlySpan<Vector<float>> zv = MemoryMarshal.Cast<float, Vector<float>>(z);
        Span<Vector<float>> av = MemoryMarshal.Cast<float, Vector<float>>(a);
        for (int v = 0; v < full; v++)
        {
            av[v] = TFunction.Apply(zv[v]);
        }

        int done = full * Vector<float>.Count;
        if (done < z.Length)
        {
            Span<float> padded = stackalloc float[Vector<float>.Count];
            z.Slice(done).CopyTo(padded);
            Vector<float> result = TFunction.Apply(new Vector<float>(padded));
            result.CopyTo(padded);
            padded.Slice(0, z.Length - done).CopyTo(a.Slice(done));
        }
    }

    /// <summary>One activation for vectors and for single floats.</summary>
    private interface IVectorFunction
    {
        static abstract Vector<float> Apply(Vector<float> z);

        static abstract float Apply(float z);
    }

    private readonly struct TanhFunction : IVectorFunction
    {
        public static Vector<float> Apply(Vector<float> z) => Tanh(z);

        public static float Apply(float z) => NetworkMath.Tanh(z);
    }

    private static Vector<float> Tanh(Vector<float> z)
    {
        Vector<float> x = Vector.Abs(z);
        Vector<float> x2 = z * z;
        Vector<float> series = new Vector<float>(-1382f / 155925f);
        series = (series * x2) + new Vector<float>(62f / 2835f);
        series = (series * x2) + new Vector<float>(-17f / 315f);
        series = (series * x2) + new Vector<float>(2f / 15f);
        series = (series * x2) + new Vector<float>(-1f / 3f);
        series = (series * x2 * z) + z;

        // e^(2|z|) overflows to ∞ for |z| > 44, and 1 − 2/∞ is exactly 1: saturation without NaN.
        Vector<float> exponential = Vector.Exp(x + x);
        Vector<float> large = Vector<float>.One - (new Vector<float>(2f) / (exponential + Vector<float>.One));
        large = Vector.ConditionalSelect(Vector.LessThan(z, Vector<float>.Zero), -large, large);
        return Vector.ConditionalSelect(Vector.LessThan(x, new Vector<float>(0.35f)), series, large);
    }

    /// <summary>a = max(0, z).</summary>
    /// <param name="z">Pre-activations.</param>
    /// <param name="a">Receives the activations.</param>
    public static void ReLU(ReadOnlySpan<float> z, Span<float> a) => TensorPrimitives.Max(z, 0f, a);

    /// <summary>a = z where z &gt; 0, otherwise slope · z.</summary>
    /// <param name="z">Pre-activations.</param>
    /// <param name="a">Receives the activations.</param>
    /// <param name="slope">The slope for negative inputs.</param>
    public static void LeakyReLU(ReadOnlySpan<float> z, Span<float> a, float slope)
    {
        SpanLength.Require(a, z.Length, nameof(a));
        int i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var slopes = new Vector<float>(slope);
            ReadOnlySpan<Vector<float>> zv = MemoryMarshal.Cast<float, Vector<float>>(z);
            Span<Vector<float>> av = MemoryMarshal.Cast<float, Vector<float>>(a);
            for (int v = 0; v < zv.Length; v++)
            {
                Vector<float> x = zv[v];
                av[v] = Vector.ConditionalSelect(Vector.GreaterThan(x, Vector<float>.Zero), x, x * slopes);
            }

            i = zv.Length * Vector<float>.Count;
        }

        for (; i < z.Length; i++)
        {
            a[i] = z[i] > 0f ? z[i] : slope * z[i];
        }
    }

    /// <summary>Each row of <paramref name="values"/> (rows of <paramref name="width"/>) replaced by its softmax.</summary>
    /// <param name="values">Logits on entry, probabilities on return.</param>
    /// <param name="width">The length of a row.</param>
    public static void SoftmaxRows(Span<float> values, int width)
    {
        for (int start = 0; start < values.Length; start += width)
        {
            NetworkMath.SoftmaxInPlace(values.Slice(start, width));
        }
    }

    /// <summary>δ = δ ⊙ a(1 − a), the sigmoid derivative read from the activations.</summary>
    /// <param name="delta">Upstream gradient on entry, δ on return.</param>
    /// <param name="a">The sigmoid outputs.</param>
    public static void MultiplySigmoidDerivative(Span<float> delta, ReadOnlySpan<float> a)
    {
        SpanLength.Require(a, delta.Length, nameof(a));
        int i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            ReadOnlySpan<Vector<float>> av = MemoryMarshal.Cast<float, Vector<float>>(a);
            Span<Vector<float>> dv = MemoryMarshal.Cast<float, Vector<float>>(delta);
            for (int v = 0; v < av.Length; v++)
            {
                dv[v] *= av[v] - (av[v] * av[v]);
            }

            i = av.Length * Vector<float>.Count;
        }

        for (; i < delta.Length; i++)
        {
            delta[i] *= a[i] - (a[i] * a[i]);
        }
    }

    /// <summary>δ = δ ⊙ (1 − a²), the tanh derivative read from the activations.</summary>
    /// <param name="delta">Upstream gradient on entry, δ on return.</param>
    /// <param name="a">The tanh outputs.</param>
    public static void MultiplyTanhDerivative(Span<float> delta, ReadOnlySpan<float> a)
    {
        SpanLength.Require(a, delta.Length, nameof(a));
        int i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            ReadOnlySpan<Vector<float>> av = MemoryMarshal.Cast<float, Vector<float>>(a);
            Span<Vector<float>> dv = MemoryMarshal.Cast<float, Vector<float>>(delta);
            for (int v = 0; v < av.Length; v++)
            {
                dv[v] *= Vector<float>.One - (av[v] * av[v]);
            }

            i = av.Length * Vector<float>.Count;
        }

        for (; i < delta.Length; i++)
        {
            delta[i] *= 1f - (a[i] * a[i]);
        }
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
        int i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var slopes = new Vector<float>(slope);
            ReadOnlySpan<Vector<float>> zv = MemoryMarshal.Cast<float, Vector<float>>(z);
            Span<Vector<float>> dv = MemoryMarshal.Cast<float, Vector<float>>(delta);
            for (int v = 0; v < zv.Length; v++)
            {
                dv[v] *= Vector.ConditionalSelect(Vector.GreaterThan(zv[v], Vector<float>.Zero), Vector<float>.One, slopes);
            }

            i = zv.Length * Vector<float>.Count;
        }

        for (; i < delta.Length; i++)
        {
            delta[i] *= z[i] > 0f ? 1f : slope;
        }
    }
}
