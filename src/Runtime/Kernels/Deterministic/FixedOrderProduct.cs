using System;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace StaticNet.Kernels;

/// <summary>
/// C += A·Bᵀ for A [rows × inner] and B [columns × inner], both row-major along the inner dimension, with every dot
/// product summed in one order at every width: eight partial sums (<see cref="IEightLanes{TSelf}"/>, lane i taking
/// the terms of index i modulo 8, each a fused multiply-add, in increasing index), combined in one fixed tree, then
/// the last inner % 8 terms one by one, fused, in increasing index. The batch forward pass of deterministic networks,
/// and with one row of A their one-sample y = W·x + b.
/// </summary>
/// <remarks>
/// The tiles differ by width (which sums a tile computes together), never the order within a sum: with AVX-512,
/// 4 rows × 8 columns of Vector512 registers that each hold the eight lanes of two columns
/// (<see cref="Tile4x8Paired"/>), and Vector256 lanes in 4 × 4 tiles for what those leave; with AVX2, one Vector256
/// per sum in the default kernel's 4 × 3 tile; two Vector128 per sum in 2 × 2 tiles; then 1 × 4 and 1 × 1 for what is
/// left.
/// </remarks>
internal static class FixedOrderProduct
{
    /// <summary>Runs the product with the eight-lane form for <typeparamref name="TSimd"/>'s width.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Run<TVector, TSimd>(ref float a, nint aRowStride, ref float b, nint bRowStride, ref float c, nint cRowStride, int rows, int columns, int inner)
        where TVector : struct
        where TSimd : struct, ISimd<TVector>
    {
        if (TSimd.Count == 16 && Avx512F.IsSupported)
        {
            // Vector512: the eight lanes of two columns side by side in each register (4 rows × 8 columns), then what
            // those tiles leave with Vector256 lanes.
            int pairedRows = rows - (rows % 4), pairedColumns = columns - (columns % 8), blockEnd = inner - (inner % 8);
            for (int i = 0; i < pairedRows; i += 4)
            {
                for (int j = 0; j < pairedColumns; j += 8)
                {
                    Tile4x8Paired(ref a, aRowStride, ref b, bRowStride, ref c, cRowStride, i, j, inner, blockEnd);
                }
            }

            Run<Lanes256>(ref a, aRowStride, ref Unsafe.Add(ref b, pairedColumns * bRowStride), bRowStride, ref Unsafe.Add(ref c, pairedColumns), cRowStride, pairedRows, columns - pairedColumns, inner, tileRows: 4, tileColumns: 4);
            Run<Lanes256>(ref Unsafe.Add(ref a, pairedRows * aRowStride), aRowStride, ref b, bRowStride, ref Unsafe.Add(ref c, pairedRows * cRowStride), cRowStride, rows - pairedRows, columns, inner, tileRows: 4, tileColumns: 4);
        }
        else if (TSimd.Count == 16)
        {
            Run<Lanes256>(ref a, aRowStride, ref b, bRowStride, ref c, cRowStride, rows, columns, inner, tileRows: 4, tileColumns: 4);
        }
        else if (TSimd.Count == 8)
        {
            Run<Lanes256>(ref a, aRowStride, ref b, bRowStride, ref c, cRowStride, rows, columns, inner, tileRows: 4, tileColumns: 3);
        }
        else if (TSimd.Count == 4)
        {
            Run<Lanes128>(ref a, aRowStride, ref b, bRowStride, ref c, cRowStride, rows, columns, inner, tileRows: 2, tileColumns: 2);
        }
        else
        {
            Run<LanesScalar>(ref a, aRowStride, ref b, bRowStride, ref c, cRowStride, rows, columns, inner, tileRows: 1, tileColumns: 1);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Run<TLanes>(ref float a, nint aRowStride, ref float b, nint bRowStride, ref float c, nint cRowStride, int rows, int columns, int inner, int tileRows, int tileColumns)
        where TLanes : struct, IEightLanes<TLanes>
    {
        int blockEnd = inner - (inner % 8);
        int i = 0;
        for (; i + tileRows <= rows && tileRows > 1; i += tileRows)
        {
            int j = 0;
            if (tileColumns == 4)
            {
                for (; j + 4 <= columns; j += 4)
                {
                    Tile4x4<TLanes>(ref a, aRowStride, ref b, bRowStride, ref c, cRowStride, i, j, inner, blockEnd);
                }
            }
            else if (tileColumns == 3)
            {
                for (; j + 3 <= columns; j += 3)
                {
                    Tile4x3<TLanes>(ref a, aRowStride, ref b, bRowStride, ref c, cRowStride, i, j, inner, blockEnd);
                }
            }
            else
            {
                for (; j + 2 <= columns; j += 2)
                {
                    Tile2x2<TLanes>(ref a, aRowStride, ref b, bRowStride, ref c, cRowStride, i, j, inner, blockEnd);
                }
            }

            for (int row = i; row < i + tileRows; row++)
            {
                RowFrom<TLanes>(ref a, aRowStride, ref b, bRowStride, ref c, cRowStride, row, j, columns, inner, blockEnd);
            }
        }

        for (; i < rows; i++)
        {
            RowFrom<TLanes>(ref a, aRowStride, ref b, bRowStride, ref c, cRowStride, i, 0, columns, inner, blockEnd);
        }
    }

    /// <summary>C[i, j…columns) of one row: four columns at a time, then one by one.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void RowFrom<TLanes>(ref float a, nint aRowStride, ref float b, nint bRowStride, ref float c, nint cRowStride, int i, int j, int columns, int inner, int blockEnd)
        where TLanes : struct, IEightLanes<TLanes>
    {
        ref float x = ref Unsafe.Add(ref a, i * aRowStride);
        ref float cRow = ref Unsafe.Add(ref c, i * cRowStride);
        for (; j + 4 <= columns; j += 4)
        {
            ref float b0 = ref Unsafe.Add(ref b, j * bRowStride);
            ref float b1 = ref Unsafe.Add(ref b0, bRowStride);
            ref float b2 = ref Unsafe.Add(ref b1, bRowStride);
            ref float b3 = ref Unsafe.Add(ref b2, bRowStride);
            TLanes s0 = TLanes.Zero, s1 = TLanes.Zero, s2 = TLanes.Zero, s3 = TLanes.Zero;
            for (nint p = 0; p < blockEnd; p += 8)
            {
                TLanes y = TLanes.Load(ref Unsafe.Add(ref x, p));
                s0 = TLanes.MultiplyAdd(y, TLanes.Load(ref Unsafe.Add(ref b0, p)), s0);
                s1 = TLanes.MultiplyAdd(y, TLanes.Load(ref Unsafe.Add(ref b1, p)), s1);
                s2 = TLanes.MultiplyAdd(y, TLanes.Load(ref Unsafe.Add(ref b2, p)), s2);
                s3 = TLanes.MultiplyAdd(y, TLanes.Load(ref Unsafe.Add(ref b3, p)), s3);
            }

            Unsafe.Add(ref cRow, j) += Finish(TLanes.Total(s0), ref x, ref b0, blockEnd, inner);
            Unsafe.Add(ref cRow, j + 1) += Finish(TLanes.Total(s1), ref x, ref b1, blockEnd, inner);
            Unsafe.Add(ref cRow, j + 2) += Finish(TLanes.Total(s2), ref x, ref b2, blockEnd, inner);
            Unsafe.Add(ref cRow, j + 3) += Finish(TLanes.Total(s3), ref x, ref b3, blockEnd, inner);
        }

        for (; j < columns; j++)
        {
            ref float w = ref Unsafe.Add(ref b, j * bRowStride);
            TLanes s = TLanes.Zero;
            for (nint p = 0; p < blockEnd; p += 8)
            {
                s = TLanes.MultiplyAdd(TLanes.Load(ref Unsafe.Add(ref x, p)), TLanes.Load(ref Unsafe.Add(ref w, p)), s);
            }

            Unsafe.Add(ref cRow, j) += Finish(TLanes.Total(s), ref x, ref w, blockEnd, inner);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Tile4x4<TLanes>(ref float a, nint aRowStride, ref float b, nint bRowStride, ref float c, nint cRowStride, int i, int j, int inner, int blockEnd)
        where TLanes : struct, IEightLanes<TLanes>
    {
        ref float a0 = ref Unsafe.Add(ref a, i * aRowStride);
        ref float a1 = ref Unsafe.Add(ref a0, aRowStride);
        ref float a2 = ref Unsafe.Add(ref a1, aRowStride);
        ref float a3 = ref Unsafe.Add(ref a2, aRowStride);
        ref float b0 = ref Unsafe.Add(ref b, j * bRowStride);
        ref float b1 = ref Unsafe.Add(ref b0, bRowStride);
        ref float b2 = ref Unsafe.Add(ref b1, bRowStride);
        ref float b3 = ref Unsafe.Add(ref b2, bRowStride);
        TLanes s00 = TLanes.Zero, s01 = TLanes.Zero, s02 = TLanes.Zero, s03 = TLanes.Zero;
        TLanes s10 = TLanes.Zero, s11 = TLanes.Zero, s12 = TLanes.Zero, s13 = TLanes.Zero;
        TLanes s20 = TLanes.Zero, s21 = TLanes.Zero, s22 = TLanes.Zero, s23 = TLanes.Zero;
        TLanes s30 = TLanes.Zero, s31 = TLanes.Zero, s32 = TLanes.Zero, s33 = TLanes.Zero;
        for (nint p = 0; p < blockEnd; p += 8)
        {
            TLanes x0 = TLanes.Load(ref Unsafe.Add(ref b0, p));
            TLanes x1 = TLanes.Load(ref Unsafe.Add(ref b1, p));
            TLanes x2 = TLanes.Load(ref Unsafe.Add(ref b2, p));
            TLanes x3 = TLanes.Load(ref Unsafe.Add(ref b3, p));
            TLanes y = TLanes.Load(ref Unsafe.Add(ref a0, p));
            s00 = TLanes.MultiplyAdd(y, x0, s00);
            s01 = TLanes.MultiplyAdd(y, x1, s01);
            s02 = TLanes.MultiplyAdd(y, x2, s02);
            s03 = TLanes.MultiplyAdd(y, x3, s03);
            y = TLanes.Load(ref Unsafe.Add(ref a1, p));
            s10 = TLanes.MultiplyAdd(y, x0, s10);
            s11 = TLanes.MultiplyAdd(y, x1, s11);
            s12 = TLanes.MultiplyAdd(y, x2, s12);
            s13 = TLanes.MultiplyAdd(y, x3, s13);
            y = TLanes.Load(ref Unsafe.Add(ref a2, p));
            s20 = TLanes.MultiplyAdd(y, x0, s20);
            s21 = TLanes.MultiplyAdd(y, x1, s21);
            s22 = TLanes.MultiplyAdd(y, x2, s22);
            s23 = TLanes.MultiplyAdd(y, x3, s23);
            y = TLanes.Load(ref Unsafe.Add(ref a3, p));
            s30 = TLanes.MultiplyAdd(y, x0, s30);
            s31 = TLanes.MultiplyAdd(y, x1, s31);
            s32 = TLanes.MultiplyAdd(y, x2, s32);
            s33 = TLanes.MultiplyAdd(y, x3, s33);
        }

        ref float c0 = ref Unsafe.Add(ref c, (i * cRowStride) + j);
        ref float c1 = ref Unsafe.Add(ref c0, cRowStride);
        ref float c2 = ref Unsafe.Add(ref c1, cRowStride);
        ref float c3 = ref Unsafe.Add(ref c2, cRowStride);
        c0 += Finish(TLanes.Total(s00), ref a0, ref b0, blockEnd, inner);
        Unsafe.Add(ref c0, 1) += Finish(TLanes.Total(s01), ref a0, ref b1, blockEnd, inner);
        Unsafe.Add(ref c0, 2) += Finish(TLanes.Total(s02), ref a0, ref b2, blockEnd, inner);
        Unsafe.Add(ref c0, 3) += Finish(TLanes.Total(s03), ref a0, ref b3, blockEnd, inner);
        c1 += Finish(TLanes.Total(s10), ref a1, ref b0, blockEnd, inner);
        Unsafe.Add(ref c1, 1) += Finish(TLanes.Total(s11), ref a1, ref b1, blockEnd, inner);
        Unsafe.Add(ref c1, 2) += Finish(TLanes.Total(s12), ref a1, ref b2, blockEnd, inner);
        Unsafe.Add(ref c1, 3) += Finish(TLanes.Total(s13), ref a1, ref b3, blockEnd, inner);
        c2 += Finish(TLanes.Total(s20), ref a2, ref b0, blockEnd, inner);
        Unsafe.Add(ref c2, 1) += Finish(TLanes.Total(s21), ref a2, ref b1, blockEnd, inner);
        Unsafe.Add(ref c2, 2) += Finish(TLanes.Total(s22), ref a2, ref b2, blockEnd, inner);
        Unsafe.Add(ref c2, 3) += Finish(TLanes.Total(s23), ref a2, ref b3, blockEnd, inner);
        c3 += Finish(TLanes.Total(s30), ref a3, ref b0, blockEnd, inner);
        Unsafe.Add(ref c3, 1) += Finish(TLanes.Total(s31), ref a3, ref b1, blockEnd, inner);
        Unsafe.Add(ref c3, 2) += Finish(TLanes.Total(s32), ref a3, ref b2, blockEnd, inner);
        Unsafe.Add(ref c3, 3) += Finish(TLanes.Total(s33), ref a3, ref b3, blockEnd, inner);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Tile4x3<TLanes>(ref float a, nint aRowStride, ref float b, nint bRowStride, ref float c, nint cRowStride, int i, int j, int inner, int blockEnd)
        where TLanes : struct, IEightLanes<TLanes>
    {
        ref float a0 = ref Unsafe.Add(ref a, i * aRowStride);
        ref float a1 = ref Unsafe.Add(ref a0, aRowStride);
        ref float a2 = ref Unsafe.Add(ref a1, aRowStride);
        ref float a3 = ref Unsafe.Add(ref a2, aRowStride);
        ref float b0 = ref Unsafe.Add(ref b, j * bRowStride);
        ref float b1 = ref Unsafe.Add(ref b0, bRowStride);
        ref float b2 = ref Unsafe.Add(ref b1, bRowStride);
        TLanes s00 = TLanes.Zero, s01 = TLanes.Zero, s02 = TLanes.Zero;
        TLanes s10 = TLanes.Zero, s11 = TLanes.Zero, s12 = TLanes.Zero;
        TLanes s20 = TLanes.Zero, s21 = TLanes.Zero, s22 = TLanes.Zero;
        TLanes s30 = TLanes.Zero, s31 = TLanes.Zero, s32 = TLanes.Zero;
        for (nint p = 0; p < blockEnd; p += 8)
        {
            TLanes x0 = TLanes.Load(ref Unsafe.Add(ref b0, p));
            TLanes x1 = TLanes.Load(ref Unsafe.Add(ref b1, p));
            TLanes x2 = TLanes.Load(ref Unsafe.Add(ref b2, p));
            TLanes y = TLanes.Load(ref Unsafe.Add(ref a0, p));
            s00 = TLanes.MultiplyAdd(y, x0, s00);
            s01 = TLanes.MultiplyAdd(y, x1, s01);
            s02 = TLanes.MultiplyAdd(y, x2, s02);
            y = TLanes.Load(ref Unsafe.Add(ref a1, p));
            s10 = TLanes.MultiplyAdd(y, x0, s10);
            s11 = TLanes.MultiplyAdd(y, x1, s11);
            s12 = TLanes.MultiplyAdd(y, x2, s12);
            y = TLanes.Load(ref Unsafe.Add(ref a2, p));
            s20 = TLanes.MultiplyAdd(y, x0, s20);
            s21 = TLanes.MultiplyAdd(y, x1, s21);
            s22 = TLanes.MultiplyAdd(y, x2, s22);
            y = TLanes.Load(ref Unsafe.Add(ref a3, p));
            s30 = TLanes.MultiplyAdd(y, x0, s30);
            s31 = TLanes.MultiplyAdd(y, x1, s31);
            s32 = TLanes.MultiplyAdd(y, x2, s32);
        }

        ref float c0 = ref Unsafe.Add(ref c, (i * cRowStride) + j);
        ref float c1 = ref Unsafe.Add(ref c0, cRowStride);
        ref float c2 = ref Unsafe.Add(ref c1, cRowStride);
        ref float c3 = ref Unsafe.Add(ref c2, cRowStride);
        c0 += Finish(TLanes.Total(s00), ref a0, ref b0, blockEnd, inner);
        Unsafe.Add(ref c0, 1) += Finish(TLanes.Total(s01), ref a0, ref b1, blockEnd, inner);
        Unsafe.Add(ref c0, 2) += Finish(TLanes.Total(s02), ref a0, ref b2, blockEnd, inner);
        c1 += Finish(TLanes.Total(s10), ref a1, ref b0, blockEnd, inner);
        Unsafe.Add(ref c1, 1) += Finish(TLanes.Total(s11), ref a1, ref b1, blockEnd, inner);
        Unsafe.Add(ref c1, 2) += Finish(TLanes.Total(s12), ref a1, ref b2, blockEnd, inner);
        c2 += Finish(TLanes.Total(s20), ref a2, ref b0, blockEnd, inner);
        Unsafe.Add(ref c2, 1) += Finish(TLanes.Total(s21), ref a2, ref b1, blockEnd, inner);
        Unsafe.Add(ref c2, 2) += Finish(TLanes.Total(s22), ref a2, ref b2, blockEnd, inner);
        c3 += Finish(TLanes.Total(s30), ref a3, ref b0, blockEnd, inner);
        Unsafe.Add(ref c3, 1) += Finish(TLanes.Total(s31), ref a3, ref b1, blockEnd, inner);
        Unsafe.Add(ref c3, 2) += Finish(TLanes.Total(s32), ref a3, ref b2, blockEnd, inner);
    }

    /// <summary>
    /// 4 rows × 8 columns in Vector512 registers, each holding the eight lanes of two neighbouring columns (lower half
    /// column j, upper half j + 1): the sums <see cref="Lanes256"/> computes, sixteen 512-bit accumulators. A row of A
    /// is broadcast to both halves and each pair of B rows is one load and one insert, both straight from memory
    /// (the callers pin A and B).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static unsafe void Tile4x8Paired(ref float a, nint aRowStride, ref float b, nint bRowStride, ref float c, nint cRowStride, int i, int j, int inner, int blockEnd)
    {
        float* a0 = (float*)Unsafe.AsPointer(ref Unsafe.Add(ref a, i * aRowStride));
        float* a1 = a0 + aRowStride, a2 = a1 + aRowStride, a3 = a2 + aRowStride;
        float* b0 = (float*)Unsafe.AsPointer(ref Unsafe.Add(ref b, j * bRowStride));
        float* b1 = b0 + bRowStride, b2 = b1 + bRowStride, b3 = b2 + bRowStride;
        float* b4 = b3 + bRowStride, b5 = b4 + bRowStride, b6 = b5 + bRowStride, b7 = b6 + bRowStride;
        Vector512<float> s00 = default, s01 = default, s02 = default, s03 = default;
        Vector512<float> s10 = default, s11 = default, s12 = default, s13 = default;
        Vector512<float> s20 = default, s21 = default, s22 = default, s23 = default;
        Vector512<float> s30 = default, s31 = default, s32 = default, s33 = default;
        for (nint p = 0; p < blockEnd; p += 8)
        {
            Vector512<float> w0 = Pair(b0 + p, b1 + p), w1 = Pair(b2 + p, b3 + p), w2 = Pair(b4 + p, b5 + p), w3 = Pair(b6 + p, b7 + p);
            Vector512<float> x = Broadcast(a0 + p);
            s00 = Avx512F.FusedMultiplyAdd(x, w0, s00);
            s01 = Avx512F.FusedMultiplyAdd(x, w1, s01);
            s02 = Avx512F.FusedMultiplyAdd(x, w2, s02);
            s03 = Avx512F.FusedMultiplyAdd(x, w3, s03);
            x = Broadcast(a1 + p);
            s10 = Avx512F.FusedMultiplyAdd(x, w0, s10);
            s11 = Avx512F.FusedMultiplyAdd(x, w1, s11);
            s12 = Avx512F.FusedMultiplyAdd(x, w2, s12);
            s13 = Avx512F.FusedMultiplyAdd(x, w3, s13);
            x = Broadcast(a2 + p);
            s20 = Avx512F.FusedMultiplyAdd(x, w0, s20);
            s21 = Avx512F.FusedMultiplyAdd(x, w1, s21);
            s22 = Avx512F.FusedMultiplyAdd(x, w2, s22);
            s23 = Avx512F.FusedMultiplyAdd(x, w3, s23);
            x = Broadcast(a3 + p);
            s30 = Avx512F.FusedMultiplyAdd(x, w0, s30);
            s31 = Avx512F.FusedMultiplyAdd(x, w1, s31);
            s32 = Avx512F.FusedMultiplyAdd(x, w2, s32);
            s33 = Avx512F.FusedMultiplyAdd(x, w3, s33);
        }

        ref float c0 = ref Unsafe.Add(ref c, (i * cRowStride) + j);
        ref float bj = ref Unsafe.Add(ref b, j * bRowStride);
        FinishRow(ref c0, s00, s01, s02, s03, ref *a0, ref bj, bRowStride, blockEnd, inner);
        FinishRow(ref Unsafe.Add(ref c0, cRowStride), s10, s11, s12, s13, ref *a1, ref bj, bRowStride, blockEnd, inner);
        FinishRow(ref Unsafe.Add(ref c0, 2 * cRowStride), s20, s21, s22, s23, ref *a2, ref bj, bRowStride, blockEnd, inner);
        FinishRow(ref Unsafe.Add(ref c0, 3 * cRowStride), s30, s31, s32, s33, ref *a3, ref bj, bRowStride, blockEnd, inner);
    }

    /// <summary>Eight floats from each address, in the lower and the upper half: one load and one insert from memory.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe Vector512<float> Pair(float* lower, float* upper) =>
        Avx512F.InsertVector256(Vector256.Load(lower).ToVector512Unsafe(), Vector256.Load(upper), 1);

    /// <summary>Eight floats from <paramref name="source"/> in both halves: one broadcast load.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe Vector512<float> Broadcast(float* source) =>
        Avx512F.BroadcastVector256ToVector512((double*)source).AsSingle();

    /// <summary>Adds the eight outputs of one row of a paired tile to C, each half finished as <see cref="Lanes256.Total"/> does.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void FinishRow(ref float c, Vector512<float> s0, Vector512<float> s1, Vector512<float> s2, Vector512<float> s3, ref float x, ref float b, nint bRowStride, int blockEnd, int inner)
    {
        c += Finish(HalfTotal(s0.GetLower()), ref x, ref b, blockEnd, inner);
        Unsafe.Add(ref c, 1) += Finish(HalfTotal(s0.GetUpper()), ref x, ref Unsafe.Add(ref b, bRowStride), blockEnd, inner);
        Unsafe.Add(ref c, 2) += Finish(HalfTotal(s1.GetLower()), ref x, ref Unsafe.Add(ref b, 2 * bRowStride), blockEnd, inner);
        Unsafe.Add(ref c, 3) += Finish(HalfTotal(s1.GetUpper()), ref x, ref Unsafe.Add(ref b, 3 * bRowStride), blockEnd, inner);
        Unsafe.Add(ref c, 4) += Finish(HalfTotal(s2.GetLower()), ref x, ref Unsafe.Add(ref b, 4 * bRowStride), blockEnd, inner);
        Unsafe.Add(ref c, 5) += Finish(HalfTotal(s2.GetUpper()), ref x, ref Unsafe.Add(ref b, 5 * bRowStride), blockEnd, inner);
        Unsafe.Add(ref c, 6) += Finish(HalfTotal(s3.GetLower()), ref x, ref Unsafe.Add(ref b, 6 * bRowStride), blockEnd, inner);
        Unsafe.Add(ref c, 7) += Finish(HalfTotal(s3.GetUpper()), ref x, ref Unsafe.Add(ref b, 7 * bRowStride), blockEnd, inner);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static float HalfTotal(Vector256<float> lanes) => LaneTree.Total(lanes.GetLower() + lanes.GetUpper());

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Tile2x2<TLanes>(ref float a, nint aRowStride, ref float b, nint bRowStride, ref float c, nint cRowStride, int i, int j, int inner, int blockEnd)
        where TLanes : struct, IEightLanes<TLanes>
    {
        ref float a0 = ref Unsafe.Add(ref a, i * aRowStride);
        ref float a1 = ref Unsafe.Add(ref a0, aRowStride);
        ref float b0 = ref Unsafe.Add(ref b, j * bRowStride);
        ref float b1 = ref Unsafe.Add(ref b0, bRowStride);
        TLanes s00 = TLanes.Zero, s01 = TLanes.Zero, s10 = TLanes.Zero, s11 = TLanes.Zero;
        for (nint p = 0; p < blockEnd; p += 8)
        {
            TLanes x0 = TLanes.Load(ref Unsafe.Add(ref b0, p));
            TLanes x1 = TLanes.Load(ref Unsafe.Add(ref b1, p));
            TLanes y = TLanes.Load(ref Unsafe.Add(ref a0, p));
            s00 = TLanes.MultiplyAdd(y, x0, s00);
            s01 = TLanes.MultiplyAdd(y, x1, s01);
            y = TLanes.Load(ref Unsafe.Add(ref a1, p));
            s10 = TLanes.MultiplyAdd(y, x0, s10);
            s11 = TLanes.MultiplyAdd(y, x1, s11);
        }

        ref float c0 = ref Unsafe.Add(ref c, (i * cRowStride) + j);
        ref float c1 = ref Unsafe.Add(ref c0, cRowStride);
        c0 += Finish(TLanes.Total(s00), ref a0, ref b0, blockEnd, inner);
        Unsafe.Add(ref c0, 1) += Finish(TLanes.Total(s01), ref a0, ref b1, blockEnd, inner);
        c1 += Finish(TLanes.Total(s10), ref a1, ref b0, blockEnd, inner);
        Unsafe.Add(ref c1, 1) += Finish(TLanes.Total(s11), ref a1, ref b1, blockEnd, inner);
    }

    /// <summary>The tree's total plus the terms from <paramref name="blockEnd"/> on, one fused multiply-add each, in order.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static float Finish(float total, ref float x, ref float w, int blockEnd, int inner)
    {
        for (nint p = blockEnd; p < inner; p++)
        {
            total = MathF.FusedMultiplyAdd(Unsafe.Add(ref x, p), Unsafe.Add(ref w, p), total);
        }

        return total;
    }
}
