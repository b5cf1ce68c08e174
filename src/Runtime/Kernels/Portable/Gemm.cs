using System.Runtime.CompilerServices;

namespace StaticNet.Kernels;

/// <summary>
/// C (+)= A·B for row-major B and C and a strided A (δᵀ read through its strides), one float at a time: each C[i, j]
/// is one chain over the inner dimension from zero, then added to C when accumulating — the vector builds' order at
/// their scalar width. Four columns of C per pass share each element of A.
/// </summary>
internal static class Gemm
{
    /// <summary>Computes C (+)= A·B with <typeparamref name="TSimd"/>'s multiply-add (fused for deterministic networks, as their vector lanes are).</summary>
    public static void Run<TVector, TSimd>(
        ref float a, nint aRowStride, nint aColumnStride,
        ref float b, nint bRowStride,
        ref float c, nint cRowStride,
        int rows, int columns, int inner, bool accumulate)
        where TVector : struct
        where TSimd : struct, ISimd<TVector>
    {
        TSimd rule = default;
        for (int row = 0; row < rows; row++)
        {
            ref float aRow = ref Unsafe.Add(ref a, row * aRowStride);
            ref float cRow = ref Unsafe.Add(ref c, row * cRowStride);
            int column = 0;
            for (; column + 4 <= columns; column += 4)
            {
                float c0 = 0f, c1 = 0f, c2 = 0f, c3 = 0f;
                for (int p = 0; p < inner; p++)
                {
                    float x = Unsafe.Add(ref aRow, p * aColumnStride);
                    ref float bRow = ref Unsafe.Add(ref b, (p * bRowStride) + column);
                    c0 = rule.MultiplyAdd(x, bRow, c0);
                    c1 = rule.MultiplyAdd(x, Unsafe.Add(ref bRow, 1), c1);
                    c2 = rule.MultiplyAdd(x, Unsafe.Add(ref bRow, 2), c2);
                    c3 = rule.MultiplyAdd(x, Unsafe.Add(ref bRow, 3), c3);
                }

                Write(c0, ref Unsafe.Add(ref cRow, column), accumulate);
                Write(c1, ref Unsafe.Add(ref cRow, column + 1), accumulate);
                Write(c2, ref Unsafe.Add(ref cRow, column + 2), accumulate);
                Write(c3, ref Unsafe.Add(ref cRow, column + 3), accumulate);
            }

            for (; column < columns; column++)
            {
                float sum = 0f;
                for (int p = 0; p < inner; p++)
                {
                    sum = rule.MultiplyAdd(Unsafe.Add(ref aRow, p * aColumnStride), Unsafe.Add(ref b, (p * bRowStride) + column), sum);
                }

                Write(sum, ref Unsafe.Add(ref cRow, column), accumulate);
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Write(float value, ref float destination, bool accumulate) =>
        destination = accumulate ? destination + value : value;
}
