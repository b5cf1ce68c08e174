using System.Runtime.CompilerServices;

namespace StaticNet.Kernels;

/// <summary>
/// C += A·Bᵀ for A [rows × inner] and B [columns × inner] in the netstandard2.1 build, each dot product summed in the
/// order of the vector builds' <c>Kernels/Deterministic/FixedOrderProduct.cs</c>, which it mirrors: eight partial sums,
/// sum i taking the terms of index i modulo 8 in increasing index, each a fused multiply-add; the tree
/// ((s0 + s4) + (s2 + s6)) + ((s1 + s5) + (s3 + s7)) of <c>IEightLanes.Total</c>; then the last inner % 8 terms one
/// by one, fused, in increasing index; then added to C. The same bits as every width of the vector builds.
/// </summary>
internal static class FixedOrderProduct
{
    /// <summary>Runs the product; the type arguments only match the vector builds' signature.</summary>
    public static void Run<TVector, TSimd>(ref float a, nint aRowStride, ref float b, nint bRowStride, ref float c, nint cRowStride, int rows, int columns, int inner)
        where TVector : struct
        where TSimd : struct, ISimd<TVector>
    {
        for (int i = 0; i < rows; i++)
        {
            ref float x = ref Unsafe.Add(ref a, i * aRowStride);
            ref float cRow = ref Unsafe.Add(ref c, i * cRowStride);
            for (int j = 0; j < columns; j++)
            {
                Unsafe.Add(ref cRow, j) += Dot(ref x, ref Unsafe.Add(ref b, j * bRowStride), inner);
            }
        }
    }

    private static float Dot(ref float x, ref float w, int inner)
    {
        float s0 = 0f, s1 = 0f, s2 = 0f, s3 = 0f, s4 = 0f, s5 = 0f, s6 = 0f, s7 = 0f;
        int blockEnd = inner - (inner % 8);
        for (int p = 0; p < blockEnd; p += 8)
        {
            s0 = Fma(Unsafe.Add(ref x, p), Unsafe.Add(ref w, p), s0);
            s1 = Fma(Unsafe.Add(ref x, p + 1), Unsafe.Add(ref w, p + 1), s1);
            s2 = Fma(Unsafe.Add(ref x, p + 2), Unsafe.Add(ref w, p + 2), s2);
            s3 = Fma(Unsafe.Add(ref x, p + 3), Unsafe.Add(ref w, p + 3), s3);
            s4 = Fma(Unsafe.Add(ref x, p + 4), Unsafe.Add(ref w, p + 4), s4);
            s5 = Fma(Unsafe.Add(ref x, p + 5), Unsafe.Add(ref w, p + 5), s5);
            s6 = Fma(Unsafe.Add(ref x, p + 6), Unsafe.Add(ref w, p + 6), s6);
            s7 = Fma(Unsafe.Add(ref x, p + 7), Unsafe.Add(ref w, p + 7), s7);
        }

        float total = ((s0 + s4) + (s2 + s6)) + ((s1 + s5) + (s3 + s7));
        for (int p = blockEnd; p < inner; p++)
        {
            total = Fma(Unsafe.Add(ref x, p), Unsafe.Add(ref w, p), total);
        }

        return total;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static float Fma(float a, float b, float c) => SoftwareFusedMultiplyAdd.Compute(a, b, c);
}
