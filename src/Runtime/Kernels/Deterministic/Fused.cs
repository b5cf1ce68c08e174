using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace StaticNet.Kernels;

/// <summary>
/// The lanes of <typeparamref name="TSimd"/> under the rules of deterministic networks: every multiply-add is fused
/// (one rounding, <see cref="ISimd{TVector}.FusedMultiplyAdd"/>, exact in software where the hardware has no FMA), and
/// every operator runs its one form written over <see cref="ISimd{TVector}"/> (<see cref="IUnaryOperator.Evaluate{TSimd, TVector}(TVector)"/>)
/// rather than a per-width form. Each lane then computes the same bits at every width, scalar code included.
/// </summary>
/// <remarks>
/// Only lane-wise operations are width-independent: the horizontal sums (<see cref="Sum"/>, <see cref="Sum4"/>,
/// <see cref="Sum8"/>) add in an order that follows the width, so no deterministic kernel calls them; dot products
/// go through <see cref="FixedOrderProduct"/> instead.
/// </remarks>
internal readonly struct Fused<TVector, TSimd> : ISimd<TVector>
    where TVector : struct
    where TSimd : struct, ISimd<TVector>
{
    public static int Count => TSimd.Count;

    public static bool Deterministic => true;

    public static TVector Zero => TSimd.Zero;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TVector Load(ref float source) => TSimd.Load(ref source);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(TVector value, ref float destination) => TSimd.Store(value, ref destination);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TVector Broadcast(float value) => TSimd.Broadcast(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TVector MultiplyAdd(TVector left, TVector right, TVector addend) => TSimd.FusedMultiplyAdd(left, right, addend);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TVector FusedMultiplyAdd(TVector left, TVector right, TVector addend) => TSimd.FusedMultiplyAdd(left, right, addend);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TVector Add(TVector left, TVector right) => TSimd.Add(left, right);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Sum(TVector value) => TSimd.Sum(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Sum4(TVector a, TVector b, TVector c, TVector d) => TSimd.Sum4(a, b, c, d);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Sum8(TVector a, TVector b, TVector c, TVector d, TVector e, TVector f, TVector g, TVector h) =>
        TSimd.Sum8(a, b, c, d, e, f, g, h);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TVector Subtract(TVector left, TVector right) => TSimd.Subtract(left, right);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TVector Multiply(TVector left, TVector right) => TSimd.Multiply(left, right);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TVector Divide(TVector left, TVector right) => TSimd.Divide(left, right);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TVector Negate(TVector value) => TSimd.Negate(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TVector Clamp(TVector value, TVector lower, TVector upper) => TSimd.Clamp(value, lower, upper);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TVector Abs(TVector value) => TSimd.Abs(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TVector MaxNative(TVector left, TVector right) => TSimd.MaxNative(left, right);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float MaxAcross(TVector value) => TSimd.MaxAcross(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool AnyNaN(TVector value) => TSimd.AnyNaN(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TVector CopySign(TVector value, TVector sign) => TSimd.CopySign(value, sign);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TVector SelectWhereGreater(TVector left, TVector right, TVector ifGreater, TVector otherwise) =>
        TSimd.SelectWhereGreater(left, right, ifGreater, otherwise);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TVector PowerOfTwo(TVector rounded, int roundingBits) => TSimd.PowerOfTwo(rounded, roundingBits);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TVector Apply<TOperator>(TOperator f, TVector value)
        where TOperator : struct, IUnaryOperator => f.Evaluate<Fused<TVector, TSimd>, TVector>(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TVector Apply<TOperator>(TOperator g, TVector delta, TVector value)
        where TOperator : struct, IDerivativeOperator => g.Evaluate<Fused<TVector, TSimd>, TVector>(delta, value);
}
