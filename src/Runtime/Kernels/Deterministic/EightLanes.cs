using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace StaticNet.Kernels;

/// <summary>
/// Eight partial sums of a dot product, lane i holding the terms whose index is i modulo 8, in one Vector256, two
/// Vector128 or eight floats: the same eight sums at every width, combined by <see cref="Total"/> in one fixed tree.
/// This is what makes a reduction along the vectors width-independent (see <see cref="FixedOrderProduct"/>).
/// </summary>
/// <remarks>
/// Eight, not sixteen: with sixteen, a Vector256 machine needs two registers per sum and its 16 registers hold half the
/// sums a tile needs (measured: the 784-128-10 forward product took 1.8× the default kernel's time with AVX2). With
/// eight, AVX2 runs the default kernel's 4 × 3 tile, and AVX-512 machines, whose 32 registers hold a 4 × 4 tile of
/// Vector256 sums, run the same lanes.
/// </remarks>
internal interface IEightLanes<TSelf>
    where TSelf : struct, IEightLanes<TSelf>
{
    static abstract TSelf Zero { get; }

    /// <summary>The eight floats from <paramref name="source"/>.</summary>
    static abstract TSelf Load(ref float source);

    /// <summary>left · right + addend lane by lane, with one rounding.</summary>
    static abstract TSelf MultiplyAdd(TSelf left, TSelf right, TSelf addend);

    /// <summary>The sum of the eight lanes l0…l7 as one tree at every width: s_i = l_i + l_(i+4), then (s0 + s2) + (s1 + s3).</summary>
    static abstract float Total(TSelf sums);
}

/// <summary>The last level of the tree, shared by every width: (s0 + s2) + (s1 + s3).</summary>
internal static class LaneTree
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Total(Vector128<float> s) => (s.GetElement(0) + s.GetElement(2)) + (s.GetElement(1) + s.GetElement(3));
}

/// <summary>Eight lanes in one Vector256 (AVX2, and AVX-512 machines).</summary>
internal readonly struct Lanes256(Vector256<float> all) : IEightLanes<Lanes256>
{
    private readonly Vector256<float> _all = all;

    public static Lanes256 Zero => default;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes256 Load(ref float source) => new(Vector256.LoadUnsafe(ref source));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes256 MultiplyAdd(Lanes256 left, Lanes256 right, Lanes256 addend) =>
        new(Vector256.FusedMultiplyAdd(left._all, right._all, addend._all));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Total(Lanes256 sums) => LaneTree.Total(sums._all.GetLower() + sums._all.GetUpper());
}

/// <summary>Eight lanes in two Vector128: lanes 0–3 and 4–7.</summary>
internal readonly struct Lanes128(Vector128<float> low, Vector128<float> high) : IEightLanes<Lanes128>
{
    private readonly Vector128<float> _low = low;
    private readonly Vector128<float> _high = high;

    public static Lanes128 Zero => default;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes128 Load(ref float source) => new(Vector128.LoadUnsafe(ref source), Vector128.LoadUnsafe(ref Unsafe.Add(ref source, 4)));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes128 MultiplyAdd(Lanes128 left, Lanes128 right, Lanes128 addend) =>
        new(Vector128.FusedMultiplyAdd(left._low, right._low, addend._low), Vector128.FusedMultiplyAdd(left._high, right._high, addend._high));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Total(Lanes128 sums) => LaneTree.Total(sums._low + sums._high);
}

/// <summary>Eight lanes as eight floats, for runtimes without hardware vectors.</summary>
internal struct LanesScalar : IEightLanes<LanesScalar>
{
    private Eight _lanes;

    public static LanesScalar Zero => default;

    public static LanesScalar Load(ref float source)
    {
        LanesScalar result = default;
        MemoryMarshal.CreateReadOnlySpan(ref source, 8).CopyTo(result._lanes);
        return result;
    }

    public static LanesScalar MultiplyAdd(LanesScalar left, LanesScalar right, LanesScalar addend)
    {
        for (int i = 0; i < 8; i++)
        {
            addend._lanes[i] = MathF.FusedMultiplyAdd(left._lanes[i], right._lanes[i], addend._lanes[i]);
        }

        return addend;
    }

    public static float Total(LanesScalar sums)
    {
        Span<float> l = sums._lanes;
        return ((l[0] + l[4]) + (l[2] + l[6])) + ((l[1] + l[5]) + (l[3] + l[7]));
    }

    [InlineArray(8)]
    private struct Eight
    {
        private float _lane;
    }
}
