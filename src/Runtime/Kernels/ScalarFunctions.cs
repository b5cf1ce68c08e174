using System;
using System.Runtime.CompilerServices;
using static StaticNet.Kernels.FunctionConstants;

namespace StaticNet.Kernels;

/// <summary>
/// The one-float form of every activation function, in every build: what the operators' scalar members, the
/// one-sample <c>NetworkMath</c> calls and the portable (netstandard2.1) kernels compute.
/// </summary>
/// <remarks>
/// Operation for operation what <c>ActivationFunctions</c> and <c>SmoothFunctions</c> compute at one float per
/// "vector" (their <c>SimdScalar</c> instantiation, which the vector builds' scalar width runs): the same polynomials in
/// the same order, multiply-adds unfused, clamps as MathF.Min(MathF.Max(…)). Written as straight scalar code because
/// netstandard2.1 has no static abstract interface members to instantiate those with, and because straight code is
/// what Mono's JIT and IL2CPP's C++ compiler handle best. ScalarFunctionTests checks every function against the
/// <c>SimdScalar</c> instantiation bit for bit, so every build computes the same one-float activations.
/// </remarks>
internal static class ScalarFunctions
{
    /// <summary>σ(z) = 1 / (1 + e^-z) through MathF.Exp: what a σ layer computes; exactly 0 or 1 for large |z|, never NaN.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Sigmoid(float z) => 1f / (1f + MathF.Exp(-z));

    /// <summary>e^x by the kernels' polynomial (x = n·ln 2 + r, e^r of degree 7, 2^n written into the exponent).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Exp(float x)
    {
        float clamped = Clamp(x, ExpLowerBound, ExpUpperBound);
        float shifted = (clamped * Log2E) + RoundingMagic;
        float n = shifted - RoundingMagic;
        float r = (n * -Ln2High) + clamped;
        r = (n * -Ln2Low) + r;
        float r2 = r * r;
        float low = (r * 1.6666665459e-1f) + 5.0000001201e-1f;
        float middle = (r * 8.3334519073e-3f) + 4.1665795894e-2f;
        float high = (r * 1.9875691500e-4f) + 1.3981999507e-3f;
        float p = (((high * r2) + middle) * r2) + low;
        p = (p * r2) + (r + 1f);
        float powerOfTwo = BitConverter.Int32BitsToSingle((BitConverter.SingleToInt32Bits(shifted) + 127 - RoundingMagicBits) << 23);
        return x > ExpUpperBound ? float.PositiveInfinity : p * powerOfTwo;
    }

    /// <summary>σ(z) = 1 / (1 + e^−z) through <see cref="Exp"/>, as the derivatives of SiLU and Softplus compute it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float PolynomialSigmoid(float z) => 1f / (1f + Exp(-z));

    /// <summary>erf(x), within 2.5 ulp; exactly ±1 beyond |x| ≈ 3.9, NaN passed through.</summary>
    public static float Erf(float x)
    {
        float x2 = x * x;
        float t = 7.853861353153693e-5f;
        t = (t * x2) + -8.010193625184903e-4f;
        t = (t * x2) + 5.188327685732524e-3f;
        t = (t * x2) + -2.685381193529856e-2f;
        t = (t * x2) + 1.128358514861418e-1f;
        t = (t * x2) + -3.761262582423300e-1f;
        t = (t * x2) + 1.128379165726710f;
        float small = x * t;

        float magnitude = MathF.Abs(x);
        float a = Clamp(magnitude, 1f, 4f);
        float u = 1f / a;
        float p = 5.486538261e-02f;
        p = (p * u) + -3.140592575e-01f;
        p = (p * u) + 7.627020478e-01f;
        p = (p * u) + -9.827705622e-01f;
        p = (p * u) + 6.218023896e-01f;
        p = (p * u) + 1.659479737e-02f;
        p = (p * u) + -2.986992300e-01f;
        p = (p * u) + 3.170531243e-03f;
        p = (p * u) + 5.639775395e-01f;
        float complement = Exp(-(a * a)) * p * u;
        float large = MathF.CopySign(1f - complement, x);
        return magnitude > 1f ? large : small;
    }

    /// <summary>GELU(z) = z · ½ · (1 + erf(z/√2)), PyTorch's exact form.</summary>
    public static float Gelu(float z) => z * 0.5f * (1f + Erf(z * InverseSqrt2));

    /// <summary>δ · GELU'(z) = δ · (Φ(z) + z·φ(z)), as PyTorch's GELU backward computes it.</summary>
    public static float GeluDerivative(float delta, float z)
    {
        float cdf = 0.5f * (1f + Erf(z * InverseSqrt2));
        float pdf = Exp(-(0.5f * (z * z))) * InverseSqrt2Pi;
        float zPdf = MathF.Abs(z) > GaussianNegligible ? 0f : z * pdf;
        return delta * (cdf + zPdf);
    }

    /// <summary>SiLU(z) = z / (1 + e^−z).</summary>
    public static float Silu(float z) => z / (1f + Exp(-z));

    /// <summary>δ · SiLU'(z) = δ · σ(z) · (1 + z·(1 − σ(z))).</summary>
    public static float SiluDerivative(float delta, float z)
    {
        float sigmoid = PolynomialSigmoid(z);
        return delta * sigmoid * ((z * (1f - sigmoid)) + 1f);
    }

    /// <summary>ELU(z) = z for z &gt; 0, otherwise e^z − 1 (α = 1).</summary>
    public static float Elu(float z) => z > 0f ? z : Exp(z) - 1f;

    /// <summary>δ · ELU'(z): δ for z &gt; 0, otherwise δ · e^z.</summary>
    public static float EluDerivative(float delta, float z) => delta * (z > 0f ? 1f : Exp(z));

    /// <summary>Softplus(z) = max(z, 0) + log(1 + e^−|z|) (β = 1); z itself above 20.</summary>
    public static float Softplus(float z)
    {
        float positivePart = z > 0f ? z : 0f;
        float smooth = positivePart + Log1p(Exp(-MathF.Abs(z)));
        return z > SoftplusThreshold ? z : smooth;
    }

    /// <summary>δ · Softplus'(z) = δ · σ(z).</summary>
    public static float SoftplusDerivative(float delta, float z) => delta * PolynomialSigmoid(z);

    /// <summary>log(1 + t) for t ∈ [0, 1]: 2·atanh(u) with u = t / (2 + t), seven terms of its odd series.</summary>
    private static float Log1p(float t)
    {
        float u = t / (2f + t);
        float u2 = u * u;
        float s = 1f / 13f;
        s = (s * u2) + (1f / 11f);
        s = (s * u2) + (1f / 9f);
        s = (s * u2) + (1f / 7f);
        s = (s * u2) + (1f / 5f);
        s = (s * u2) + (1f / 3f);
        s = (s * u2) + 1f;
        return (u + u) * s;
    }

    /// <summary>value limited to [lower, upper] as the kernels' scalar width limits it (NaN passes through).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static float Clamp(float value, float lower, float upper) => MathF.Min(MathF.Max(value, lower), upper);
}
