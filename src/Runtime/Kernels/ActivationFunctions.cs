using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using static StaticNet.Kernels.FunctionConstants;

namespace StaticNet.Kernels;

/// <summary>
/// e^x, σ and tanh for a vector of any width: the functions behind the element-wise operators' vector forms and the
/// public <c>VectorActivations</c> that generated register layers call (<see cref="ScalarFunctions"/> holds the
/// one-float forms).
/// </summary>
/// <remarks>
/// Not <c>Vector256.Exp</c> (.NET 9 and later): .NET evaluates the float exp in double precision, which is more
/// accurate than a network needs and about twice as long on the critical path of a small layer. Here the exponent is
/// split as x = n·ln 2 + r with |r| ≤ ln 2 / 2, e^r is a degree-7 polynomial (the Cephes expf coefficients) and 2^n
/// is written straight into the exponent bits. Tanh is a rational function (odd degree 13 over even degree 6, the
/// coefficients Eigen uses for float), which needs no exp at all. The polynomials are evaluated in Estrin's form
/// (pairs of terms, combined with powers of r²) rather than Horner's: in a small network each activation waits for
/// the last, so the depth of the dependency chain, not the number of operations, sets the time. Each function is
/// written once, over <see cref="ISimd{TVector}"/>, and instantiated for Vector128, Vector256 and Vector512 (the struct
/// type arguments are specialised and inlined, so each width compiles to straight vector code); multiply-adds are
/// fused only where the hardware has FMA.
/// </remarks>
internal static class ActivationFunctions
{
    /// <summary>e^x per lane: +∞ above 88.3, the smallest normal floats' range below −87.3.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TVector Exp<TSimd, TVector>(TVector x)
        where TSimd : ISimd<TVector>
        where TVector : struct
    {
        TVector clamped = TSimd.Clamp(x, TSimd.Broadcast(ExpLowerBound), TSimd.Broadcast(ExpUpperBound));
        TVector shifted = TSimd.MultiplyAdd(clamped, TSimd.Broadcast(Log2E), TSimd.Broadcast(RoundingMagic));
        TVector n = TSimd.Subtract(shifted, TSimd.Broadcast(RoundingMagic));
        TVector r = TSimd.MultiplyAdd(n, TSimd.Broadcast(-Ln2High), clamped);
        r = TSimd.MultiplyAdd(n, TSimd.Broadcast(-Ln2Low), r);
        TVector r2 = TSimd.Multiply(r, r);
        TVector low = TSimd.MultiplyAdd(r, TSimd.Broadcast(1.6666665459e-1f), TSimd.Broadcast(5.0000001201e-1f));
        TVector middle = TSimd.MultiplyAdd(r, TSimd.Broadcast(8.3334519073e-3f), TSimd.Broadcast(4.1665795894e-2f));
        TVector high = TSimd.MultiplyAdd(r, TSimd.Broadcast(1.9875691500e-4f), TSimd.Broadcast(1.3981999507e-3f));
        TVector p = TSimd.MultiplyAdd(TSimd.MultiplyAdd(high, r2, middle), r2, low);
        p = TSimd.MultiplyAdd(p, r2, TSimd.Add(r, TSimd.Broadcast(1f)));
        TVector scaled = TSimd.Multiply(p, TSimd.PowerOfTwo(shifted, RoundingMagicBits));
        return TSimd.SelectWhereGreater(x, TSimd.Broadcast(ExpUpperBound), TSimd.Broadcast(float.PositiveInfinity), scaled);
    }

    /// <summary>σ(z) = 1 / (1 + e^−z) per lane; exactly 0 below z ≈ −88.3.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TVector Sigmoid<TSimd, TVector>(TVector z)
        where TSimd : ISimd<TVector>
        where TVector : struct
    {
        TVector one = TSimd.Broadcast(1f);
        return TSimd.Divide(one, TSimd.Add(one, Exp<TSimd, TVector>(TSimd.Negate(z))));
    }

    /// <summary>tanh(z) per lane; exactly ±1 beyond |z| = 9.1.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TVector Tanh<TSimd, TVector>(TVector z)
        where TSimd : ISimd<TVector>
        where TVector : struct
    {
        TVector x = TSimd.Clamp(z, TSimd.Broadcast(-TanhClamp), TSimd.Broadcast(TanhClamp));
        TVector x2 = TSimd.Multiply(x, x);
        TVector x4 = TSimd.Multiply(x2, x2);
        TVector p0 = TSimd.MultiplyAdd(x2, TSimd.Broadcast(6.37261928875436e-04f), TSimd.Broadcast(4.89352455891786e-03f));
        TVector p1 = TSimd.MultiplyAdd(x2, TSimd.Broadcast(5.12229709037114e-08f), TSimd.Broadcast(1.48572235717979e-05f));
        TVector p2 = TSimd.MultiplyAdd(x2, TSimd.Broadcast(2.00018790482477e-13f), TSimd.Broadcast(-8.60467152213735e-11f));
        TVector p = TSimd.MultiplyAdd(TSimd.MultiplyAdd(x4, TSimd.Broadcast(-2.76076847742355e-16f), p2), x4, p1);
        p = TSimd.MultiplyAdd(p, x4, p0);
        TVector q0 = TSimd.MultiplyAdd(x2, TSimd.Broadcast(2.26843463243900e-03f), TSimd.Broadcast(4.89352518554385e-03f));
        TVector q1 = TSimd.MultiplyAdd(x2, TSimd.Broadcast(1.19825839466702e-06f), TSimd.Broadcast(1.18534705686654e-04f));
        TVector q = TSimd.MultiplyAdd(q1, x4, q0);
        TVector ratio = TSimd.Divide(TSimd.Multiply(p, x), q);
        TVector saturated = TSimd.CopySign(TSimd.Broadcast(1f), z);
        return TSimd.SelectWhereGreater(TSimd.Abs(z), TSimd.Broadcast(TanhSaturation), saturated, ratio);
    }
}
