using System.Runtime.CompilerServices;

namespace StaticNet.Kernels;

/// <summary>
/// y = W·x + b for one sample, W row-major: four rows at a time share each load of x, each row keeps its own
/// accumulator to hide FMA latency, and one horizontal sum per row finishes it.
/// </summary>
internal static class MatVec
{
    public static void Run<TVector, TSimd>(ref float weights, ref float biases, ref float input, ref float output, int rows, int columns)
        where TVector : struct
        where TSimd : struct, ISimd<TVector>
    {
        int width = TSimd.Count;
        int vectorEnd = columns - (columns % width);
        int row = 0;
        for (; row + 4 <= rows; row += 4)
        {
            ref float w0 = ref Unsafe.Add(ref weights, (nint)row * columns);
            ref float w1 = ref Unsafe.Add(ref w0, columns);
            ref float w2 = ref Unsafe.Add(ref w1, columns);
            ref float w3 = ref Unsafe.Add(ref w2, columns);
            TVector s0 = TSimd.Zero, s1 = TSimd.Zero, s2 = TSimd.Zero, s3 = TSimd.Zero;
            nint k = 0;
            for (; k < vectorEnd; k += width)
            {
                TVector x = TSimd.Load(ref Unsafe.Add(ref input, k));
                s0 = TSimd.MultiplyAdd(TSimd.Load(ref Unsafe.Add(ref w0, k)), x, s0);
                s1 = TSimd.MultiplyAdd(TSimd.Load(ref Unsafe.Add(ref w1, k)), x, s1);
                s2 = TSimd.MultiplyAdd(TSimd.Load(ref Unsafe.Add(ref w2, k)), x, s2);
                s3 = TSimd.MultiplyAdd(TSimd.Load(ref Unsafe.Add(ref w3, k)), x, s3);
            }

            float t0 = TSimd.Sum(s0), t1 = TSimd.Sum(s1), t2 = TSimd.Sum(s2), t3 = TSimd.Sum(s3);
            for (; k < columns; k++)
            {
                float x = Unsafe.Add(ref input, k);
                t0 += Unsafe.Add(ref w0, k) * x;
                t1 += Unsafe.Add(ref w1, k) * x;
                t2 += Unsafe.Add(ref w2, k) * x;
                t3 += Unsafe.Add(ref w3, k) * x;
            }

            ref float y = ref Unsafe.Add(ref output, row);
            ref float bias = ref Unsafe.Add(ref biases, row);
            y = t0 + bias;
            Unsafe.Add(ref y, 1) = t1 + Unsafe.Add(ref bias, 1);
            Unsafe.Add(ref y, 2) = t2 + Unsafe.Add(ref bias, 2);
            Unsafe.Add(ref y, 3) = t3 + Unsafe.Add(ref bias, 3);
        }

        for (; row < rows; row++)
        {
            ref float w = ref Unsafe.Add(ref weights, (nint)row * columns);
            TVector s = TSimd.Zero;
            nint k = 0;
            for (; k < vectorEnd; k += width)
            {
                s = TSimd.MultiplyAdd(TSimd.Load(ref Unsafe.Add(ref w, k)), TSimd.Load(ref Unsafe.Add(ref input, k)), s);
            }

            float t = TSimd.Sum(s);
            for (; k < columns; k++)
            {
                t += Unsafe.Add(ref w, k) * Unsafe.Add(ref input, k);
            }

            Unsafe.Add(ref output, row) = t + Unsafe.Add(ref biases, row);
        }
    }
}
