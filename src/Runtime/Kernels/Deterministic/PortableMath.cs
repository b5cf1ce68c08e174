using System;
using System.Runtime.CompilerServices;

namespace StaticNet.Kernels;

/// <summary>
/// e^x and ln x from basic operations only (IEEE add, multiply, divide, fused multiply-add and bit manipulation, each
/// correctly rounded), so every platform and runtime computes the same bits: the deterministic networks' math.
/// e^x is the kernels' own polynomial at one float (<see cref="FusedFloat.Exp"/>); every build compiles this file.
/// </summary>
internal readonly struct PortableMath : IScalarMath
{
    // ln 2 in two parts: e·Ln2High is exact for every float exponent e (|e| < 2^8, Ln2High has 9 significant bits).
    private const float Ln2High = 0.693359375f;
    private const float Ln2Low = -2.12194440e-4f;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public float Exp(float x) => FusedFloat.Exp(x);

    /// <summary>
    /// ln x within 2 ulp: x = m·2^e with m in [√½, √2), ln m = 2·atanh(u) for u = (m − 1)/(m + 1), |u| ≤ 0.172, whose
    /// odd series converges to float precision in seven terms. ln 0 = −∞, ln ∞ = ∞, NaN for x &lt; 0 and for NaN.
    /// </summary>
    public float Log(float x)
    {
        if (!(x > 0f) || float.IsPositiveInfinity(x))
        {
            return x == 0f ? float.NegativeInfinity : x > 0f ? x : float.NaN;
        }

        int exponent = 0;
        if (x < 1.17549435e-38f)
        {
            // A subnormal: scaled by 2^23 into the normal range first (exact).
            x *= 8388608f;
            exponent = -23;
        }

        int bits = BitConverter.SingleToInt32Bits(x);
        exponent += (bits >> 23) - 127;
        float m = BitConverter.Int32BitsToSingle((bits & 0x007FFFFF) | 0x3F800000);
        if (m > 1.41421356f)
        {
            m *= 0.5f;
            exponent++;
        }

        // m − 1 is exact here (Sterbenz), so ln x stays accurate near x = 1.
        float u = (m - 1f) / (m + 1f);
        float u2 = u * u;
        float s = 1f / 13f;
        s = FusedFloat.MultiplyAdd(s, u2, 1f / 11f);
        s = FusedFloat.MultiplyAdd(s, u2, 1f / 9f);
        s = FusedFloat.MultiplyAdd(s, u2, 1f / 7f);
        s = FusedFloat.MultiplyAdd(s, u2, 1f / 5f);
        s = FusedFloat.MultiplyAdd(s, u2, 1f / 3f);
        float logM = FusedFloat.MultiplyAdd(u * u2, 2f * s, 2f * u);
        float e = exponent;
        return FusedFloat.MultiplyAdd(e, Ln2High, FusedFloat.MultiplyAdd(e, Ln2Low, logM));
    }
}
