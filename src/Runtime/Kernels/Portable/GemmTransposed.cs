using System.Runtime.CompilerServices;

namespace StaticNet.Kernels;

/// <summary>
/// C += A·Bᵀ for A [rows × inner] and B [columns × inner], both row-major along the inner dimension, one float at a
/// time: each C[i, j] gains one dot product of two contiguous rows, summed in one chain from zero — the vector builds'
/// order at their scalar width. Two rows of B per pass share each load of A's row.
/// </summary>
internal static class GemmTransposed
{
    /// <summary>Computes C += A·Bᵀ; the type arguments only match the vector builds' signature.</summary>
    public static void Run<TVector, TSimd>(
        ref float a, nint aRowStride,
        ref float b, nint bRowStride,
        ref float c, nint cRowStride,
        int rows, int columns, int inner)
        where TVector : struct
        where TSimd : struct, ISimd<TVector>
    {
        for (int i = 0; i < rows; i++)
        {
            ref float aRow = ref Unsafe.Add(ref a, i * aRowStride);
            ref float cRow = ref Unsafe.Add(ref c, i * cRowStride);
            int j = 0;
            for (; j + 2 <= columns; j += 2)
            {
                ref float b0 = ref Unsafe.Add(ref b, j * bRowStride);
                ref float b1 = ref Unsafe.Add(ref b0, bRowStride);
                float s0 = 0f, s1 = 0f;
                for (int p = 0; p < inner; p++)
                {
                    float x = Unsafe.Add(ref aRow, p);
                    s0 = (x * Unsafe.Add(ref b0, p)) + s0;
                    s1 = (x * Unsafe.Add(ref b1, p)) + s1;
                }

                Unsafe.Add(ref cRow, j) += s0;
                Unsafe.Add(ref cRow, j + 1) += s1;
            }

            for (; j < columns; j++)
            {
                ref float bRow = ref Unsafe.Add(ref b, j * bRowStride);
                float sum = 0f;
                for (int p = 0; p < inner; p++)
                {
                    sum = (Unsafe.Add(ref aRow, p) * Unsafe.Add(ref bRow, p)) + sum;
                }

                Unsafe.Add(ref cRow, j) += sum;
            }
        }
    }
}
