using System;
using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace StaticNet.Kernels;

/// <summary>
/// Activations and their derivatives over whole layers, vectorised 8, then 4 values at a time. Sigmoid and tanh
/// are our own (<see cref="VectorActivations"/>), accurate to ~3e-7 relative and exactly 0/±1 once saturated;
/// softmax and ReLU use <see cref="TensorPrimitives"/>. Source and destination may be the same span.
/// </summary>
public static class ActivationKernels
{
    /// <summary>a = σ(z) = 1 / (1 + e^-z), saturating to exactly 0 or 1, accurate to ~2e-7 relative.</summary>
    /// <param name="z">Pre-activations.</param>
    /// <param name="a">Receives the activations.</param>
    public static void Sigmoid(ReadOnlySpan<float> z, Span<float> a) => Apply<SigmoidFunction>(z, a);

    /// <summary>a = tanh(z), to about 3e-7 relative everywhere, exactly ±1 once saturated, never NaN for finite z.</summary>
    /// <remarks>
    /// Not <see cref="TensorPrimitives.Tanh{T}(ReadOnlySpan{T}, Span{T})"/>: its error near 0 is absolute (tanh(1e-4) is
    /// off by 3e-4 relative), which small pre-activations meet all the time. The rational form used here is relative
    /// everywhere, and is also shorter than any formula through e^x.
    /// </remarks>
    /// <param name="z">Pre-activations.</param>
    /// <param name="a">Receives the activations.</param>
    public static void Tanh(ReadOnlySpan<float> z, Span<float> a) => Apply<TanhFunction>(z, a);

    /// <summary>
    /// Applies <typeparamref name="TFunction"/> 8 values at a time, then 4, and puts the last one to three through
    /// one more vector built in registers: tiny layers (the networks this library is for) would otherwise pay for a
    /// library call's fixed cost or a stack buffer and two copies.
    /// </summary>
    private static void Apply<TFunction>(ReadOnlySpan<float> z, Span<float> a)
        where TFunction : struct, IActivation
    {
        SpanLength.Require(a, z.Length, nameof(a));
        ref float source = ref MemoryMarshal.GetReference(z);
        ref float destination = ref MemoryMarshal.GetReference(a);
        int i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            for (; i + 8 <= z.Length; i += 8)
            {
                TFunction.Apply(Vector256.LoadUnsafe(ref source, (nuint)i)).StoreUnsafe(ref destination, (nuint)i);
            }
        }

        if (Vector128.IsHardwareAccelerated)
        {
            for (; i + 4 <= z.Length; i += 4)
            {
                TFunction.Apply(Vector128.LoadUnsafe(ref source, (nuint)i)).StoreUnsafe(ref destination, (nuint)i);
            }

            int rest = z.Length - i;
            if (rest > 0)
            {
                Vector128<float> t = TFunction.Apply(Vector128.Create(z[i], rest > 1 ? z[i + 1] : 0f, rest > 2 ? z[i + 2] : 0f, 0f));
                a[i] = t.GetElement(0);
                if (rest > 1)
                {
                    a[i + 1] = t.GetElement(1);
                }

                if (rest > 2)
                {
                    a[i + 2] = t.GetElement(2);
                }
            }

            return;
        }

        for (; i < z.Length; i++)
        {
            a[i] = TFunction.Apply(z[i]);
        }
    }

    /// <summary>One activation at every width; implemented by structs, so that the loop is specialised per activation.</summary>
    private interface IActivation
    {
        static abstract Vector256<float> Apply(Vector256<float> z);

        static abstract Vector128<float> Apply(Vector128<float> z);

        static abstract float Apply(float z);
    }

    private readonly struct TanhFunction : IActivation
    {
        public static Vector256<float> Apply(Vector256<float> z) => VectorActivations.Tanh(z);

        public static Vector128<float> Apply(Vector128<float> z) => VectorActivations.Tanh(z);

        public static float Apply(float z) => NetworkMath.Tanh(z);
    }

    private readonly struct SigmoidFunction : IActivation
    {
        public static Vector256<float> Apply(Vector256<float> z) => VectorActivations.Sigmoid(z);

        public static Vector128<float> Apply(Vector128<float> z) => VectorActivations.Sigmoid(z);

        public static float Apply(float z) => NetworkMath.Sigmoid(z);
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
