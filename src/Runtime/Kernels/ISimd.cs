using System;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.Arm;
using System.Runtime.Intrinsics.X86;

namespace StaticNet.Kernels;

/// <summary>
/// The few vector operations the dense kernels use, so that one kernel body is compiled for Vector512, Vector256,
/// Vector128 and plain floats. Implementations are structs: the JIT specialises each kernel per width, with no interface calls left.
/// </summary>
internal interface ISimd<TVector>
    where TVector : struct
{
    static abstract int Count { get; }

    /// <summary>
    /// Whether this is the ISimd of deterministic networks (<see cref="Fused{TVector, TSimd}"/>): kernels then compute
    /// what their vectors leave one float at a time in the same form, rather than in narrower per-width forms.
    /// </summary>
    static abstract bool Deterministic { get; }

    static abstract TVector Zero { get; }

    static abstract TVector Load(ref float source);

    static abstract void Store(TVector value, ref float destination);

    static abstract TVector Broadcast(float value);

    /// <summary>left · right + addend, fused where the hardware has FMA.</summary>
    static abstract TVector MultiplyAdd(TVector left, TVector right, TVector addend);

    /// <summary>
    /// left · right + addend with one rounding, always: the hardware instruction where there is one, otherwise an exact
    /// software fallback (slow). The rounding rule of deterministic networks (<see cref="Fused{TVector, TSimd}"/>).
    /// </summary>
    static abstract TVector FusedMultiplyAdd(TVector left, TVector right, TVector addend);

    static abstract TVector Add(TVector left, TVector right);

    static abstract float Sum(TVector value);

    /// <summary>The four horizontal sums of four vectors at once, sharing the shuffles a separate Sum would repeat.</summary>
    static abstract Vector128<float> Sum4(TVector a, TVector b, TVector c, TVector d);

    /// <summary>The eight horizontal sums of eight vectors at once.</summary>
    static abstract Vector256<float> Sum8(TVector a, TVector b, TVector c, TVector d, TVector e, TVector f, TVector g, TVector h);

    // Element-wise arithmetic for the activation functions (VectorActivations), written once for every width.
    static abstract TVector Subtract(TVector left, TVector right);

    static abstract TVector Multiply(TVector left, TVector right);

    static abstract TVector Divide(TVector left, TVector right);

    static abstract TVector Negate(TVector value);

    /// <summary>
    /// <paramref name="value"/> limited to [lower, upper], with a NaN value passed through. Written with the native
    /// min and max instructions (operands ordered so that x64's, which return the second operand when one is NaN,
    /// return the value): IEEE Min/Max on a value not known to be a constant when the JIT imports it cost a
    /// fix-up sequence each (vrangeps, vfixupimmps), 15 % more code in a register layer.
    /// </summary>
    static abstract TVector Clamp(TVector value, TVector lower, TVector upper);

    static abstract TVector Abs(TVector value);

    /// <summary>
    /// The larger of each pair of lanes, with the hardware's own maximum (one instruction; which operand a NaN lane
    /// gives is the hardware's choice, so callers that care test for NaN with <see cref="AnyNaN"/>).
    /// </summary>
    static abstract TVector MaxNative(TVector left, TVector right);

    /// <summary>The largest lane, halving the vector with <see cref="MaxNative"/> each step (NaN lanes as there).</summary>
    static abstract float MaxAcross(TVector value);

    /// <summary>Whether any lane is NaN (the only value not equal to itself).</summary>
    static abstract bool AnyNaN(TVector value);

    /// <summary>|value| with the sign of <paramref name="sign"/>.</summary>
    static abstract TVector CopySign(TVector value, TVector sign);

    /// <summary>Per lane: <paramref name="ifGreater"/> where left &gt; right, otherwise <paramref name="otherwise"/> (NaN compares false).</summary>
    static abstract TVector SelectWhereGreater(TVector left, TVector right, TVector ifGreater, TVector otherwise);

    /// <summary>
    /// 2^n as a float, for n held as an integer in the low mantissa bits of <paramref name="rounded"/> (a float that
    /// had the rounding constant with bit pattern <paramref name="roundingBits"/> added): the exponent field written
    /// directly, the step that turns e^r into e^x.
    /// </summary>
    static abstract TVector PowerOfTwo(TVector rounded, int roundingBits);

    /// <summary>f(value) lane by lane, through the operator's form of this width (the fused activations of a kernel).</summary>
    static abstract TVector Apply<TOperator>(TOperator f, TVector value)
        where TOperator : struct, IUnaryOperator;

    /// <summary>δ ⊙ g'(v) lane by lane, through the derivative's form of this width.</summary>
    static abstract TVector Apply<TOperator>(TOperator g, TVector delta, TVector value)
        where TOperator : struct, IDerivativeOperator;
}

