using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace StaticNet.Kernels;

/// <summary>
/// e^x, σ and tanh on whole vectors, in registers. The layer kernels use them, and generated code calls them directly
/// for layers small enough to keep in registers. Each is accurate to about 3e-7 relative (tested to 1e-6 against
/// double precision), saturates to exactly 0, ±1 or +∞ without NaN, and passes NaN through.
/// </summary>
/// <remarks>
/// Not <see cref="Vector256.Exp(Vector256{float})"/>: .NET evaluates the float exp in double precision, which is more
/// accurate than a network needs and about twice as long on the critical path of a small layer. Here the exponent is
/// split as x = n·ln 2 + r with |r| ≤ ln 2 / 2, e^r is a degree-7 polynomial (the Cephes expf coefficients) and 2^n
/// is written straight into the exponent bits. Tanh is a rational function (odd degree 13 over even degree 6, the
/// coefficients Eigen uses for float), which needs no exp at all. The polynomials are evaluated in Estrin's form
/// (pairs of terms, combined with powers of r²) rather than Horner's: in a small network each activation waits for
/// the last, so the depth of the dependency chain, not the number of operations, sets the time. Each function is written out for both widths:
/// Vector128 and Vector256 share no interface, and a wrapper struct would cost more lines than it saves.
/// Call the Vector256 overloads only where <see cref="Vector256.IsHardwareAccelerated"/> (elsewhere they are emulated
/// element by element); multiply-adds are fused only where the hardware has FMA.
/// </remarks>
public static class VectorActivations
{
    // Beyond these, e^x is not a normal float. Clamping keeps 2^n inside the exponent field; above the upper bound
    // the result is replaced by +∞ so that 1/(1 + e^x) and 1 − 2/(e^x + 1) saturate exactly.
    private const float ExpLowerBound = -87.3f;
    private const float ExpUpperBound = 88.3f;

    // Adding 1.5·2^23 rounds a float to an integer and leaves that integer in the low mantissa bits.
    private const float RoundingMagic = 12582912f;
    private const int RoundingMagicBits = 0x4B400000;
    private const float Log2E = 1.44269504088896341f;

    // ln 2 in two parts: n·Ln2High is exact for |n| < 2^9, so r keeps its precision.
    private const float Ln2High = 0.693359375f;
    private const float Ln2Low = -2.12194440e-4f;

    // tanh(x) rounds to ±1 in float beyond |x| ≈ 9.01; the rational approximation is fitted on [−7.905, 7.905].
    private const float TanhClamp = 7.90531110763549805f;
    private const float TanhSaturation = 9.1f;

    /// <summary>e^x for eight values.</summary>
    /// <param name="x">The exponents.</param>
    /// <returns>e^x, +∞ above 88.3, the smallest normal floats' range below −87.3.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Exp(Vector256<float> x)
    {
        Vector256<float> clamped = Vector256.Min(Vector256.Max(x, Vector256.Create(ExpLowerBound)), Vector256.Create(ExpUpperBound));
        Vector256<float> shifted = VectorMath.MultiplyAdd(clamped, Vector256.Create(Log2E), Vector256.Create(RoundingMagic));
        Vector256<float> n = shifted - Vector256.Create(RoundingMagic);
        Vector256<float> r = VectorMath.MultiplyAdd(n, Vector256.Create(-Ln2High), clamped);
        r = VectorMath.MultiplyAdd(n, Vector256.Create(-Ln2Low), r);
        Vector256<float> r2 = r * r;
        Vector256<float> low = VectorMath.MultiplyAdd(r, Vector256.Create(1.6666665459e-1f), Vector256.Create(5.0000001201e-1f));
        Vector256<float> middle = VectorMath.MultiplyAdd(r, Vector256.Create(8.3334519073e-3f), Vector256.Create(4.1665795894e-2f));
        Vector256<float> high = VectorMath.MultiplyAdd(r, Vector256.Create(1.9875691500e-4f), Vector256.Create(1.3981999507e-3f));
        Vector256<float> p = VectorMath.MultiplyAdd(VectorMath.MultiplyAdd(high, r2, middle), r2, low);
        p = VectorMath.MultiplyAdd(p, r2, r + Vector256<float>.One);
        Vector256<float> twoToTheN = ((shifted.AsInt32() + Vector256.Create(127 - RoundingMagicBits)) << 23).AsSingle();
        return Vector256.ConditionalSelect(Vector256.GreaterThan(x, Vector256.Create(ExpUpperBound)), Vector256.Create(float.PositiveInfinity), p * twoToTheN);
    }

    /// <summary>e^x for four values.</summary>
    /// <param name="x">The exponents.</param>
    /// <returns>e^x, +∞ above 88.3, the smallest normal floats' range below −87.3.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Exp(Vector128<float> x)
    {
        Vector128<float> clamped = Vector128.Min(Vector128.Max(x, Vector128.Create(ExpLowerBound)), Vector128.Create(ExpUpperBound));
        Vector128<float> shifted = VectorMath.MultiplyAdd(clamped, Vector128.Create(Log2E), Vector128.Create(RoundingMagic));
        Vector128<float> n = shifted - Vector128.Create(RoundingMagic);
        Vector128<float> r = VectorMath.MultiplyAdd(n, Vector128.Create(-Ln2High), clamped);
        r = VectorMath.MultiplyAdd(n, Vector128.Create(-Ln2Low), r);
        Vector128<float> r2 = r * r;
        Vector128<float> low = VectorMath.MultiplyAdd(r, Vector128.Create(1.6666665459e-1f), Vector128.Create(5.0000001201e-1f));
        Vector128<float> middle = VectorMath.MultiplyAdd(r, Vector128.Create(8.3334519073e-3f), Vector128.Create(4.1665795894e-2f));
        Vector128<float> high = VectorMath.MultiplyAdd(r, Vector128.Create(1.9875691500e-4f), Vector128.Create(1.3981999507e-3f));
        Vector128<float> p = VectorMath.MultiplyAdd(VectorMath.MultiplyAdd(high, r2, middle), r2, low);
        p = VectorMath.MultiplyAdd(p, r2, r + Vector128<float>.One);
        Vector128<float> twoToTheN = ((shifted.AsInt32() + Vector128.Create(127 - RoundingMagicBits)) << 23).AsSingle();
        return Vector128.ConditionalSelect(Vector128.GreaterThan(x, Vector128.Create(ExpUpperBound)), Vector128.Create(float.PositiveInfinity), p * twoToTheN);
    }

