using System;
using System.Runtime.CompilerServices;

namespace StaticNet.Kernels;

/// <summary>
/// C += A·Bᵀ for A [rows × inner] and B [columns × inner], both row-major along the inner dimension, with every dot
/// product summed in one order at every width: eight partial sums (<see cref="IEightLanes{TSelf}"/>, lane i taking
/// the terms of index i modulo 8, each a fused multiply-add, in increasing index), combined in one fixed tree, then
/// the last inner % 8 terms one by one, fused, in increasing index. The batch forward pass of deterministic networks,
/// and with one row of A their one-sample y = W·x + b.
/// </summary>
/// <remarks>
/// The tiles differ by width (which sums a tile computes together), never the order within a sum. The eight lanes are
/// one Vector256 on AVX2 and AVX-512 machines alike: 4 rows × 4 columns where AVX-512's 32 registers hold 16
/// accumulators, 4 × 3 with AVX2's 16 (the default kernel's tile), 2 × 2 of two Vector128 each, then 1 × 4 and 1 × 1
/// for what is left. (Two columns' lanes side by side in Vector512 registers compiled to spills and two inserts per
/// load with .NET 10's JIT, and ran 3.6× slower than this.)
/// </remarks>
internal static class FixedOrderProduct
{
    /// <summary>Runs the product with the eight-lane form for <typeparamref name="TSimd"/>'s width.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Run<TVector, TSimd>(ref float a, nint aRowStride, ref float b, nint bRowStride, ref float c, nint cRowStride, int rows, int columns, int inner)
        where TVector : struct
        where TSimd : struct, ISimd<TVector>
    {
        if (TSimd.Count == 16)
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