/// <summary>512-bit lanes (16 floats), for CPUs with AVX-512F.</summary>
internal readonly struct Simd512 : ISimd<Vector512<float>>
{
    public static int Count => Vector512<float>.Count;

    public static bool Deterministic => false;

    public static Vector512<float> Zero => Vector512<float>.Zero;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Load(ref float source) => Vector512.LoadUnsafe(ref source);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Vector512<float> value, ref float destination) => value.StoreUnsafe(ref destination);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Broadcast(float value) => Vector512.Create(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> MultiplyAdd(Vector512<float> left, Vector512<float> right, Vector512<float> addend) =>
        VectorMath.MultiplyAdd(left, right, addend);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> FusedMultiplyAdd(Vector512<float> left, Vector512<float> right, Vector512<float> addend) =>
        Vector512.FusedMultiplyAdd(left, right, addend);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Add(Vector512<float> left, Vector512<float> right) => left + right;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Sum(Vector512<float> value) => Vector512.Sum(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Sum4(Vector512<float> a, Vector512<float> b, Vector512<float> c, Vector512<float> d) =>
        Simd256.Sum4(a.GetLower() + a.GetUpper(), b.GetLower() + b.GetUpper(), c.GetLower() + c.GetUpper(), d.GetLower() + d.GetUpper());

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Sum8(Vector512<float> a, Vector512<float> b, Vector512<float> c, Vector512<float> d, Vector512<float> e, Vector512<float> f, Vector512<float> g, Vector512<float> h) =>
        Simd256.Sum8(
            a.GetLower() + a.GetUpper(), b.GetLower() + b.GetUpper(), c.GetLower() + c.GetUpper(), d.GetLower() + d.GetUpper(),
            e.GetLower() + e.GetUpper(), f.GetLower() + f.GetUpper(), g.GetLower() + g.GetUpper(), h.GetLower() + h.GetUpper());

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Subtract(Vector512<float> left, Vector512<float> right) => left - right;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Multiply(Vector512<float> left, Vector512<float> right) => left * right;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Divide(Vector512<float> left, Vector512<float> right) => left / right;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Negate(Vector512<float> value) => -value;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Clamp(Vector512<float> value, Vector512<float> lower, Vector512<float> upper) =>
        Vector512.MinNative(upper, Vector512.MaxNative(lower, value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Abs(Vector512<float> value) => Vector512.Abs(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> MaxNative(Vector512<float> left, Vector512<float> right) => Vector512.MaxNative(left, right);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float MaxAcross(Vector512<float> value) => Simd256.MaxAcross(Vector256.MaxNative(value.GetLower(), value.GetUpper()));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool AnyNaN(Vector512<float> value) => !Vector512.EqualsAll(value, value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> CopySign(Vector512<float> value, Vector512<float> sign) => Vector512.CopySign(value, sign);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> SelectWhereGreater(Vector512<float> left, Vector512<float> right, Vector512<float> ifGreater, Vector512<float> otherwise) =>
        Vector512.ConditionalSelect(Vector512.GreaterThan(left, right), ifGreater, otherwise);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> PowerOfTwo(Vector512<float> rounded, int roundingBits) =>
        ((rounded.AsInt32() + Vector512.Create(127 - roundingBits)) << 23).AsSingle();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Apply<TOperator>(TOperator f, Vector512<float> value)
        where TOperator : struct, IUnaryOperator => f.Invoke(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Apply<TOperator>(TOperator g, Vector512<float> delta, Vector512<float> value)
        where TOperator : struct, IDerivativeOperator => g.Invoke(delta, value);
}

/// <summary>256-bit lanes (8 floats), for CPUs with AVX2 and FMA.</summary>
internal readonly struct Simd256 : ISimd<Vector256<float>>
{
    public static int Count => Vector256<float>.Count;

    public static bool Deterministic => false;

    public static Vector256<float> Zero => Vector256<float>.Zero;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Load(ref float source) => Vector256.LoadUnsafe(ref source);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Vector256<float> value, ref float destination) => value.StoreUnsafe(ref destination);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Broadcast(float value) => Vector256.Create(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> MultiplyAdd(Vector256<float> left, Vector256<float> right, Vector256<float> addend) =>
        VectorMath.MultiplyAdd(left, right, addend);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> FusedMultiplyAdd(Vector256<float> left, Vector256<float> right, Vector256<float> addend) =>
        Vector256.FusedMultiplyAdd(left, right, addend);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Add(Vector256<float> left, Vector256<float> right) => left + right;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Sum(Vector256<float> value) => Vector256.Sum(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Sum4(Vector256<float> a, Vector256<float> b, Vector256<float> c, Vector256<float> d)
    {
        if (Avx.IsSupported)
        {
            // hadd(hadd(a, b), hadd(c, d)) leaves each 128-bit half holding one partial sum per vector.
            Vector256<float> sums = Avx.HorizontalAdd(Avx.HorizontalAdd(a, b), Avx.HorizontalAdd(c, d));
            return sums.GetLower() + sums.GetUpper();
        }

        return Vector128.Create(Vector256.Sum(a), Vector256.Sum(b), Vector256.Sum(c), Vector256.Sum(d));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Sum8(Vector256<float> a, Vector256<float> b, Vector256<float> c, Vector256<float> d, Vector256<float> e, Vector256<float> f, Vector256<float> g, Vector256<float> h)
    {
        if (Avx.IsSupported)
        {
            // Each of the two hadd trees leaves [the lower halves' sums of four vectors | the upper halves' sums]:
            // swapping 128-bit halves between them lines the two partial sums of every vector up for one add.
            Vector256<float> first = Avx.HorizontalAdd(Avx.HorizontalAdd(a, b), Avx.HorizontalAdd(c, d));
            Vector256<float> second = Avx.HorizontalAdd(Avx.HorizontalAdd(e, f), Avx.HorizontalAdd(g, h));
            return Avx.Permute2x128(first, second, 0x20) + Avx.Permute2x128(first, second, 0x31);
        }

        return Vector256.Create(Sum4(a, b, c, d), Sum4(e, f, g, h));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Subtract(Vector256<float> left, Vector256<float> right) => left - right;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Multiply(Vector256<float> left, Vector256<float> right) => left * right;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Divide(Vector256<float> left, Vector256<float> right) => left / right;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Negate(Vector256<float> value) => -value;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Clamp(Vector256<float> value, Vector256<float> lower, Vector256<float> upper) =>
        Vector256.MinNative(upper, Vector256.MaxNative(lower, value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Abs(Vector256<float> value) => Vector256.Abs(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> MaxNative(Vector256<float> left, Vector256<float> right) => Vector256.MaxNative(left, right);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float MaxAcross(Vector256<float> value) => Simd128.MaxAcross(Vector128.MaxNative(value.GetLower(), value.GetUpper()));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool AnyNaN(Vector256<float> value) => !Vector256.EqualsAll(value, value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> CopySign(Vector256<float> value, Vector256<float> sign) => Vector256.CopySign(value, sign);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> SelectWhereGreater(Vector256<float> left, Vector256<float> right, Vector256<float> ifGreater, Vector256<float> otherwise) =>
        Vector256.ConditionalSelect(Vector256.GreaterThan(left, right), ifGreater, otherwise);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> PowerOfTwo(Vector256<float> rounded, int roundingBits) =>
        ((rounded.AsInt32() + Vector256.Create(127 - roundingBits)) << 23).AsSingle();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Apply<TOperator>(TOperator f, Vector256<float> value)
        where TOperator : struct, IUnaryOperator => f.Invoke(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Apply<TOperator>(TOperator g, Vector256<float> delta, Vector256<float> value)
        where TOperator : struct, IDerivativeOperator => g.Invoke(delta, value);
}

/// <summary>
/// 128-bit lanes (4 floats): ARM64's NEON, and x64 CPUs or runtimes without 256-bit vectors (for example
/// <c>DOTNET_PreferredVectorBitWidth=128</c>).
/// </summary>
internal readonly struct Simd128 : ISimd<Vector128<float>>
{
    public static int Count => Vector128<float>.Count;

    public static bool Deterministic => false;

    public static Vector128<float> Zero => Vector128<float>.Zero;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Load(ref float source) => Vector128.LoadUnsafe(ref source);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Vector128<float> value, ref float destination) => value.StoreUnsafe(ref destination);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Broadcast(float value) => Vector128.Create(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> MultiplyAdd(Vector128<float> left, Vector128<float> right, Vector128<float> addend) =>
        VectorMath.MultiplyAdd(left, right, addend);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> FusedMultiplyAdd(Vector128<float> left, Vector128<float> right, Vector128<float> addend) =>
        Vector128.FusedMultiplyAdd(left, right, addend);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Add(Vector128<float> left, Vector128<float> right) => left + right;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Sum(Vector128<float> value) => Vector128.Sum(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Sum4(Vector128<float> a, Vector128<float> b, Vector128<float> c, Vector128<float> d)
    {
        // Both pairwise adds give [a0+a1, a2+a3, b0+b1, b2+b3]; twice over four vectors leaves one total per vector.
        if (Sse3.IsSupported)
        {
            return Sse3.HorizontalAdd(Sse3.HorizontalAdd(a, b), Sse3.HorizontalAdd(c, d));
        }

        if (AdvSimd.Arm64.IsSupported)
        {
            return AdvSimd.Arm64.AddPairwise(AdvSimd.Arm64.AddPairwise(a, b), AdvSimd.Arm64.AddPairwise(c, d));
        }

        return Vector128.Create(Vector128.Sum(a), Vector128.Sum(b), Vector128.Sum(c), Vector128.Sum(d));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Sum8(Vector128<float> a, Vector128<float> b, Vector128<float> c, Vector128<float> d, Vector128<float> e, Vector128<float> f, Vector128<float> g, Vector128<float> h) =>
        Vector256.Create(Sum4(a, b, c, d), Sum4(e, f, g, h));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Subtract(Vector128<float> left, Vector128<float> right) => left - right;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Multiply(Vector128<float> left, Vector128<float> right) => left * right;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Divide(Vector128<float> left, Vector128<float> right) => left / right;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Negate(Vector128<float> value) => -value;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Clamp(Vector128<float> value, Vector128<float> lower, Vector128<float> upper) =>
        Vector128.MinNative(upper, Vector128.MaxNative(lower, value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Abs(Vector128<float> value) => Vector128.Abs(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> MaxNative(Vector128<float> left, Vector128<float> right) => Vector128.MaxNative(left, right);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float MaxAcross(Vector128<float> value)
    {
        value = Vector128.MaxNative(value, Vector128.Shuffle(value, Vector128.Create(2, 3, 0, 1)));
        return Vector128.MaxNative(value, Vector128.Shuffle(value, Vector128.Create(1, 0, 3, 2))).ToScalar();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool AnyNaN(Vector128<float> value) => !Vector128.EqualsAll(value, value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> CopySign(Vector128<float> value, Vector128<float> sign) => Vector128.CopySign(value, sign);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> SelectWhereGreater(Vector128<float> left, Vector128<float> right, Vector128<float> ifGreater, Vector128<float> otherwise) =>
        Vector128.ConditionalSelect(Vector128.GreaterThan(left, right), ifGreater, otherwise);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> PowerOfTwo(Vector128<float> rounded, int roundingBits) =>
        ((rounded.AsInt32() + Vector128.Create(127 - roundingBits)) << 23).AsSingle();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Apply<TOperator>(TOperator f, Vector128<float> value)
        where TOperator : struct, IUnaryOperator => f.Invoke(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Apply<TOperator>(TOperator g, Vector128<float> delta, Vector128<float> value)
        where TOperator : struct, IDerivativeOperator => g.Invoke(delta, value);

    /// <summary>The first <paramref name="count"/> (1 to 3) floats at <paramref name="source"/>, the other lanes zero: a tail that stays in registers.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> LoadPartial(ref float source, int count) =>
        Vector128.Create(source, count > 1 ? Unsafe.Add(ref source, 1) : 0f, count > 2 ? Unsafe.Add(ref source, 2) : 0f, 0f);

    /// <summary>Stores the first <paramref name="count"/> (1 to 3) lanes of <paramref name="value"/> and nothing beyond them.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void StorePartial(Vector128<float> value, ref float destination, int count)
    {
        destination = value.GetElement(0);
        if (count > 1)
        {
            Unsafe.Add(ref destination, 1) = value.GetElement(1);
        }

        if (count > 2)
        {
            Unsafe.Add(ref destination, 2) = value.GetElement(2);
        }
    }
}

/// <summary>One float per "vector": the portable fallback, and the column tails of the vector paths.</summary>
internal readonly struct SimdScalar : ISimd<float>
{
    public static int Count => 1;

    public static bool Deterministic => false;

    public static float Zero => 0f;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Load(ref float source) => source;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(float value, ref float destination) => destination = value;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Broadcast(float value) => value;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float MultiplyAdd(float left, float right, float addend) => (left * right) + addend;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float FusedMultiplyAdd(float left, float right, float addend) => MathF.FusedMultiplyAdd(left, right, addend);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Add(float left, float right) => left + right;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Sum(float value) => value;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Sum4(float a, float b, float c, float d) => Vector128.Create(a, b, c, d);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Sum8(float a, float b, float c, float d, float e, float f, float g, float h) => Vector256.Create(a, b, c, d, e, f, g, h);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Subtract(float left, float right) => left - right;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Multiply(float left, float right) => left * right;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Divide(float left, float right) => left / right;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Negate(float value) => -value;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Clamp(float value, float lower, float upper) => MathF.Min(MathF.Max(value, lower), upper);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Abs(float value) => MathF.Abs(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float MaxNative(float left, float right) => MathF.Max(left, right);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float MaxAcross(float value) => value;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool AnyNaN(float value) => float.IsNaN(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float CopySign(float value, float sign) => MathF.CopySign(value, sign);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float SelectWhereGreater(float left, float right, float ifGreater, float otherwise) =>
        left > right ? ifGreater : otherwise;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float PowerOfTwo(float rounded, int roundingBits) =>
        BitConverter.Int32BitsToSingle((BitConverter.SingleToInt32Bits(rounded) + 127 - roundingBits) << 23);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Apply<TOperator>(TOperator f, float value)
        where TOperator : struct, IUnaryOperator => f.Invoke(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Apply<TOperator>(TOperator g, float delta, float value)
        where TOperator : struct, IDerivativeOperator => g.Invoke(delta, value);
}
