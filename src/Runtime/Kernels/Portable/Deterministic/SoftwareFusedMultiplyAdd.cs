using System;

namespace StaticNet.Kernels;

/// <summary>
/// a·b + c with one rounding to float, from double arithmetic alone: the fused multiply-add of deterministic networks
/// where the runtime has no FMA API (netstandard2.1: Mono and IL2CPP), bit for bit what the FMA instruction gives.
/// </summary>
/// <remarks>
/// a·b is exact in double (two 24-bit significands make at most 48 bits, and the exponents of float products,
/// subnormals included, stay far inside double's normal range). The sum s = a·b + c is rounded once in double; TwoSum
/// recovers its rounding error exactly. Rounding s to odd (moving it one ulp toward the error when the error is not
/// zero and s's last bit is 0) keeps the information that s is inexact and on which side of s the exact sum lies, and
/// a value rounded to odd with 53 bits rounds to any precision of at most 51 bits as the exact value does (Boldo and
/// Melquiond, "Emulation of FMA and correctly rounded sums: proved algorithms using rounding to odd", 2008): the
/// conversion to float is then the correctly rounded a·b + c, overflow to ±∞ and subnormal results included.
/// Exact zeros keep IEEE's sign rule because double addition follows it; infinities pass through double arithmetic as
/// through the instruction (∞·0 and ∞ − ∞ give the default NaN). A NaN operand is returned quieted, as the instruction
/// returns it; with several NaN operands the instruction's choice follows the operand order of the encoding the JIT
/// picks, so no software can promise its payload, and no network result depends on one.
/// </remarks>
internal static class SoftwareFusedMultiplyAdd
{
    /// <summary>a·b + c rounded once to the nearest float, ties to even.</summary>
    public static float Compute(float a, float b, float c)
    {
        if (float.IsNaN(a) || float.IsNaN(b) || float.IsNaN(c))
        {
            float nan = float.IsNaN(a) ? a : float.IsNaN(b) ? b : c;
            return BitConverter.Int32BitsToSingle(BitConverter.SingleToInt32Bits(nan) | 0x00400000);
        }

        double product = (double)a * b;
        double sum = product + c;
        if (double.IsNaN(sum) || double.IsInfinity(sum))
        {
            return (float)sum;
        }

        // TwoSum: the exact error of the rounded sum (no overflow: |a·b| < 2^256 and |c| < 2^128).
        double addend = sum - product;
        double error = (product - (sum - addend)) + (c - addend);
        long bits = BitConverter.DoubleToInt64Bits(sum);
        if (error != 0d && (bits & 1) == 0)
        {
            // Round to odd: the neighbour toward the exact value (sum is not zero here: a zero sum is exact).
            bits += (error > 0d) == (sum > 0d) ? 1 : -1;
            sum = BitConverter.Int64BitsToDouble(bits);
        }

        return (float)sum;
    }
}
