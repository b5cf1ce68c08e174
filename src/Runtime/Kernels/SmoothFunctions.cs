using System.Runtime.CompilerServices;
using static StaticNet.Kernels.FunctionConstants;

namespace StaticNet.Kernels;

/// <summary>
/// erf, log(1 + t) and the smooth activations built on them (GELU, SiLU, ELU, Softplus) with their derivatives, each
/// written once over <see cref="ISimd{TVector}"/>: the vector widths and the scalar form (<see cref="SimdScalar"/>)
/// evaluate the same polynomials, so one-sample, kernel and register code agree. Each follows PyTorch's formula for
/// the function and for its backward (aten's CPU kernels), so that a network trained here matches one trained there.
/// </summary>
/// <remarks>
/// erf is our own: for |x| ≤ 1 the Cephes erff series x·T(x²); above, 1 − e^(−x²)·P(1/x)/x with P a degree-8
/// polynomial fitted (Chebyshev nodes, least squares) to erfc(x)·e^(x²)·x on [1, 4]; beyond 4 erf is 1 in float.
/// Both are within 2.5 ulp of the exact value in float evaluation (tests: 4e-7 absolute against double precision).
/// log(1 + t) for t ∈ [0, 1] is 2·atanh(t / (2 + t)), whose series in u = t / (2 + t) ≤ 1/3 converges fast enough
/// that seven terms are exact to float rounding: no exponent extraction needed.
/// </remarks>
internal static class SmoothFunctions
{
    /// <summary>erf(x) per lane, within 2.5 ulp; exactly ±1 beyond |x| ≈ 3.9, NaN passed through.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TVector Erf<TSimd, TVector>(TVector x)
        where TSimd : ISimd<TVector>
        where TVector : struct
    {
        // |x| ≤ 1: x·T(x²), Cephes erff.
        TVector x2 = TSimd.Multiply(x, x);
        TVector t = TSimd.Broadcast(7.853861353153693e-5f);
        t = TSimd.MultiplyAdd(t, x2, TSimd.Broadcast(-8.010193625184903e-4f));
        t = TSimd.MultiplyAdd(t, x2, TSimd.Broadcast(5.188327685732524e-3f));
        t = TSimd.MultiplyAdd(t, x2, TSimd.Broadcast(-2.685381193529856e-2f));
        t = TSimd.MultiplyAdd(t, x2, TSimd.Broadcast(1.128358514861418e-1f));
        t = TSimd.MultiplyAdd(t, x2, TSimd.Broadcast(-3.761262582423300e-1f));
        t = TSimd.MultiplyAdd(t, x2, TSimd.Broadcast(1.128379165726710f));
        TVector small = TSimd.Multiply(x, t);

        // |x| > 1: 1 − e^(−a²)·P(u)·u with a = |x| clamped to [1, 4] and u = 1/a.
        TVector magnitude = TSimd.Abs(x);
        TVector a = TSimd.Clamp(magnitude, TSimd.Broadcast(1f), TSimd.Broadcast(4f));
        TVector u = TSimd.Divide(TSimd.Broadcast(1f), a);
        TVector p = TSimd.Broadcast(5.486538261e-02f);
        p = TSimd.MultiplyAdd(p, u, TSimd.Broadcast(-3.140592575e-01f));
        p = TSimd.MultiplyAdd(p, u, TSimd.Broadcast(7.627020478e-01f));
        p = TSimd.MultiplyAdd(p, u, TSimd.Broadcast(-9.827705622e-01f));
        p = TSimd.MultiplyAdd(p, u, TSimd.Broadcast(6.218023896e-01f));
        p = TSimd.MultiplyAdd(p, u, TSimd.Broadcast(1.659479737e-02f));
        p = TSimd.MultiplyAdd(p, u, TSimd.Broadcast(-2.986992300e-01f));
        p = TSimd.MultiplyAdd(p, u, TSimd.Broadcast(3.170531243e-03f));
        p = TSimd.MultiplyAdd(p, u, TSimd.Broadcast(5.639775395e-01f));
        TVector complement = TSimd.Multiply(TSimd.Multiply(ActivationFunctions.Exp<TSimd, TVector>(TSimd.Negate(TSimd.Multiply(a, a))), p), u);
        TVector large = TSimd.CopySign(TSimd.Subtract(TSimd.Broadcast(1f), complement), x);
        return TSimd.SelectWhereGreater(magnitude, TSimd.Broadcast(1f), large, small);
    }

    /// <summary>GELU(z) = z · ½ · (1 + erf(z/√2)), PyTorch's exact (erf) form.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TVector Gelu<TSimd, TVector>(TVector z)
        where TSimd : ISimd<TVector>
        where TVector : struct =>
        TSimd.Multiply(TSimd.Multiply(z, TSimd.Broadcast(0.5f)), TSimd.Add(TSimd.Broadcast(1f), Erf<TSimd, TVector>(TSimd.Multiply(z, TSimd.Broadcast(InverseSqrt2)))));

