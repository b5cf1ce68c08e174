using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace StaticNet.Kernels;

/// <summary>
/// y = W·x + b for one sample, W row-major: eight rows at a time share each load of x, their eight accumulators hide
/// FMA latency, and one combined horizontal reduction finishes all eight rows into one vector; four rows, then single
/// rows, take what is left (the 128-bit and scalar kernels start at four rows).
/// </summary>
internal static class MatVec
{
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Run<TVector, TSimd>(ref float weights, ref float biases, ref float input, ref float output, int rows, int columns)
        where TVector : struct
        where TSimd : struct, ISimd<TVector>
    {
        int width = TSimd.Count;
        int vectorEnd = columns - (columns % width);
        int row = 0;

        // Eight rows end in one Vector256 of sums, which is hardware only where the 256- and 512-bit kernels run (AVX):
        // for the narrower kernels it would be emulated, so they start at four rows (a constant test, folded away).
        int eightRowEnd = width >= 8 ? rows - (rows % 8) : 0;
        for (; row < eightRowEnd; row += 8)
        {
            // One reference per row, formed once: computed inside the loop, each row's address costs integer work
            // beside every load.
            ref float w0 = ref Unsafe.Add(ref weights, (nint)row * columns);
            ref float w1 = ref Unsafe.Add(ref w0, columns);
            ref float w2 = ref Unsafe.Add(ref w1, columns);
            ref float w3 = ref Unsafe.Add(ref w2, columns);
            ref float w4 = ref Unsafe.Add(ref w3, columns);
            ref float w5 = ref Unsafe.Add(ref w4, columns);
            ref float w6 = ref Unsafe.Add(ref w5, columns);
            ref float w7 = ref Unsafe.Add(ref w6, columns);
            TVector s0 = TSimd.Zero, s1 = TSimd.Zero, s2 = TSimd.Zero, s3 = TSimd.Zero;
            TVector s4 = TSimd.Zero, s5 = TSimd.Zero, s6 = TSimd.Zero, s7 = TSimd.Zero;
            nint k = 0;
            for (; k < vectorEnd; k += width)
            {
                TVector x = TSimd.Load(ref Unsafe.Add(ref input, k));
                s0 = TSimd.MultiplyAdd(TSimd.Load(ref Unsafe.Add(ref w0, k)), x, s0);
                s1 = TSimd.MultiplyAdd(TSimd.Load(ref Unsafe.Add(ref w1, k)), x, s1);
                s2 = TSimd.MultiplyAdd(TSimd.Load(ref Unsafe.Add(ref w2, k)), x, s2);
                s3 = TSimd.MultiplyAdd(TSimd.Load(ref Unsafe.Add(ref w3, k)), x, s3);
                s4 = TSimd.MultiplyAdd(TSimd.Load(ref Unsafe.Add(ref w4, k)), x, s4);
                s5 = TSimd.MultiplyAdd(TSimd.Load(ref Unsafe.Add(ref w5, k)), x, s5);
                s6 = TSimd.MultiplyAdd(TSimd.Load(ref Unsafe.Add(ref w6, k)), x, s6);
                s7 = TSimd.MultiplyAdd(TSimd.Load(ref Unsafe.Add(ref w7, k)), x, s7);
            }

            Vector256<float> sums = TSimd.Sum8(s0, s1, s2, s3, s4, s5, s6, s7);
            for (; k < columns; k++)
            {
                Vector256<float> column = Vector256.Create(
                    Unsafe.Add(ref w0, k), Unsafe.Add(ref w1, k), Unsafe.Add(ref w2, k), Unsafe.Add(ref w3, k),
                    Unsafe.Add(ref w4, k), Unsafe.Add(ref w5, k), Unsafe.Add(ref w6, k), Unsafe.Add(ref w7, k));
                sums += column * Unsafe.Add(ref input, k);
            }

            (sums + Vector256.LoadUnsafe(ref Unsafe.Add(ref biases, row))).StoreUnsafe(ref Unsafe.Add(ref output, row));
        }

        for (; row + 4 <= rows; row += 4)
        {
            ref float w0 = ref Unsafe.Add(ref weights, (nint)row * columns);
            ref float w1 = ref Unsafe.Add(ref w0, columns);
            ref float w2 = ref Unsafe.Add(ref w1, columns);
            ref float w3 = ref Unsafe.Add(ref w2, columns);
            // Eight independent accumulators (4 rows × 2 vectors of x): an FMA's result is ready only after about
            // five cycles, and with four chains the loop would wait on them instead of issuing two FMAs a cycle.
            TVector s0 = TSimd.Zero, s1 = TSimd.Zero, s2 = TSimd.Zero, s3 = TSimd.Zero;
            TVector t0 = TSimd.Zero, t1 = TSimd.Zero, t2 = TSimd.Zero, t3 = TSimd.Zero;
            nint k = 0;
            for (; k + width <= vectorEnd - width; k += 2 * width)
            {
                TVector x = TSimd.Load(ref Unsafe.Add(ref input, k));
                TVector y = TSimd.Load(ref Unsafe.Add(ref input, k + width));
                s0 = TSimd.MultiplyAdd(TSimd.Load(ref Unsafe.Add(ref w0, k)), x, s0);
                s1 = TSimd.MultiplyAdd(TSimd.Load(ref Unsafe.Add(ref w1, k)), x, s1);
                s2 = TSimd.MultiplyAdd(TSimd.Load(ref Unsafe.Add(ref w2, k)), x, s2);
                s3 = TSimd.MultiplyAdd(TSimd.Load(ref Unsafe.Add(ref w3, k)), x, s3);
                t0 = TSimd.MultiplyAdd(TSimd.Load(ref Unsafe.Add(ref w0, k + width)), y, t0);
                t1 = TSimd.MultiplyAdd(TSimd.Load(ref Unsafe.Add(ref w1, k + width)), y, t1);
                t2 = TSimd.MultiplyAdd(TSimd.Load(ref Unsafe.Add(ref w2, k + width)), y, t2);
                t3 = TSimd.MultiplyAdd(TSimd.Load(ref Unsafe.Add(ref w3, k + width)), y, t3);
            }

            for (; k < vectorEnd; k += width)
            {
                TVector x = TSimd.Load(ref Unsafe.Add(ref input, k));
                s0 = TSimd.MultiplyAdd(TSimd.Load(ref Unsafe.Add(ref w0, k)), x, s0);
                s1 = TSimd.MultiplyAdd(TSimd.Load(ref Unsafe.Add(ref w1, k)), x, s1);
                s2 = TSimd.MultiplyAdd(TSimd.Load(ref Unsafe.Add(ref w2, k)), x, s2);
                s3 = TSimd.MultiplyAdd(TSimd.Load(ref Unsafe.Add(ref w3, k)), x, s3);
            }

            Vector128<float> sums = TSimd.Sum4(TSimd.Add(s0, t0), TSimd.Add(s1, t1), TSimd.Add(s2, t2), TSimd.Add(s3, t3));
            if (k < columns)
            {
                Vector128<float> tail = Vector128<float>.Zero;
                for (; k < columns; k++)
                {
                    float x = Unsafe.Add(ref input, k);
                    tail += Vector128.Create(Unsafe.Add(ref w0, k), Unsafe.Add(ref w1, k), Unsafe.Add(ref w2, k), Unsafe.Add(ref w3, k)) * x;
                }

                sums += tail;
            }

            (sums + Vector128.LoadUnsafe(ref Unsafe.Add(ref biases, row))).StoreUnsafe(ref Unsafe.Add(ref output, row));
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
