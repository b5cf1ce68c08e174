using System;
using static StaticNet.Kernels.FunctionConstants;

namespace StaticNet.Kernels;

/// <summary>
/// The deterministic networks' activations at one float for the netstandard2.1 build, which has no
/// <c>ISimd&lt;TVector&gt;</c> to instantiate the vector builds' one form with: each method is the twin of that form
/// under <c>Fused&lt;float, SimdScalar&gt;</c> (every multiply-add fused, everything else plain IEEE operations in the
/// same order), named after the method it mirrors, so it gives the bits of every vector lane. StaticNet.Tests compiles
/// this file against the vector build and checks every twin against its vector form bit for bit.
/// </summary>
/// <remarks>
/// Min, max, |x| and copysign are written as comparisons and bit operations rather than MathF calls, whose zero and
/// NaN handling older runtimes (Mono's MathF) do not share with the vector builds; the comparisons give the vector
/// form's result for every input the forms are called with (the bounds are never zero).
/// </remarks>
internal static class FusedScalarFunctions
{
    /// <summary>Mirrors <c>ActivationFunctions.Exp</c>.</summary>
    public static float Exp(float x)
    {
        float clamped = Clamp(x, ExpLowerBound, ExpUpperBound);
        float shifted = Fma(clamped, Log2E, RoundingMagic);
        float n = shifted - RoundingMagic;
        float r = Fma(n, -Ln2High, clamped);
        r = Fma(n, -Ln2Low, r);
        float r2 = r * r;
        float low = Fma(r, 1.6666665459e-1f, 5.0000001201e-1f);
        float middle = Fma(r, 8.3334519073e-3f, 4.1665795894e-2f);
        float high = Fma(r, 1.9875691500e-4f, 1.3981999507e-3f);
        float p = Fma(Fma(high, r2, middle), r2, low);
        p = Fma(p, r2, r + 1f);
        float scaled = p * BitConverter.Int32BitsToSingle((BitConverter.SingleToInt32Bits(shifted) + 127 - RoundingMagicBits) << 23);
        return x > ExpUpperBound ? float.PositiveInfinity : scaled;
    }

    /// <summary>Mirrors <c>ActivationFunctions.Sigmoid</c>.</summary>
    public static float Sigmoid(float z) => 1f / (1f + Exp(-z));

    /// <summary>Mirrors <c>ActivationFunctions.Tanh</c>.</summary>
    public static float Tanh(float z)
    {
        float x = Clamp(z, -TanhClamp, TanhClamp);
        float x2 = x * x;
        float x4 = x2 * x2;
        float p0 = Fma(x2, 6.37261928875436e-04f, 4.89352455891786e-03f);
        float p1 = Fma(x2, 5.12229709037114e-08f, 1.48572235717979e-05f);
        float p2 = Fma(x2, 2.00018790482477e-13f, -8.60467152213735e-11f);
        float p = Fma(Fma(x4, -2.76076847742355e-16f, p2), x4, p1);
        p = Fma(p, x4, p0);
        float q0 = Fma(x2, 2.26843463243900e-03f, 4.89352518554385e-03f);
        float q1 = Fma(x2, 1.19825839466702e-06f, 1.18534705686654e-04f);
        float q = Fma(q1, x4, q0);
        float ratio = (p * x) / q;
        return Abs(z) > TanhSaturation ? CopySign(1f, z) : ratio;
    }

    /// <summary>Mirrors <c>SmoothFunctions.Erf</c>.</summary>
    public static float Erf(float x)
    {
        float x2 = x * x;
        float t = 7.853861353153693e-5f;
        t = Fma(t, x2, -8.010193625184903e-4f);
        t = Fma(t, x2, 5.188327685732524e-3f);
        t = Fma(t, x2, -2.685381193529856e-2f);
        t = Fma(t, x2, 1.128358514861418e-1f);
        t = Fma(t, x2, -3.761262582423300e-1f);
        t = Fma(t, x2, 1.128379165726710f);
        float small = x * t;

        float magnitude = Abs(x);
        float a = Clamp(magnitude, 1f, 4f);
        float u = 1f / a;
        float p = 5.486538261e-02f;
        p = Fma(p, u, -3.140592575e-01f);
        p = Fma(p, u, 7.627020478e-01f);
        p = Fma(p, u, -9.827705622e-01f);
        p = Fma(p, u, 6.218023896e-01f);
        p = Fma(p, u, 1.659479737e-02f);
        p = Fma(p, u, -2.986992300e-01f);
        p = Fma(p, u, 3.170531243e-03f);
        p = Fma(p, u, 5.639775395e-01f);
        float complement = (Exp(-(a * a)) * p) * u;
        float large = CopySign(1f - complement, x);
        return magnitude > 1f ? large : small;
    }

