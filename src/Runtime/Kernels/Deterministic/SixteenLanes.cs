using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace StaticNet.Kernels;

/// <summary>
/// Sixteen partial sums of a dot product, lane i holding the terms whose index is i modulo 16, in one Vector512, two
/// Vector256, four Vector128 or sixteen floats: the same sixteen sums at every width, combined by <see cref="Total"/>
/// in one fixed tree. This is what makes a reduction along the vectors width-independent (see
/// <see cref="FixedOrderProduct"/>).
/// </summary>
internal interface ISixteenLanes<TSelf>
    where TSelf : struct, ISixteenLanes<TSelf>
{
    static abstract TSelf Zero { get; }

    /// <summary>The sixteen floats from <paramref name="source"/>.</summary>
    static abstract TSelf Load(ref float source);

    /// <summary>left · right + addend lane by lane, with one rounding.</summary>
    static abstract TSelf MultiplyAdd(TSelf left, TSelf right, TSelf addend);

    /// <summary>
    /// The sum of the sixteen lanes l0…l15 as one tree at every width: s_i = l_i + l_{i+8}, then t_i = s_i + s_{i+4},
    /// then (t0 + t2) + (t1 + t3).
    /// </summary>
    static abstract float Total(TSelf sums);
}

/// <summary>The last two levels of the tree, shared by every width: (t0 + t2) + (t1 + t3).</summary>
internal static class LaneTree
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Total(Vector128<float> t) => (t.GetElement(0) + t.GetElement(2)) + (t.GetElement(1) + t.GetElement(3));
}

/// <summary>Sixteen lanes in one Vector512.</summary>
internal readonly struct Lanes512(Vector512<float> all) : ISixteenLanes<Lanes512>
{
    private readonly Vector512<float> _all = all;

    public static Lanes512 Zero => default;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes512 Load(ref float source) => new(Vector512.LoadUnsafe(ref source));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes512 MultiplyAdd(Lanes512 left, Lanes512 right, Lanes512 addend) =>
        new(Vector512.FusedMultiplyAdd(left._all, right._all, addend._all));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Total(Lanes512 sums)
    {
        Vector256<float> s = sums._all.GetLower() + sums._all.GetUpper();
        return LaneTree.Total(s.GetLower() + s.GetUpper());
    }
}

/// <summary>Sixteen lanes in two Vector256: lanes 0–7 and 8–15.</summary>
internal readonly struct Lanes256(Vector256<float> low, Vector256<float> high) : ISixteenLanes<Lanes256>
{
    private readonly Vector256<float> _low = low;
    private readonly Vector256<float> _high = high;

    public static Lanes256 Zero => default;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes256 Load(ref float source) => new(Vector256.LoadUnsafe(ref source), Vector256.LoadUnsafe(ref Unsafe.Add(ref source, 8)));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes256 MultiplyAdd(Lanes256 left, Lanes256 right, Lanes256 addend) =>
        new(Vector256.FusedMultiplyAdd(left._low, right._low, addend._low), Vector256.FusedMultiplyAdd(left._high, right._high, addend._high));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Total(Lanes256 sums)
    {
        Vector256<float> s = sums._low + sums._high;
        return LaneTree.Total(s.GetLower() + s.GetUpper());
    }
}

/// <summary>Sixteen lanes in four Vector128: lanes 0–3, 4–7, 8–11 and 12–15.</summary>
internal readonly struct Lanes128(Vector128<float> a, Vector128<float> b, Vector128<float> c, Vector128<float> d) : ISixteenLanes<Lanes128>
{
    private readonly Vector128<float> _a = a;
    private readonly Vector128<float> _b = b;
    private readonly Vector128<float> _c = c;
    private readonly Vector128<float> _d = d;

    public static Lanes128 Zero => default;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes128 Load(ref float source) => new(
        Vector128.LoadUnsafe(ref source), Vector128.LoadUnsafe(ref Unsafe.Add(ref source, 4)),
        Vector128.LoadUnsafe(ref Unsafe.Add(ref source, 8)), Vector128.LoadUnsafe(ref Unsafe.Add(ref source, 12)));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes128 MultiplyAdd(Lanes128 left, Lanes128 right, Lanes128 addend) => new(
        Vector128.FusedMultiplyAdd(left._a, right._a, addend._a), Vector128.FusedMultiplyAdd(left._b, right._b, addend._b),
        Vector128.FusedMultiplyAdd(left._c, right._c, addend._c), Vector128.FusedMultiplyAdd(left._d, right._d, addend._d));

    // s = (lanes 0–3 + 8–11 | lanes 4–7 + 12–15), then t_i = s_i + s_{i+4}.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Total(Lanes128 sums) => LaneTree.Total((sums._a + sums._c) + (sums._b + sums._d));
}

/// <summary>Sixteen lanes as sixteen floats, for runtimes without hardware vectors.</summary>
internal struct LanesScalar : ISixteenLanes<LanesScalar>
{
    private Sixteen _lanes;

    public static LanesScalar Zero => default;

    public static LanesScalar Load(ref float source)
    {
        LanesScalar result = default;
        MemoryMarshal.CreateReadOnlySpan(ref source, 16).CopyTo(result._lanes);
        return result;
    }

    public static LanesScalar MultiplyAdd(LanesScalar left, LanesScalar right, LanesScalar addend)
    {
        for (int i = 0; i < 16; i++)
        {
            addend._lanes[i] = MathF.FusedMultiplyAdd(left._lanes[i], right._lanes[i], addend._lanes[i]);
        }

        return addend;
    }

    public static float Total(LanesScalar sums)
    {
        Span<float> s = sums._lanes;
        for (int i = 0; i < 8; i++)
        {
            s[i] += s[i + 8];
        }

        return ((s[0] + s[4]) + (s[2] + s[6])) + ((s[1] + s[5]) + (s[3] + s[7]));
    }

    [InlineArray(16)]
    private struct Sixteen
    {
        private float _lane;
    }
}