    /// <summary>σ(z) = 1 / (1 + e^−z) for eight values; exactly 0 below z ≈ −88.3.</summary>
    /// <param name="z">Pre-activations.</param>
    /// <returns>The activations.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Sigmoid(Vector256<float> z) => Vector256<float>.One / (Vector256<float>.One + Exp(-z));

    /// <summary>σ(z) = 1 / (1 + e^−z) for four values; exactly 0 below z ≈ −88.3.</summary>
    /// <param name="z">Pre-activations.</param>
    /// <returns>The activations.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Sigmoid(Vector128<float> z) => Vector128<float>.One / (Vector128<float>.One + Exp(-z));

    /// <summary>tanh(z) for eight values; exactly ±1 beyond |z| = 9.1.</summary>
    /// <param name="z">Pre-activations.</param>
    /// <returns>The activations.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Tanh(Vector256<float> z)
    {
        Vector256<float> x = Vector256.Min(Vector256.Max(z, Vector256.Create(-TanhClamp)), Vector256.Create(TanhClamp));
        Vector256<float> x2 = x * x;
        Vector256<float> x4 = x2 * x2;
        Vector256<float> p0 = VectorMath.MultiplyAdd(x2, Vector256.Create(6.37261928875436e-04f), Vector256.Create(4.89352455891786e-03f));
        Vector256<float> p1 = VectorMath.MultiplyAdd(x2, Vector256.Create(5.12229709037114e-08f), Vector256.Create(1.48572235717979e-05f));
        Vector256<float> p2 = VectorMath.MultiplyAdd(x2, Vector256.Create(2.00018790482477e-13f), Vector256.Create(-8.60467152213735e-11f));
        Vector256<float> p = VectorMath.MultiplyAdd(VectorMath.MultiplyAdd(x4, Vector256.Create(-2.76076847742355e-16f), p2), x4, p1);
        p = VectorMath.MultiplyAdd(p, x4, p0);
        Vector256<float> q0 = VectorMath.MultiplyAdd(x2, Vector256.Create(2.26843463243900e-03f), Vector256.Create(4.89352518554385e-03f));
        Vector256<float> q1 = VectorMath.MultiplyAdd(x2, Vector256.Create(1.19825839466702e-06f), Vector256.Create(1.18534705686654e-04f));
        Vector256<float> q = VectorMath.MultiplyAdd(q1, x4, q0);
        Vector256<float> ratio = (p * x) / q;
        Vector256<float> saturated = Vector256.CopySign(Vector256<float>.One, z);
        return Vector256.ConditionalSelect(Vector256.GreaterThan(Vector256.Abs(z), Vector256.Create(TanhSaturation)), saturated, ratio);
    }

    /// <summary>tanh(z) for four values; exactly ±1 beyond |z| = 9.1.</summary>
    /// <param name="z">Pre-activations.</param>
    /// <returns>The activations.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Tanh(Vector128<float> z)
    {
        Vector128<float> x = Vector128.Min(Vector128.Max(z, Vector128.Create(-TanhClamp)), Vector128.Create(TanhClamp));
        Vector128<float> x2 = x * x;
        Vector128<float> x4 = x2 * x2;
        Vector128<float> p0 = VectorMath.MultiplyAdd(x2, Vector128.Create(6.37261928875436e-04f), Vector128.Create(4.89352455891786e-03f));
        Vector128<float> p1 = VectorMath.MultiplyAdd(x2, Vector128.Create(5.12229709037114e-08f), Vector128.Create(1.48572235717979e-05f));
        Vector128<float> p2 = VectorMath.MultiplyAdd(x2, Vector128.Create(2.00018790482477e-13f), Vector128.Create(-8.60467152213735e-11f));
        Vector128<float> p = VectorMath.MultiplyAdd(VectorMath.MultiplyAdd(x4, Vector128.Create(-2.76076847742355e-16f), p2), x4, p1);
        p = VectorMath.MultiplyAdd(p, x4, p0);
        Vector128<float> q0 = VectorMath.MultiplyAdd(x2, Vector128.Create(2.26843463243900e-03f), Vector128.Create(4.89352518554385e-03f));
        Vector128<float> q1 = VectorMath.MultiplyAdd(x2, Vector128.Create(1.19825839466702e-06f), Vector128.Create(1.18534705686654e-04f));
        Vector128<float> q = VectorMath.MultiplyAdd(q1, x4, q0);
        Vector128<float> ratio = (p * x) / q;
        Vector128<float> saturated = Vector128.CopySign(Vector128<float>.One, z);
        return Vector128.ConditionalSelect(Vector128.GreaterThan(Vector128.Abs(z), Vector128.Create(TanhSaturation)), saturated, ratio);
    }
}