    /// <summary>Mirrors <c>SmoothFunctions.Gelu</c>.</summary>
    public static float Gelu(float z) => (z * 0.5f) * (1f + Erf(z * InverseSqrt2));

    /// <summary>Mirrors <c>SmoothFunctions.GeluDerivative</c>.</summary>
    public static float GeluDerivative(float delta, float z)
    {
        float cdf = 0.5f * (1f + Erf(z * InverseSqrt2));
        float pdf = Exp(-(0.5f * (z * z))) * InverseSqrt2Pi;
        float zPdf = Abs(z) > GaussianNegligible ? 0f : z * pdf;
        return delta * (cdf + zPdf);
    }

    /// <summary>Mirrors <c>SmoothFunctions.Silu</c>.</summary>
    public static float Silu(float z) => z / (1f + Exp(-z));

    /// <summary>Mirrors <c>SmoothFunctions.SiluDerivative</c>.</summary>
    public static float SiluDerivative(float delta, float z)
    {
        float sigmoid = Sigmoid(z);
        return (delta * sigmoid) * Fma(z, 1f - sigmoid, 1f);
    }

    /// <summary>Mirrors <c>SmoothFunctions.Elu</c>.</summary>
    public static float Elu(float z) => z > 0f ? z : Exp(z) - 1f;

    /// <summary>Mirrors <c>SmoothFunctions.EluDerivative</c>.</summary>
    public static float EluDerivative(float delta, float z) => delta * (z > 0f ? 1f : Exp(z));

    /// <summary>Mirrors <c>SmoothFunctions.Softplus</c>.</summary>
    public static float Softplus(float z)
    {
        float positivePart = z > 0f ? z : 0f;
        float smooth = positivePart + Log1p(Exp(-Abs(z)));
        return z > SoftplusThreshold ? z : smooth;
    }

    /// <summary>Mirrors <c>SmoothFunctions.SoftplusDerivative</c>.</summary>
    public static float SoftplusDerivative(float delta, float z) => delta * Sigmoid(z);

    /// <summary>Mirrors <c>ReLUOperator.Evaluate</c>: 0 where 0 &gt; z, otherwise z, plus 0 (so −0 becomes +0, as the vector form gives).</summary>
    public static float ReLU(float z) => (0f > z ? 0f : z) + 0f;

    /// <summary>Mirrors <c>LeakyReLUOperator.Evaluate</c>.</summary>
    public static float LeakyReLU(float z, float slope) => z > 0f ? z : z * slope;

    /// <summary>Mirrors <c>LeakyReLUOperator.Evaluate</c>'s derivative form (ReLU's with slope 0).</summary>
    public static float LeakyReLUDerivative(float delta, float z, float slope) => delta * (z > 0f ? 1f : slope);

    /// <summary>Mirrors <c>SigmoidOperator.Evaluate</c>'s derivative form, δ·(a − a·a).</summary>
    public static float SigmoidDerivative(float delta, float a) => delta * (a - (a * a));

    /// <summary>Mirrors <c>TanhOperator.Evaluate</c>'s derivative form, δ·(1 − a·a).</summary>
    public static float TanhDerivative(float delta, float a) => delta * (1f - (a * a));

    /// <summary>a·b + c with one rounding (<see cref="SoftwareFusedMultiplyAdd"/>).</summary>
    public static float Fma(float a, float b, float c) => SoftwareFusedMultiplyAdd.Compute(a, b, c);

    /// <summary>Mirrors <c>SmoothFunctions.Log1p</c>.</summary>
    private static float Log1p(float t)
    {
        float u = t / (2f + t);
        float u2 = u * u;
        float s = 1f / 13f;
        s = Fma(s, u2, 1f / 11f);
        s = Fma(s, u2, 1f / 9f);
        s = Fma(s, u2, 1f / 7f);
        s = Fma(s, u2, 1f / 5f);
        s = Fma(s, u2, 1f / 3f);
        s = Fma(s, u2, 1f);
        return (u + u) * s;
    }

    /// <summary>The vector form's Clamp (max with the lower bound, then min with the upper; NaN passes through).</summary>
    private static float Clamp(float value, float lower, float upper) => value < lower ? lower : value > upper ? upper : value;

    private static float Abs(float value) => BitConverter.Int32BitsToSingle(BitConverter.SingleToInt32Bits(value) & 0x7FFFFFFF);

    private static float CopySign(float value, float sign) =>
        BitConverter.Int32BitsToSingle((BitConverter.SingleToInt32Bits(value) & 0x7FFFFFFF) | (BitConverter.SingleToInt32Bits(sign) & unchecked((int)0x80000000)));
}
