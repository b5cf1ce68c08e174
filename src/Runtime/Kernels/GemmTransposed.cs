using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace StaticNet.Kernels;

/// <summary>
/// C += A·Bᵀ where A [rows × inner] and B [columns × inner] are both row-major along the inner dimension: each
/// C[i, j] is a dot product of two contiguous rows. Register tiles of 4 rows of A × 2 rows of B keep 8 accumulators
/// busy on 6 loads per 8 FMAs, and one combined reduction per tile column finishes four sums at once. This is the
/// batch forward pass Z = X·Wᵀ on the weights as stored, with no transposed copy.
/// </summary>
internal static class GemmTransposed
{
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
        for (; i + 4 <= rows; i += 4)
        {
            int j = 0;
            for (; j + 2 <= columns; j += 2)
            {
                Tile4x2<TVector, TSimd>(ref a, aRowStride, ref b, bRowStride, ref c, cRowStride, i, j, inner, vectorEnd);
            }

            for (; j < columns; j++)
            {
                Tile4x1<TVector, TSimd>(ref a, aRowStride, ref b, bRowStride, ref c, cRowStride, i, j, inner, vectorEnd);
            }
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
        for (int r = 0; r < 4; r++)
        {
            ref float cell = ref Unsafe.Add(ref c0, r * cRowStride);
            cell += column0.GetElement(r);
            Unsafe.Add(ref cell, 1) += column1.GetElement(r);
        }
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

        ref float c0 = ref Unsafe.Add(ref c, (i * cRowStride) + j);
        for (int r = 0; r < 4; r++)
        {
            Unsafe.Add(ref c0, r * cRowStride) += column.GetElement(r);
        }
    }
}
