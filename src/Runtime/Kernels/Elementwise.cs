using System;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace StaticNet.Kernels;

/// <summary>
/// The one driver of every element-wise kernel, at the width <see cref="SimdWidth"/> chooses, with one tail rule:
/// what the chosen width leaves goes through each narrower vector width once (Vector256, then Vector128), and the
/// last one to three elements through one more Vector128 built in registers rather than a scalar loop (tiny layers,
/// the networks this library is for, are mostly tail). Only the scalar width computes one float at a time.
/// </summary>
internal static unsafe class Elementwise
{
    /// <summary>y = f(x) element by element; <paramref name="y"/> may be <paramref name="x"/>. The public kernels check the lengths.</summary>
    public static void Apply<TOperator>(TOperator f, ReadOnlySpan<float> x, Span<float> y)
        where TOperator : struct, IUnaryOperator
    {
        Debug.Assert(x.Length == y.Length);
        fixed (float* xs = &MemoryMarshal.GetReference(x), ys = &MemoryMarshal.GetReference(y))
        {
            var pass = new UnaryPass<TOperator>(f, xs, ys, x.Length);
            SimdWidth.Dispatch(ref pass);
        }
    }

    /// <summary>
    /// y = f(x) as deterministic networks compute it: the operator's one form over <see cref="ISimd{TVector}"/>, fused
    /// multiply-adds, the same bits for every element at every width (<see cref="SimdWidth.DispatchFused{TKernel}"/>).
    /// </summary>
    public static void ApplyFused<TOperator>(TOperator f, ReadOnlySpan<float> x, Span<float> y)
        where TOperator : struct, IUnaryOperator
    {
        Debug.Assert(x.Length == y.Length);
        fixed (float* xs = &MemoryMarshal.GetReference(x), ys = &MemoryMarshal.GetReference(y))
        {
            var pass = new UnaryPass<TOperator>(f, xs, ys, x.Length);
            SimdWidth.DispatchFused(ref pass);
        }
    }

    /// <summary>δ ← δ ⊙ g'(v) as deterministic networks compute it (see <see cref="ApplyFused{TOperator}"/>).</summary>
    public static void MultiplyInPlaceFused<TOperator>(TOperator g, Span<float> delta, ReadOnlySpan<float> value)
        where TOperator : struct, IDerivativeOperator
    {
        Debug.Assert(value.Length == delta.Length);
        fixed (float* deltas = &MemoryMarshal.GetReference(delta), values = &MemoryMarshal.GetReference(value))
        {
            var pass = new DerivativePass<TOperator>(g, deltas, values, delta.Length);
            SimdWidth.DispatchFused(ref pass);
        }
    }

    /// <summary>δ ← δ ⊙ g'(v) element by element. The public kernels check the lengths.</summary>
    public static void MultiplyInPlace<TOperator>(TOperator g, Span<float> delta, ReadOnlySpan<float> value)
        where TOperator : struct, IDerivativeOperator
    {
        Debug.Assert(value.Length == delta.Length);
        fixed (float* deltas = &MemoryMarshal.GetReference(delta), values = &MemoryMarshal.GetReference(value))
        {
            var pass = new DerivativePass<TOperator>(g, deltas, values, delta.Length);
            SimdWidth.Dispatch(ref pass);
        }
    }

    /// <summary>The tail rule, for every pass: the chosen width, each narrower vector width, then a partial Vector128.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Run<TVector, TSimd, TPass>(TPass pass)
        where TVector : struct
        where TSimd : struct, ISimd<TVector>
        where TPass : struct, IElementwisePass
    {
        nint i = Loop<TVector, TSimd, TPass>(pass, 0);
        if (TSimd.Deterministic)
        {
            // A deterministic network's tail is the same form one float at a time: narrower vectors would be per-width forms.
            Loop<float, Fused<float, SimdScalar>, TPass>(pass, i);
            return;
        }

        if (TSimd.Count > Simd256.Count)
        {
            i = Loop<Vector256<float>, Simd256, TPass>(pass, i);
        }

        if (TSimd.Count > Simd128.Count)
        {
            i = Loop<Vector128<float>, Simd128, TPass>(pass, i);
        }

        if (TSimd.Count >= Simd128.Count && i < pass.Length)
        {
            pass.Tail(i, (int)(pass.Length - i));
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static nint Loop<TVector, TSimd, TPass>(TPass pass, nint i)
        where TVector : struct
        where TSimd : struct, ISimd<TVector>
        where TPass : struct, IElementwisePass
    {
        for (; i + TSimd.Count <= pass.Length; i += TSimd.Count)
        {
            pass.Step<TVector, TSimd>(i);
        }

        return i;
    }

    /// <summary>One element-wise pass: its length, one vector of elements at a time, and a partial last Vector128.</summary>
    private interface IElementwisePass : IWidthKernel
    {
        int Length { get; }

        /// <summary>Computes the <typeparamref name="TSimd"/>.Count elements from <paramref name="i"/>.</summary>
        void Step<TVector, TSimd>(nint i)
            where TVector : struct
            where TSimd : struct, ISimd<TVector>;

        /// <summary>Computes the last <paramref name="count"/> (1 to 3) elements, from <paramref name="i"/>, in one Vector128.</summary>
        void Tail(nint i, int count);
    }

    /// <summary>y = f(x).</summary>
    private readonly struct UnaryPass<TOperator>(TOperator f, float* x, float* y, int length) : IElementwisePass
        where TOperator : struct, IUnaryOperator
    {
        private ref float _x => ref *x;
        private ref float _y => ref *y;

        public int Length => length;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Run<TVector, TSimd>()
            where TVector : struct
            where TSimd : struct, ISimd<TVector> => Elementwise.Run<TVector, TSimd, UnaryPass<TOperator>>(this);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Step<TVector, TSimd>(nint i)
            where TVector : struct
            where TSimd : struct, ISimd<TVector> =>
            TSimd.Store(TSimd.Apply(f, TSimd.Load(ref Unsafe.Add(ref _x, i))), ref Unsafe.Add(ref _y, i));

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Tail(nint i, int count) =>
            Simd128.StorePartial(f.Invoke(Simd128.LoadPartial(ref Unsafe.Add(ref _x, i), count)), ref Unsafe.Add(ref _y, i), count);
    }

    /// <summary>δ ← δ ⊙ g'(v).</summary>
    private readonly struct DerivativePass<TOperator>(TOperator g, float* delta, float* value, int length) : IElementwisePass
        where TOperator : struct, IDerivativeOperator
    {
        private ref float _delta => ref *delta;
        private ref float _value => ref *value;

        public int Length => length;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Run<TVector, TSimd>()
            where TVector : struct
            where TSimd : struct, ISimd<TVector> => Elementwise.Run<TVector, TSimd, DerivativePass<TOperator>>(this);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Step<TVector, TSimd>(nint i)
            where TVector : struct
            where TSimd : struct, ISimd<TVector> =>
            TSimd.Store(TSimd.Apply(g, TSimd.Load(ref Unsafe.Add(ref _delta, i)), TSimd.Load(ref Unsafe.Add(ref _value, i))), ref Unsafe.Add(ref _delta, i));

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Tail(nint i, int count) =>
            Simd128.StorePartial(
                g.Invoke(Simd128.LoadPartial(ref Unsafe.Add(ref _delta, i), count), Simd128.LoadPartial(ref Unsafe.Add(ref _value, i), count)),
                ref Unsafe.Add(ref _delta, i),
                count);
    }
}
