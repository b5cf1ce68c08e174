using System;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace StaticNet.Kernels;

/// <summary>
/// a = g(b + Σ_k x_k·W[:,k]) for one sample, with W stored column by column (a frozen network's layout, see
/// <c>FrozenLayers</c>): every term is a broadcast of one input times a whole column, so the sums of many
/// units grow side by side in vector accumulators and no horizontal reduction is left at the end, and g runs on
/// the accumulators before they are stored.
/// </summary>
/// <remarks>
/// Column k starts at <c>weights</c> + k·<c>stride</c>. In a frozen network's block b comes first and every column is
/// padded with zeros to <c>stride</c> floats (a multiple of the widest vector), so every vector load is whole and
/// aligned and the last partial vector of units needs no special loads. A trainable layer stored by columns has no
/// padding (stride = units): its callers pass a multiple of the widest vector as <c>rows</c>.
/// Eight accumulators are kept busy everywhere, because an FMA's result is ready only after about four cycles and
/// fewer chains would leave the FMA units waiting: eight vectors of units with one chain each, then four vectors with
/// two chains over k (even and odd inputs), then single vectors with eight chains over k.
/// </remarks>
internal static class ColumnMatVec
{
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Run<TVector, TSimd, TOperator>(TOperator activation, ref float biases, ref float weights, ref float input, ref float output, int rows, int columns, nint stride)
        where TVector : struct
        where TSimd : struct, ISimd<TVector>
        where TOperator : struct, IUnaryOperator
    {
        int width = TSimd.Count;
        int row = 0;

        // Eight vectors of units, one chain each: eight multiply-adds per input already hide the FMA latency, and each
        // column is read from start to end, so a large layer streams through memory in order.
        int eightVectorEnd = rows - (rows % (8 * width));
        for (; row < eightVectorEnd; row += 8 * width)
        {
            ref float b = ref Unsafe.Add(ref biases, row);
            TVector s0 = TSimd.Load(ref b), s1 = TSimd.Load(ref Unsafe.Add(ref b, width));
            TVector s2 = TSimd.Load(ref Unsafe.Add(ref b, 2 * width)), s3 = TSimd.Load(ref Unsafe.Add(ref b, 3 * width));
            TVector s4 = TSimd.Load(ref Unsafe.Add(ref b, 4 * width)), s5 = TSimd.Load(ref Unsafe.Add(ref b, 5 * width));
            TVector s6 = TSimd.Load(ref Unsafe.Add(ref b, 6 * width)), s7 = TSimd.Load(ref Unsafe.Add(ref b, 7 * width));
            ref float column = ref Unsafe.Add(ref weights, row);
            for (int k = 0; k < columns; k++)
            {
                TVector x = TSimd.Broadcast(Unsafe.Add(ref input, k));
                s0 = TSimd.MultiplyAdd(TSimd.Load(ref column), x, s0);
                s1 = TSimd.MultiplyAdd(TSimd.Load(ref Unsafe.Add(ref column, width)), x, s1);
                s2 = TSimd.MultiplyAdd(TSimd.Load(ref Unsafe.Add(ref column, 2 * width)), x, s2);
                s3 = TSimd.MultiplyAdd(TSimd.Load(ref Unsafe.Add(ref column, 3 * width)), x, s3);
                s4 = TSimd.MultiplyAdd(TSimd.Load(ref Unsafe.Add(ref column, 4 * width)), x, s4);
                s5 = TSimd.MultiplyAdd(TSimd.Load(ref Unsafe.Add(ref column, 5 * width)), x, s5);
                s6 = TSimd.MultiplyAdd(TSimd.Load(ref Unsafe.Add(ref column, 6 * width)), x, s6);
                s7 = TSimd.MultiplyAdd(TSimd.Load(ref Unsafe.Add(ref column, 7 * width)), x, s7);
                column = ref Unsafe.Add(ref column, stride);
            }

            ref float a = ref Unsafe.Add(ref output, row);
            TSimd.Store(TSimd.Apply(activation, s0), ref a);
            TSimd.Store(TSimd.Apply(activation, s1), ref Unsafe.Add(ref a, width));
            TSimd.Store(TSimd.Apply(activation, s2), ref Unsafe.Add(ref a, 2 * width));
            TSimd.Store(TSimd.Apply(activation, s3), ref Unsafe.Add(ref a, 3 * width));
            TSimd.Store(TSimd.Apply(activation, s4), ref Unsafe.Add(ref a, 4 * width));
            TSimd.Store(TSimd.Apply(activation, s5), ref Unsafe.Add(ref a, 5 * width));
            TSimd.Store(TSimd.Apply(activation, s6), ref Unsafe.Add(ref a, 6 * width));
            TSimd.Store(TSimd.Apply(activation, s7), ref Unsafe.Add(ref a, 7 * width));
        }

        // Four vectors, with two chains over k (even and odd inputs) to keep eight multiply-adds in flight.
        int fourVectorEnd = rows - (rows % (4 * width));
        for (; row < fourVectorEnd; row += 4 * width)
        {
            ref float b = ref Unsafe.Add(ref biases, row);
            TVector s0 = TSimd.Load(ref b), s1 = TSimd.Load(ref Unsafe.Add(ref b, width));
            TVector s2 = TSimd.Load(ref Unsafe.Add(ref b, 2 * width)), s3 = TSimd.Load(ref Unsafe.Add(ref b, 3 * width));
            TVector t0 = TSimd.Zero, t1 = TSimd.Zero, t2 = TSimd.Zero, t3 = TSimd.Zero;
            ref float column = ref Unsafe.Add(ref weights, row);
            int k = 0;
            for (; k + 1 < columns; k += 2)
            {
                ref float next = ref Unsafe.Add(ref column, stride);
                TVector x = TSimd.Broadcast(Unsafe.Add(ref input, k));
                TVector y = TSimd.Broadcast(Unsafe.Add(ref input, k + 1));
                s0 = TSimd.MultiplyAdd(TSimd.Load(ref column), x, s0);
                s1 = TSimd.MultiplyAdd(TSimd.Load(ref Unsafe.Add(ref column, width)), x, s1);
                s2 = TSimd.MultiplyAdd(TSimd.Load(ref Unsafe.Add(ref column, 2 * width)), x, s2);
                s3 = TSimd.MultiplyAdd(TSimd.Load(ref Unsafe.Add(ref column, 3 * width)), x, s3);
                t0 = TSimd.MultiplyAdd(TSimd.Load(ref next), y, t0);
                t1 = TSimd.MultiplyAdd(TSimd.Load(ref Unsafe.Add(ref next, width)), y, t1);
                t2 = TSimd.MultiplyAdd(TSimd.Load(ref Unsafe.Add(ref next, 2 * width)), y, t2);
                t3 = TSimd.MultiplyAdd(TSimd.Load(ref Unsafe.Add(ref next, 3 * width)), y, t3);
                column = ref Unsafe.Add(ref column, 2 * stride);
            }

            if (k < columns)
            {
                TVector x = TSimd.Broadcast(Unsafe.Add(ref input, k));
                s0 = TSimd.MultiplyAdd(TSimd.Load(ref column), x, s0);
                s1 = TSimd.MultiplyAdd(TSimd.Load(ref Unsafe.Add(ref column, width)), x, s1);
                s2 = TSimd.MultiplyAdd(TSimd.Load(ref Unsafe.Add(ref column, 2 * width)), x, s2);
                s3 = TSimd.MultiplyAdd(TSimd.Load(ref Unsafe.Add(ref column, 3 * width)), x, s3);
            }

            ref float a = ref Unsafe.Add(ref output, row);
            TSimd.Store(TSimd.Apply(activation, TSimd.Add(s0, t0)), ref a);
            TSimd.Store(TSimd.Apply(activation, TSimd.Add(s1, t1)), ref Unsafe.Add(ref a, width));
            TSimd.Store(TSimd.Apply(activation, TSimd.Add(s2, t2)), ref Unsafe.Add(ref a, 2 * width));
            TSimd.Store(TSimd.Apply(activation, TSimd.Add(s3, t3)), ref Unsafe.Add(ref a, 3 * width));
        }

        for (; row < rows; row += width)
        {
            // One vector of units: eight chains over k, so that a narrow layer with many inputs (a 10-unit output
            // over 128 inputs) is not one long chain of dependent multiply-adds.
            TVector s0 = TSimd.Load(ref Unsafe.Add(ref biases, row)), s1 = TSimd.Zero, s2 = TSimd.Zero, s3 = TSimd.Zero;
            TVector s4 = TSimd.Zero, s5 = TSimd.Zero, s6 = TSimd.Zero, s7 = TSimd.Zero;
            ref float column = ref Unsafe.Add(ref weights, row);
            int k = 0;
            for (; k + 7 < columns; k += 8)
            {
                s0 = TSimd.MultiplyAdd(TSimd.Load(ref column), TSimd.Broadcast(Unsafe.Add(ref input, k)), s0);
                s1 = TSimd.MultiplyAdd(TSimd.Load(ref Unsafe.Add(ref column, stride)), TSimd.Broadcast(Unsafe.Add(ref input, k + 1)), s1);
                s2 = TSimd.MultiplyAdd(TSimd.Load(ref Unsafe.Add(ref column, 2 * stride)), TSimd.Broadcast(Unsafe.Add(ref input, k + 2)), s2);
                s3 = TSimd.MultiplyAdd(TSimd.Load(ref Unsafe.Add(ref column, 3 * stride)), TSimd.Broadcast(Unsafe.Add(ref input, k + 3)), s3);
                s4 = TSimd.MultiplyAdd(TSimd.Load(ref Unsafe.Add(ref column, 4 * stride)), TSimd.Broadcast(Unsafe.Add(ref input, k + 4)), s4);
                s5 = TSimd.MultiplyAdd(TSimd.Load(ref Unsafe.Add(ref column, 5 * stride)), TSimd.Broadcast(Unsafe.Add(ref input, k + 5)), s5);
                s6 = TSimd.MultiplyAdd(TSimd.Load(ref Unsafe.Add(ref column, 6 * stride)), TSimd.Broadcast(Unsafe.Add(ref input, k + 6)), s6);
                s7 = TSimd.MultiplyAdd(TSimd.Load(ref Unsafe.Add(ref column, 7 * stride)), TSimd.Broadcast(Unsafe.Add(ref input, k + 7)), s7);
                column = ref Unsafe.Add(ref column, 8 * stride);
            }

            for (; k < columns; k++)
            {
                s0 = TSimd.MultiplyAdd(TSimd.Load(ref column), TSimd.Broadcast(Unsafe.Add(ref input, k)), s0);
                column = ref Unsafe.Add(ref column, stride);
            }

            TVector sums = TSimd.Apply(activation, TSimd.Add(TSimd.Add(TSimd.Add(s0, s1), TSimd.Add(s2, s3)), TSimd.Add(TSimd.Add(s4, s5), TSimd.Add(s6, s7))));
            if (row + width <= rows)
            {
                TSimd.Store(sums, ref Unsafe.Add(ref output, row));
            }
            else
            {
                // The last units fill only part of a vector: its padding lanes stay here.
                Lanes lanes = default;
                TSimd.Store(sums, ref lanes[0]);
                ((ReadOnlySpan<float>)lanes).Slice(0, rows - row).CopyTo(System.Runtime.InteropServices.MemoryMarshal.CreateSpan(ref Unsafe.Add(ref output, row), rows - row));
            }
        }
    }

    /// <summary>One vector of the widest width, for the partial last vector of units.</summary>
    [InlineArray(16)]
    private struct Lanes
    {
        private float _lane;
    }
}
