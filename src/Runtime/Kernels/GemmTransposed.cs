using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace StaticNet.Kernels;

/// <summary>
/// C += A·Bᵀ where A [rows × inner] and B [columns × inner] are both row-major along the inner dimension: each
/// C[i, j] is a dot product of two contiguous rows. Register tiles of 8 rows of A × 3 rows of B with 512-bit vectors
/// (24 accumulators of the 32 registers AVX-512 has, 11 loads per 24 FMAs), 4 × 4 for the rows that remain,
/// 4 × 3 with 256-bit vectors (12 of AVX2's 16 registers: two FMA pipes of four cycles' latency need at least 8 sums
/// in flight), 4 × 2 otherwise; one combined reduction per four sums of a tile column. Wider tiles also stream B
/// (the weights, larger than L1) from L2 fewer times per FMA. This is the batch forward pass Z = X·Wᵀ on the weights
/// as stored, with no transposed copy.
/// </summary>
internal static class GemmTransposed
{
    // Eight rows of A of at most 1,024 floats are 32 KB, two thirds of Zen 5's 48 KB L1 data cache.
    private const int EightRowInnerLimit = 1024;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Run<TVector, TSimd>(
        ref float a, nint aRowStride,
        ref float b, nint bRowStride,
        ref float c, nint cRowStride,
        int rows, int columns, int inner)
        where TVector : struct
        where TSimd : struct, ISimd<TVector>
    {
        int vectorEnd = inner - (inner % TSimd.Count);
        int i = 0;
        if (TSimd.Count == 16)
        {
            // Zen 5 runs two full 512-bit FMAs a cycle with four cycles' latency: 8 sums in flight are the minimum.
            // 8 × 3 tiles (24 sums) load 11 vectors per 24 FMAs where 4 × 4 loads 8 per 16, and only 3 of them from
            // B, the rows that stream from L2. On 64 × 784 × 128 with 64-byte-aligned rows of B (the parameters are)
            // they are 1-2 % faster than 4 × 4; where B's rows straddle cache lines, 12-15 % (4 × 6, also 24 sums but
            // 6 loads of B, gained half that). Eight rows of A (X: 25 KB of samples) stay in L1. Longer rows do not
            // fit: eight rows of 1,568 floats (49 KB) ran 10 % slower than 4 × 4 tiles, so those keep the 4-row tiles.
            int eightRowEnd = inner <= EightRowInnerLimit ? rows : 0;
            for (; i + 8 <= eightRowEnd; i += 8)
            {
                // Where three-column tiles would leave one column, the last four run as 4 × 4 tiles instead: a lone
                // column is two 4 × 1 tiles of four sums each (64 × 128 × 10 measured 11 % slower that way).
                int wideEnd = columns % 3 == 1 && columns >= 4 ? columns - 4 : columns;
                int j = 0;
                for (; j + 3 <= wideEnd; j += 3)
                {
                    Tile8x3<TVector, TSimd>(ref a, aRowStride, ref b, bRowStride, ref c, cRowStride, i, j, inner, vectorEnd);
                }

                FourRows<TVector, TSimd>(ref a, aRowStride, ref b, bRowStride, ref c, cRowStride, i, j, columns, inner, vectorEnd);
                FourRows<TVector, TSimd>(ref a, aRowStride, ref b, bRowStride, ref c, cRowStride, i + 4, j, columns, inner, vectorEnd);
            }
        }

        for (; i + 4 <= rows; i += 4)
        {
            FourRows<TVector, TSimd>(ref a, aRowStride, ref b, bRowStride, ref c, cRowStride, i, 0, columns, inner, vectorEnd);
        }

        for (; i < rows; i++)
        {
            for (int j = 0; j < columns; j++)
            {
                ref float aRow = ref Unsafe.Add(ref a, i * aRowStride);
                ref float bRow = ref Unsafe.Add(ref b, j * bRowStride);
                TVector sum = TSimd.Zero;
                nint p = 0;
                for (; p < vectorEnd; p += TSimd.Count)
                {
                    sum = TSimd.MultiplyAdd(TSimd.Load(ref Unsafe.Add(ref aRow, p)), TSimd.Load(ref Unsafe.Add(ref bRow, p)), sum);
                }

                float total = TSimd.Sum(sum);
                for (; p < inner; p++)
                {
                    total += Unsafe.Add(ref aRow, p) * Unsafe.Add(ref bRow, p);
                }

                Unsafe.Add(ref c, (i * cRowStride) + j) += total;
            }
        }
    }

