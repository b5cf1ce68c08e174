using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace StaticNet.Kernels;

/// <summary>
/// The vector builds' half of <see cref="SoftmaxRows"/>: the softmax of every row of a batch whose rows fit in two
/// vectors of the width <see cref="SimdWidth"/> chooses (up to 32 classes with AVX-512, 16 with AVX2): each row is
/// loaded whole, its lanes past the row masked, and max, e^(z − max), the sum and the scaling all stay in registers.
/// A classifier's output layer is this narrow, and a library call per step of each row (max, subtract, exp, sum,
/// scale over ten floats) costs several times the arithmetic.
/// </summary>
/// <remarks>
/// A row is read as whole vectors that may reach into the rows after it, and its result is written as whole vectors
/// into a staging buffer on the stack, each row's over the lanes past the one before; each chunk of rows is then
/// copied back at once. Writing the results in place would make every row's load wait on the previous row's store
/// of the same cache bytes, and the rows could no longer overlap in the core. The last rows, whose vectors would pass
/// the end of the batch, are read from a copy padded with zeros. e^x is the kernels' own
/// (<see cref="ActivationFunctions.Exp{TSimd, TVector}"/>). A row holding NaN becomes NaN throughout, as the
/// one-sample softmax does.
/// </remarks>
internal static unsafe partial class SoftmaxRows
{
    /// <summary>Computes the rows in registers when they are at most two vectors wide, and says whether it did.</summary>
    static partial void RunInRegisters(Span<float> values, int width, ref bool done)
    {
        if (width > 2 * (SimdWidth.Bits / 32))
        {
            return;
        }

        fixed (float* start = &MemoryMarshal.GetReference(values))
        {
            var pass = new RowsPass(start, values.Length, width);
            SimdWidth.Dispatch(ref pass);
        }

        done = true;
    }

    /// <summary>Lane numbers 0, 1, 2, …, compared with the row width to mask the lanes past a row.</summary>
    private static ReadOnlySpan<float> LaneIndices =>
    [
        0f, 1f, 2f, 3f, 4f, 5f, 6f, 7f, 8f, 9f, 10f, 11f, 12f, 13f, 14f, 15f,
        16f, 17f, 18f, 19f, 20f, 21f, 22f, 23f, 24f, 25f, 26f, 27f, 28f, 29f, 30f, 31f,
    ];

    private readonly struct RowsPass(float* values, int length, int width) : IWidthKernel
    {
        /// <summary>Rows computed before their results are copied back: enough for the core to overlap several.</summary>
        private const int ChunkRows = 16;

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public void Run<TVector, TSimd>()
            where TVector : struct
            where TSimd : struct, ISimd<TVector>
        {
            int count = TSimd.Count;
            ref float indices = ref MemoryMarshal.GetReference(LaneIndices);
            TVector inRow0 = TSimd.Load(ref indices), inRow1 = TSimd.Load(ref Unsafe.Add(ref indices, count));
            TVector limit = TSimd.Broadcast(width);
            bool twoVectors = width > count;
            int reach = twoVectors ? 2 * count : count;

            // The rows whose whole vectors stay inside the batch, and a zero-padded copy of the rest.
            int rows = length / width;
            int insideRows = length >= reach ? ((length - reach) / width) + 1 : 0;
            Span<float> tail = stackalloc float[3 * 32];
            tail.Clear();
            new ReadOnlySpan<float>(values + (insideRows * width), length - (insideRows * width)).CopyTo(tail);

            Span<float> staging = stackalloc float[(ChunkRows * 32) + 32];
            ref float results = ref MemoryMarshal.GetReference(staging);
            for (int chunkStart = 0; chunkStart < rows; chunkStart += ChunkRows)
            {
                int chunkRows = Math.Min(ChunkRows, rows - chunkStart);
                for (int r = 0; r < chunkRows; r++)
                {
                    int row = chunkStart + r;
                    ref float source = ref row < insideRows ? ref values[row * width] : ref tail[(row - insideRows) * width];
                    Row<TVector, TSimd>(ref source, ref Unsafe.Add(ref results, r * width), twoVectors, limit, inRow0, inRow1);
                }

                staging.Slice(0, chunkRows * width).CopyTo(new Span<float>(values + (chunkStart * width), chunkRows * width));
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Row<TVector, TSimd>(ref float source, ref float result, bool twoVectors, TVector limit, TVector inRow0, TVector inRow1)
        where TVector : struct
        where TSimd : struct, ISimd<TVector>
    {
        int count = TSimd.Count;
        TVector minusInfinity = TSimd.Broadcast(float.NegativeInfinity);

        // The lanes past the row are −∞: they do not change the maximum, and e^x makes them 0.
        TVector z0 = TSimd.SelectWhereGreater(limit, inRow0, TSimd.Load(ref source), minusInfinity);
        TVector z1 = twoVectors ? TSimd.SelectWhereGreater(limit, inRow1, TSimd.Load(ref Unsafe.Add(ref source, count)), minusInfinity) : minusInfinity;
        TVector shift = TSimd.Broadcast(TSimd.MaxAcross(TSimd.MaxNative(z0, z1)));

        // Every lane NaN when the row holds one (e^x alone would clamp a NaN to a number).
        TVector nanMask = TSimd.AnyNaN(z0) || TSimd.AnyNaN(z1) ? TSimd.Broadcast(float.NaN) : TSimd.Zero;
        TVector e0 = TSimd.Add(Exponential<TVector, TSimd>(TSimd.Subtract(z0, shift)), nanMask);
        TVector e1 = twoVectors ? TSimd.Add(Exponential<TVector, TSimd>(TSimd.Subtract(z1, shift)), nanMask) : TSimd.Zero;
        TVector inverse = TSimd.Broadcast(1f / TSimd.Sum(TSimd.Add(e0, e1)));
        TSimd.Store(TSimd.Multiply(e0, inverse), ref result);
        if (twoVectors)
        {
            TSimd.Store(TSimd.Multiply(e1, inverse), ref Unsafe.Add(ref result, count));
        }
    }

    // e^x, and exactly 0 where e^x is below float's normal range (the kernels' e^x stops at the smallest normal
    // float there), as an improbable class's probability should be. The lanes past the row are −∞ here, so they are 0.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TVector Exponential<TVector, TSimd>(TVector x)
        where TVector : struct
        where TSimd : struct, ISimd<TVector> =>
        TSimd.SelectWhereGreater(x, TSimd.Broadcast(FunctionConstants.ExpLowerBound), ActivationFunctions.Exp<TSimd, TVector>(x), TSimd.Zero);
}