    /// <summary>δ · GELU'(z) = δ · (Φ(z) + z·φ(z)), as PyTorch's GELU backward computes it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TVector GeluDerivative<TSimd, TVector>(TVector delta, TVector z)
        where TSimd : ISimd<TVector>
        where TVector : struct
    {
        TVector half = TSimd.Broadcast(0.5f);
        TVector cdf = TSimd.Multiply(half, TSimd.Add(TSimd.Broadcast(1f), Erf<TSimd, TVector>(TSimd.Multiply(z, TSimd.Broadcast(InverseSqrt2)))));
        TVector pdf = TSimd.Multiply(ActivationFunctions.Exp<TSimd, TVector>(TSimd.Negate(TSimd.Multiply(half, TSimd.Multiply(z, z)))), TSimd.Broadcast(InverseSqrt2Pi));
        TVector zPdf = TSimd.SelectWhereGreater(TSimd.Abs(z), TSimd.Broadcast(GaussianNegligible), TSimd.Zero, TSimd.Multiply(z, pdf));
        return TSimd.Multiply(delta, TSimd.Add(cdf, zPdf));
    }

    /// <summary>SiLU(z) = z / (1 + e^−z) = z·σ(z), PyTorch's form.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TVector Silu<TSimd, TVector>(TVector z)
        where TSimd : ISimd<TVector>
        where TVector : struct =>
        TSimd.Divide(z, TSimd.Add(TSimd.Broadcast(1f), ActivationFunctions.Exp<TSimd, TVector>(TSimd.Negate(z))));

    /// <summary>δ · SiLU'(z) = δ · σ(z) · (1 + z·(1 − σ(z))), PyTorch's SiLU backward.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TVector SiluDerivative<TSimd, TVector>(TVector delta, TVector z)
        where TSimd : ISimd<TVector>
        where TVector : struct
    {
        TVector one = TSimd.Broadcast(1f);
        TVector sigmoid = ActivationFunctions.Sigmoid<TSimd, TVector>(z);
        return TSimd.Multiply(TSimd.Multiply(delta, sigmoid), TSimd.MultiplyAdd(z, TSimd.Subtract(one, sigmoid), one));
    }

    /// <summary>ELU(z) = z for z &gt; 0, otherwise e^z − 1 (α = 1).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TVector Elu<TSimd, TVector>(TVector z)
        where TSimd : ISimd<TVector>
        where TVector : struct =>
        TSimd.SelectWhereGreater(z, TSimd.Zero, z, TSimd.Subtract(ActivationFunctions.Exp<TSimd, TVector>(z), TSimd.Broadcast(1f)));

    /// <summary>δ · ELU'(z): δ for z &gt; 0, otherwise δ · e^z.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TVector EluDerivative<TSimd, TVector>(TVector delta, TVector z)
        where TSimd : ISimd<TVector>
        where TVector : struct =>
        TSimd.Multiply(delta, TSimd.SelectWhereGreater(z, TSimd.Zero, TSimd.Broadcast(1f), ActivationFunctions.Exp<TSimd, TVector>(z)));

    /// <summary>Softplus(z) = log(1 + e^z) (β = 1), written max(z, 0) + log(1 + e^−|z|) so nothing overflows; z itself above 20.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TVector Softplus<TSimd, TVector>(TVector z)
        where TSimd : ISimd<TVector>
        where TVector : struct
    {
        TVector positivePart = TSimd.SelectWhereGreater(z, TSimd.Zero, z, TSimd.Zero);
        TVector smooth = TSimd.Add(positivePart, Log1p<TSimd, TVector>(ActivationFunctions.Exp<TSimd, TVector>(TSimd.Negate(TSimd.Abs(z)))));
        return TSimd.SelectWhereGreater(z, TSimd.Broadcast(SoftplusThreshold), z, smooth);
    }

    /// <summary>δ · Softplus'(z) = δ · σ(z) (exactly δ above 20, where σ rounds to 1).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TVector SoftplusDerivative<TSimd, TVector>(TVector delta, TVector z)
        where TSimd : ISimd<TVector>
        where TVector : struct =>
        TSimd.Multiply(delta, ActivationFunctions.Sigmoid<TSimd, TVector>(z));

    /// <summary>log(1 + t) for t ∈ [0, 1]: 2·atanh(u) with u = t / (2 + t) ≤ 1/3, seven terms of its odd series.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TVector Log1p<TSimd, TVector>(TVector t)
        where TSimd : ISimd<TVector>
        where TVector : struct
    {
        TVector u = TSimd.Divide(t, TSimd.Add(TSimd.Broadcast(2f), t));
        TVector u2 = TSimd.Multiply(u, u);
        TVector s = TSimd.Broadcast(1f / 13f);
        s = TSimd.MultiplyAdd(s, u2, TSimd.Broadcast(1f / 11f));
        s = TSimd.MultiplyAdd(s, u2, TSimd.Broadcast(1f / 9f));
        s = TSimd.MultiplyAdd(s, u2, TSimd.Broadcast(1f / 7f));
        s = TSimd.MultiplyAdd(s, u2, TSimd.Broadcast(1f / 5f));
        s = TSimd.MultiplyAdd(s, u2, TSimd.Broadcast(1f / 3f));
        s = TSimd.MultiplyAdd(s, u2, TSimd.Broadcast(1f));
        return TSimd.Multiply(TSimd.Add(u, u), s);
    }
}