    /// <summary>
    /// Columns j.. of four rows of C: 4 × 4 tiles with 512-bit vectors, 4 × 3 with 256-bit ones, then 4 × 2 and 4 × 1.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void FourRows<TVector, TSimd>(
        ref float a, nint aRowStride, ref float b, nint bRowStride, ref float c, nint cRowStride, int i, int j, int columns, int inner, int vectorEnd)
        where TVector : struct
        where TSimd : struct, ISimd<TVector>
    {
        if (TSimd.Count == 16)
        {
            for (; j + 4 <= columns; j += 4)
            {
                Tile4x4<TVector, TSimd>(ref a, aRowStride, ref b, bRowStride, ref c, cRowStride, i, j, inner, vectorEnd);
            }
        }
        else if (TSimd.Count == 8)
        {
            for (; j + 3 <= columns; j += 3)
            {
                Tile4x3<TVector, TSimd>(ref a, aRowStride, ref b, bRowStride, ref c, cRowStride, i, j, inner, vectorEnd);
            }
        }

        for (; j + 2 <= columns; j += 2)
        {
            Tile4x2<TVector, TSimd>(ref a, aRowStride, ref b, bRowStride, ref c, cRowStride, i, j, inner, vectorEnd);
        }

        for (; j < columns; j++)
        {
            Tile4x1<TVector, TSimd>(ref a, aRowStride, ref b, bRowStride, ref c, cRowStride, i, j, inner, vectorEnd);
        }
    }

    // 24 accumulators, the three rows of B and one row of A: 28 of AVX-512's 32 registers. Only the 512-bit kernel
    // calls it; with 16 registers the sums would spill.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Tile8x3<TVector, TSimd>(
        ref float a, nint aRowStride, ref float b, nint bRowStride, ref float c, nint cRowStride, int i, int j, int inner, int vectorEnd)
        where TVector : struct
        where TSimd : struct, ISimd<TVector>
    {
        ref float a0 = ref Unsafe.Add(ref a, i * aRowStride);
        ref float a1 = ref Unsafe.Add(ref a0, aRowStride);
        ref float a2 = ref Unsafe.Add(ref a1, aRowStride);
        ref float a3 = ref Unsafe.Add(ref a2, aRowStride);
        ref float a4 = ref Unsafe.Add(ref a3, aRowStride);
        ref float a5 = ref Unsafe.Add(ref a4, aRowStride);
        ref float a6 = ref Unsafe.Add(ref a5, aRowStride);
        ref float a7 = ref Unsafe.Add(ref a6, aRowStride);
        ref float b0 = ref Unsafe.Add(ref b, j * bRowStride);
        ref float b1 = ref Unsafe.Add(ref b0, bRowStride);
        ref float b2 = ref Unsafe.Add(ref b1, bRowStride);
        TVector s00 = TSimd.Zero, s10 = TSimd.Zero, s20 = TSimd.Zero, s30 = TSimd.Zero;
        TVector s40 = TSimd.Zero, s50 = TSimd.Zero, s60 = TSimd.Zero, s70 = TSimd.Zero;
        TVector s01 = TSimd.Zero, s11 = TSimd.Zero, s21 = TSimd.Zero, s31 = TSimd.Zero;
        TVector s41 = TSimd.Zero, s51 = TSimd.Zero, s61 = TSimd.Zero, s71 = TSimd.Zero;
        TVector s02 = TSimd.Zero, s12 = TSimd.Zero, s22 = TSimd.Zero, s32 = TSimd.Zero;
        TVector s42 = TSimd.Zero, s52 = TSimd.Zero, s62 = TSimd.Zero, s72 = TSimd.Zero;
        nint p = 0;
        for (; p < vectorEnd; p += TSimd.Count)
        {
            TVector x0 = TSimd.Load(ref Unsafe.Add(ref b0, p));
            TVector x1 = TSimd.Load(ref Unsafe.Add(ref b1, p));
            TVector x2 = TSimd.Load(ref Unsafe.Add(ref b2, p));
            TVector y = TSimd.Load(ref Unsafe.Add(ref a0, p));
            s00 = TSimd.MultiplyAdd(y, x0, s00);
            s01 = TSimd.MultiplyAdd(y, x1, s01);
            s02 = TSimd.MultiplyAdd(y, x2, s02);
            y = TSimd.Load(ref Unsafe.Add(ref a1, p));
            s10 = TSimd.MultiplyAdd(y, x0, s10);
            s11 = TSimd.MultiplyAdd(y, x1, s11);
            s12 = TSimd.MultiplyAdd(y, x2, s12);
            y = TSimd.Load(ref Unsafe.Add(ref a2, p));
            s20 = TSimd.MultiplyAdd(y, x0, s20);
            s21 = TSimd.MultiplyAdd(y, x1, s21);
            s22 = TSimd.MultiplyAdd(y, x2, s22);
            y = TSimd.Load(ref Unsafe.Add(ref a3, p));
            s30 = TSimd.MultiplyAdd(y, x0, s30);
            s31 = TSimd.MultiplyAdd(y, x1, s31);
            s32 = TSimd.MultiplyAdd(y, x2, s32);
            y = TSimd.Load(ref Unsafe.Add(ref a4, p));
            s40 = TSimd.MultiplyAdd(y, x0, s40);
            s41 = TSimd.MultiplyAdd(y, x1, s41);
            s42 = TSimd.MultiplyAdd(y, x2, s42);
            y = TSimd.Load(ref Unsafe.Add(ref a5, p));
            s50 = TSimd.MultiplyAdd(y, x0, s50);
            s51 = TSimd.MultiplyAdd(y, x1, s51);
            s52 = TSimd.MultiplyAdd(y, x2, s52);
            y = TSimd.Load(ref Unsafe.Add(ref a6, p));
            s60 = TSimd.MultiplyAdd(y, x0, s60);
            s61 = TSimd.MultiplyAdd(y, x1, s61);
            s62 = TSimd.MultiplyAdd(y, x2, s62);
            y = TSimd.Load(ref Unsafe.Add(ref a7, p));
            s70 = TSimd.MultiplyAdd(y, x0, s70);
            s71 = TSimd.MultiplyAdd(y, x1, s71);
            s72 = TSimd.MultiplyAdd(y, x2, s72);
        }

        // The two halves of the tile finish like two 4 × 3 tiles, inner tail included.
        FinishFourRows<TVector, TSimd>(s00, s10, s20, s30, s01, s11, s21, s31, s02, s12, s22, s32, ref a0, aRowStride, ref b0, bRowStride, ref c, cRowStride, i, j, p, inner);
        FinishFourRows<TVector, TSimd>(s40, s50, s60, s70, s41, s51, s61, s71, s42, s52, s62, s72, ref a4, aRowStride, ref b0, bRowStride, ref c, cRowStride, i + 4, j, p, inner);
    }

    /// <summary>
    /// Reduces the twelve sums of four rows of A × three rows of B, adds the inner elements from <paramref name="p"/>
    /// on that the vectors did not cover, and adds the results to C.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void FinishFourRows<TVector, TSimd>(
        TVector s00, TVector s10, TVector s20, TVector s30,
        TVector s01, TVector s11, TVector s21, TVector s31,
        TVector s02, TVector s12, TVector s22, TVector s32,
        ref float a0, nint aRowStride, ref float b0, nint bRowStride, ref float c, nint cRowStride, int i, int j, nint p, int inner)
        where TVector : struct
        where TSimd : struct, ISimd<TVector>
    {
        ref float a1 = ref Unsafe.Add(ref a0, aRowStride);
        ref float a2 = ref Unsafe.Add(ref a1, aRowStride);
        ref float a3 = ref Unsafe.Add(ref a2, aRowStride);
        ref float b1 = ref Unsafe.Add(ref b0, bRowStride);
        ref float b2 = ref Unsafe.Add(ref b1, bRowStride);
        Vector128<float> column0 = TSimd.Sum4(s00, s10, s20, s30);
        Vector128<float> column1 = TSimd.Sum4(s01, s11, s21, s31);
        Vector128<float> column2 = TSimd.Sum4(s02, s12, s22, s32);
        for (; p < inner; p++)
        {
            var y = Vector128.Create(Unsafe.Add(ref a0, p), Unsafe.Add(ref a1, p), Unsafe.Add(ref a2, p), Unsafe.Add(ref a3, p));
            column0 += y * Unsafe.Add(ref b0, p);
            column1 += y * Unsafe.Add(ref b1, p);
            column2 += y * Unsafe.Add(ref b2, p);
        }

        ref float c0 = ref Unsafe.Add(ref c, (i * cRowStride) + j);
        AddColumn(column0, ref c0, cRowStride);
        AddColumn(column1, ref Unsafe.Add(ref c0, 1), cRowStride);
        AddColumn(column2, ref Unsafe.Add(ref c0, 2), cRowStride);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Tile4x4<TVector, TSimd>(
        ref float a, nint aRowStride, ref float b, nint bRowStride, ref float c, nint cRowStride, int i, int j, int inner, int vectorEnd)
        where TVector : struct
        where TSimd : struct, ISimd<TVector>
    {
        ref float a0 = ref Unsafe.Add(ref a, i * aRowStride);
        ref float a1 = ref Unsafe.Add(ref a0, aRowStride);
        ref float a2 = ref Unsafe.Add(ref a1, aRowStride);
        ref float a3 = ref Unsafe.Add(ref a2, aRowStride);
        ref float b0 = ref Unsafe.Add(ref b, j * bRowStride);
        ref float b1 = ref Unsafe.Add(ref b0, bRowStride);
        ref float b2 = ref Unsafe.Add(ref b1, bRowStride);
        ref float b3 = ref Unsafe.Add(ref b2, bRowStride);
        TVector s00 = TSimd.Zero, s10 = TSimd.Zero, s20 = TSimd.Zero, s30 = TSimd.Zero;
        TVector s01 = TSimd.Zero, s11 = TSimd.Zero, s21 = TSimd.Zero, s31 = TSimd.Zero;
        TVector s02 = TSimd.Zero, s12 = TSimd.Zero, s22 = TSimd.Zero, s32 = TSimd.Zero;
        TVector s03 = TSimd.Zero, s13 = TSimd.Zero, s23 = TSimd.Zero, s33 = TSimd.Zero;
        nint p = 0;
        for (; p < vectorEnd; p += TSimd.Count)
        {
            TVector x0 = TSimd.Load(ref Unsafe.Add(ref b0, p));
            TVector x1 = TSimd.Load(ref Unsafe.Add(ref b1, p));
            TVector x2 = TSimd.Load(ref Unsafe.Add(ref b2, p));
            TVector x3 = TSimd.Load(ref Unsafe.Add(ref b3, p));
            TVector y = TSimd.Load(ref Unsafe.Add(ref a0, p));
            s00 = TSimd.MultiplyAdd(y, x0, s00);
            s01 = TSimd.MultiplyAdd(y, x1, s01);
            s02 = TSimd.MultiplyAdd(y, x2, s02);
            s03 = TSimd.MultiplyAdd(y, x3, s03);
            y = TSimd.Load(ref Unsafe.Add(ref a1, p));
            s10 = TSimd.MultiplyAdd(y, x0, s10);
            s11 = TSimd.MultiplyAdd(y, x1, s11);
            s12 = TSimd.MultiplyAdd(y, x2, s12);
            s13 = TSimd.MultiplyAdd(y, x3, s13);
            y = TSimd.Load(ref Unsafe.Add(ref a2, p));
            s20 = TSimd.MultiplyAdd(y, x0, s20);
            s21 = TSimd.MultiplyAdd(y, x1, s21);
            s22 = TSimd.MultiplyAdd(y, x2, s22);
            s23 = TSimd.MultiplyAdd(y, x3, s23);
            y = TSimd.Load(ref Unsafe.Add(ref a3, p));
            s30 = TSimd.MultiplyAdd(y, x0, s30);
            s31 = TSimd.MultiplyAdd(y, x1, s31);
            s32 = TSimd.MultiplyAdd(y, x2, s32);
            s33 = TSimd.MultiplyAdd(y, x3, s33);
        }

        Vector128<float> column0 = TSimd.Sum4(s00, s10, s20, s30);
        Vector128<float> column1 = TSimd.Sum4(s01, s11, s21, s31);
        Vector128<float> column2 = TSimd.Sum4(s02, s12, s22, s32);
        Vector128<float> column3 = TSimd.Sum4(s03, s13, s23, s33);
        for (; p < inner; p++)
        {
            var y = Vector128.Create(Unsafe.Add(ref a0, p), Unsafe.Add(ref a1, p), Unsafe.Add(ref a2, p), Unsafe.Add(ref a3, p));
            column0 += y * Unsafe.Add(ref b0, p);
            column1 += y * Unsafe.Add(ref b1, p);
            column2 += y * Unsafe.Add(ref b2, p);
            column3 += y * Unsafe.Add(ref b3, p);
        }

        ref float c0 = ref Unsafe.Add(ref c, (i * cRowStride) + j);
        AddColumn(column0, ref c0, cRowStride);
        AddColumn(column1, ref Unsafe.Add(ref c0, 1), cRowStride);
        AddColumn(column2, ref Unsafe.Add(ref c0, 2), cRowStride);
        AddColumn(column3, ref Unsafe.Add(ref c0, 3), cRowStride);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Tile4x3<TVector, TSimd>(
        ref float a, nint aRowStride, ref float b, nint bRowStride, ref float c, nint cRowStride, int i, int j, int inner, int vectorEnd)
        where TVector : struct
        where TSimd : struct, ISimd<TVector>
    {
        ref float a0 = ref Unsafe.Add(ref a, i * aRowStride);
        ref float a1 = ref Unsafe.Add(ref a0, aRowStride);
        ref float a2 = ref Unsafe.Add(ref a1, aRowStride);
        ref float a3 = ref Unsafe.Add(ref a2, aRowStride);
        ref float b0 = ref Unsafe.Add(ref b, j * bRowStride);
        ref float b1 = ref Unsafe.Add(ref b0, bRowStride);
        ref float b2 = ref Unsafe.Add(ref b1, bRowStride);
        TVector s00 = TSimd.Zero, s10 = TSimd.Zero, s20 = TSimd.Zero, s30 = TSimd.Zero;
        TVector s01 = TSimd.Zero, s11 = TSimd.Zero, s21 = TSimd.Zero, s31 = TSimd.Zero;
        TVector s02 = TSimd.Zero, s12 = TSimd.Zero, s22 = TSimd.Zero, s32 = TSimd.Zero;
        nint p = 0;
        for (; p < vectorEnd; p += TSimd.Count)
        {
            TVector x0 = TSimd.Load(ref Unsafe.Add(ref b0, p));
            TVector x1 = TSimd.Load(ref Unsafe.Add(ref b1, p));
            TVector x2 = TSimd.Load(ref Unsafe.Add(ref b2, p));
            TVector y = TSimd.Load(ref Unsafe.Add(ref a0, p));
            s00 = TSimd.MultiplyAdd(y, x0, s00);
            s01 = TSimd.MultiplyAdd(y, x1, s01);
            s02 = TSimd.MultiplyAdd(y, x2, s02);
            y = TSimd.Load(ref Unsafe.Add(ref a1, p));
            s10 = TSimd.MultiplyAdd(y, x0, s10);
            s11 = TSimd.MultiplyAdd(y, x1, s11);
            s12 = TSimd.MultiplyAdd(y, x2, s12);
            y = TSimd.Load(ref Unsafe.Add(ref a2, p));
            s20 = TSimd.MultiplyAdd(y, x0, s20);
            s21 = TSimd.MultiplyAdd(y, x1, s21);
            s22 = TSimd.MultiplyAdd(y, x2, s22);
            y = TSimd.Load(ref Unsafe.Add(ref a3, p));
            s30 = TSimd.MultiplyAdd(y, x0, s30);
            s31 = TSimd.MultiplyAdd(y, x1, s31);
            s32 = TSimd.MultiplyAdd(y, x2, s32);
        }

        FinishFourRows<TVector, TSimd>(s00, s10, s20, s30, s01, s11, s21, s31, s02, s12, s22, s32, ref a0, aRowStride, ref b0, bRowStride, ref c, cRowStride, i, j, p, inner);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Tile4x2<TVector, TSimd>(
        ref float a, nint aRowStride, ref float b, nint bRowStride, ref float c, nint cRowStride, int i, int j, int inner, int vectorEnd)
        where TVector : struct
        where TSimd : struct, ISimd<TVector>
    {
        ref float a0 = ref Unsafe.Add(ref a, i * aRowStride);
        ref float a1 = ref Unsafe.Add(ref a0, aRowStride);
        ref float a2 = ref Unsafe.Add(ref a1, aRowStride);
        ref float a3 = ref Unsafe.Add(ref a2, aRowStride);
        ref float b0 = ref Unsafe.Add(ref b, j * bRowStride);
        ref float b1 = ref Unsafe.Add(ref b0, bRowStride);
        TVector s00 = TSimd.Zero, s10 = TSimd.Zero, s20 = TSimd.Zero, s30 = TSimd.Zero;
        TVector s01 = TSimd.Zero, s11 = TSimd.Zero, s21 = TSimd.Zero, s31 = TSimd.Zero;
        nint p = 0;
        for (; p < vectorEnd; p += TSimd.Count)
        {
            TVector x0 = TSimd.Load(ref Unsafe.Add(ref b0, p));
            TVector x1 = TSimd.Load(ref Unsafe.Add(ref b1, p));
            TVector y = TSimd.Load(ref Unsafe.Add(ref a0, p));
            s00 = TSimd.MultiplyAdd(y, x0, s00);
            s01 = TSimd.MultiplyAdd(y, x1, s01);
            y = TSimd.Load(ref Unsafe.Add(ref a1, p));
            s10 = TSimd.MultiplyAdd(y, x0, s10);
            s11 = TSimd.MultiplyAdd(y, x1, s11);
            y = TSimd.Load(ref Unsafe.Add(ref a2, p));
            s20 = TSimd.MultiplyAdd(y, x0, s20);
            s21 = TSimd.MultiplyAdd(y, x1, s21);
            y = TSimd.Load(ref Unsafe.Add(ref a3, p));
            s30 = TSimd.MultiplyAdd(y, x0, s30);
            s31 = TSimd.MultiplyAdd(y, x1, s31);
        }

        Vector128<float> column0 = TSimd.Sum4(s00, s10, s20, s30);
        Vector128<float> column1 = TSimd.Sum4(s01, s11, s21, s31);
        for (; p < inner; p++)
        {
            var y = Vector128.Create(Unsafe.Add(ref a0, p), Unsafe.Add(ref a1, p), Unsafe.Add(ref a2, p), Unsafe.Add(ref a3, p));
            column0 += y * Unsafe.Add(ref b0, p);
            column1 += y * Unsafe.Add(ref b1, p);
        }

        ref float c0 = ref Unsafe.Add(ref c, (i * cRowStride) + j);
        AddColumn(column0, ref c0, cRowStride);
        AddColumn(column1, ref Unsafe.Add(ref c0, 1), cRowStride);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Tile4x1<TVector, TSimd>(
        ref float a, nint aRowStride, ref float b, nint bRowStride, ref float c, nint cRowStride, int i, int j, int inner, int vectorEnd)
        where TVector : struct
        where TSimd : struct, ISimd<TVector>
    {
        ref float a0 = ref Unsafe.Add(ref a, i * aRowStride);
        ref float a1 = ref Unsafe.Add(ref a0, aRowStride);
        ref float a2 = ref Unsafe.Add(ref a1, aRowStride);
        ref float a3 = ref Unsafe.Add(ref a2, aRowStride);
        ref float b0 = ref Unsafe.Add(ref b, j * bRowStride);
        TVector s0 = TSimd.Zero, s1 = TSimd.Zero, s2 = TSimd.Zero, s3 = TSimd.Zero;
        nint p = 0;
        for (; p < vectorEnd; p += TSimd.Count)
        {
            TVector x = TSimd.Load(ref Unsafe.Add(ref b0, p));
            s0 = TSimd.MultiplyAdd(TSimd.Load(ref Unsafe.Add(ref a0, p)), x, s0);
            s1 = TSimd.MultiplyAdd(TSimd.Load(ref Unsafe.Add(ref a1, p)), x, s1);
            s2 = TSimd.MultiplyAdd(TSimd.Load(ref Unsafe.Add(ref a2, p)), x, s2);
            s3 = TSimd.MultiplyAdd(TSimd.Load(ref Unsafe.Add(ref a3, p)), x, s3);
        }

        Vector128<float> column = TSimd.Sum4(s0, s1, s2, s3);
        for (; p < inner; p++)
        {
            column += Vector128.Create(Unsafe.Add(ref a0, p), Unsafe.Add(ref a1, p), Unsafe.Add(ref a2, p), Unsafe.Add(ref a3, p)) * Unsafe.Add(ref b0, p);
        }

        AddColumn(column, ref Unsafe.Add(ref c, (i * cRowStride) + j), cRowStride);
    }

    /// <summary>Adds the four sums of one tile column to C's four rows of that column.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void AddColumn(Vector128<float> sums, ref float c, nint cRowStride)
    {
        c += sums.GetElement(0);
        Unsafe.Add(ref c, cRowStride) += sums.GetElement(1);
        Unsafe.Add(ref c, 2 * cRowStride) += sums.GetElement(2);
        Unsafe.Add(ref c, 3 * cRowStride) += sums.GetElement(3);
    }
}
