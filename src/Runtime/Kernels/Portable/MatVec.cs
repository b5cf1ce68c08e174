using System.Runtime.CompilerServices;

namespace StaticNet.Kernels;

/// <summary>
/// y = W·x + b for one sample, W row-major, one float at a time: four rows share each load of x, and each row sums
/// its even and odd columns in two chains (s + t + b), then single rows one chain (s + b) — the order the vector
/// builds' kernel takes at its scalar width.
/// </summary>
internal static class MatVec
{
    /// <summary>Computes y = W·x + b; the type arguments only match the vector builds' signature.</summary>
    public static void Run<TVector, TSimd>(ref float weights, ref float biases, ref float input, ref float output, int rows, int columns)
        where TVector : struct
        where TSimd : struct, ISimd<TVector>
    {
        int row = 0;
        for (; row + 4 <= rows; row += 4)
        {
            ref float w0 = ref Unsafe.Add(ref weights, row * columns);
            ref float w1 = ref Unsafe.Add(ref w0, columns);
            ref float w2 = ref Unsafe.Add(ref w1, columns);
            ref float w3 = ref Unsafe.Add(ref w2, columns);
            float s0 = 0f, s1 = 0f, s2 = 0f, s3 = 0f, t0 = 0f, t1 = 0f, t2 = 0f, t3 = 0f;
            int k = 0;
            for (; k + 1 < columns; k += 2)
            {
                float x = Unsafe.Add(ref input, k), y = Unsafe.Add(ref input, k + 1);
                s0 = (Unsafe.Add(ref w0, k) * x) + s0;
                s1 = (Unsafe.Add(ref w1, k) * x) + s1;
                s2 = (Unsafe.Add(ref w2, k) * x) + s2;
                s3 = (Unsafe.Add(ref w3, k) * x) + s3;
                t0 = (Unsafe.Add(ref w0, k + 1) * y) + t0;
                t1 = (Unsafe.Add(ref w1, k + 1) * y) + t1;
                t2 = (Unsafe.Add(ref w2, k + 1) * y) + t2;
                t3 = (Unsafe.Add(ref w3, k + 1) * y) + t3;
            }

            if (k < columns)
            {
                float x = Unsafe.Add(ref input, k);
                s0 = (Unsafe.Add(ref w0, k) * x) + s0;
                s1 = (Unsafe.Add(ref w1, k) * x) + s1;
                s2 = (Unsafe.Add(ref w2, k) * x) + s2;
                s3 = (Unsafe.Add(ref w3, k) * x) + s3;
            }

            Unsafe.Add(ref output, row) = s0 + t0 + Unsafe.Add(ref biases, row);
            Unsafe.Add(ref output, row + 1) = s1 + t1 + Unsafe.Add(ref biases, row + 1);
            Unsafe.Add(ref output, row + 2) = s2 + t2 + Unsafe.Add(ref biases, row + 2);
            Unsafe.Add(ref output, row + 3) = s3 + t3 + Unsafe.Add(ref biases, row + 3);
        }

        for (; row < rows; row++)
        {
            ref float w = ref Unsafe.Add(ref weights, row * columns);
            float s = 0f;
            for (int k = 0; k < columns; k++)
            {
                s = (Unsafe.Add(ref w, k) * Unsafe.Add(ref input, k)) + s;
            }

            Unsafe.Add(ref output, row) = s + Unsafe.Add(ref biases, row);
        }
    }
}
