using System.Runtime.CompilerServices;

namespace StaticNet.Kernels;

/// <summary>
/// C (+)= A·B for row-major B and C and a strided A, as register tiles of rows × 2 vectors: per step of the inner
/// dimension 2 loads of B, one broadcast of A per row and 2 FMAs per row, the accumulators held in registers
/// throughout; 6 rows (12 accumulators, 15 of AVX2's 16 registers) at every width except 512 bits on Zen 4, which
/// keeps 4 rows (<see cref="SixRowTilesAt512Bits"/>), then 4-row and single-row tiles for the rest. A is addressed
/// through (rowStride, columnStride), so δᵀ and row-major operands need no copy.
/// </summary>
internal static class Gemm
{
    /// <summary>
    /// Whether 512-bit vectors take 6-row tiles. A core with two 512-bit FMA pipes of four cycles' latency (Zen 5,
    /// Intel's server cores) needs eight sums in flight, and 4 × 2 tiles have exactly eight: on a Zen 5, 6 × 2 tiles ran
    /// the 784-128-10 ∂W product at 85 % of the peak against 78 % (`BatchProductBenchmarks`). Zen 4 (AMD family 0x19,
    /// the only family of it with AVX-512) splits each 512-bit FMA over both 256-bit pipes, so four sums in flight
    /// suffice there, and 4 × 2 measured 1–15 % faster than 6 × 2. CPUID is read once (<see cref="CpuFamily"/>); the
    /// kernels are compiled fully optimised at their first call, before that field is set, so this is one load and
    /// branch per product, not a constant.
    /// </summary>
    private static bool SixRowTilesAt512Bits => !CpuFamily.IsZen4;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Run<TVector, TSimd>(
        ref float a, nint aRowStride, nint aColumnStride,
        ref float b, nint bRowStride,
        ref float c, nint cRowStride,
        int rows, int columns, int inner, bool accumulate)
        where TVector : struct
        where TSimd : struct, ISimd<TVector>
    {
        int width = TSimd.Count;
        int column = 0;
        for (; column + (2 * width) <= columns; column += 2 * width)
        {
            PairColumns<TVector, TSimd>(ref a, aRowStride, aColumnStride, ref b, bRowStride, ref c, cRowStride, rows, column, inner, accumulate);
        }

        for (; column + width <= columns; column += width)
        {
            SingleColumn<TVector, TSimd>(ref a, aRowStride, aColumnStride, ref b, bRowStride, ref c, cRowStride, rows, column, inner, accumulate);
        }

        // Column tails narrower than a vector run the same tile one float wide (with a deterministic network's rules if
        // those are the vectors' rules: every column then sums in order with fused multiply-adds, whatever the width).
        for (; column < columns; column++)
        {
            if (TSimd.Deterministic)
            {
                SingleColumn<float, Fused<float, SimdScalar>>(ref a, aRowStride, aColumnStride, ref b, bRowStride, ref c, cRowStride, rows, column, inner, accumulate);
            }
            else
            {
                SingleColumn<float, SimdScalar>(ref a, aRowStride, aColumnStride, ref b, bRowStride, ref c, cRowStride, rows, column, inner, accumulate);
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void PairColumns<TVector, TSimd>(
        ref float a, nint aRowStride, nint aColumnStride,
        ref float b, nint bRowStride,
        ref float c, nint cRowStride,
        int rows, nint column, int inner, bool accumulate)
        where TVector : struct
        where TSimd : struct, ISimd<TVector>
    {
        nint width = TSimd.Count;
        int row = 0;

        // 6-row tiles (12 accumulators): two FMA pipes of four cycles' latency need eight sums in flight, and 4 × 2 tiles
        // have exactly eight (the 256-bit ∂W product: 48 % of the peak with 4 × 2, 72-78 % with 6 × 2); 512-bit vectors
        // on Zen 4 keep 4 × 2 (see SixRowTilesAt512Bits). As many 6-row tiles as leave a multiple of 4 rows: single rows
        // have two accumulators and run at a quarter of the speed (128 rows: 20 × 6 + 2 × 4, not 21 × 6 + 2 single
        // rows, which cost 8 %).
        int sixRowTiles = TSimd.Count == 16 && !SixRowTilesAt512Bits ? 0 : rows / 6;
        while (sixRowTiles > 0 && (rows - (6 * sixRowTiles)) % 4 != 0)
        {
            sixRowTiles--;
        }

        int sixRowEnd = 6 * sixRowTiles;
        for (; row < sixRowEnd; row += 6)
        {
            SixRowsPairColumns<TVector, TSimd>(ref a, aRowStride, aColumnStride, ref b, bRowStride, ref c, cRowStride, row, column, inner, accumulate);
        }

        for (; row + 4 <= rows; row += 4)
        {
            TVector c00 = TSimd.Zero, c01 = TSimd.Zero, c10 = TSimd.Zero, c11 = TSimd.Zero;
            TVector c20 = TSimd.Zero, c21 = TSimd.Zero, c30 = TSimd.Zero, c31 = TSimd.Zero;
            ref float a0 = ref Unsafe.Add(ref a, row * aRowStride);
            ref float a1 = ref Unsafe.Add(ref a0, aRowStride);
            ref float a2 = ref Unsafe.Add(ref a1, aRowStride);
            ref float a3 = ref Unsafe.Add(ref a2, aRowStride);
            ref float bColumn = ref Unsafe.Add(ref b, column);
            for (nint p = 0; p < inner; p++)
            {
                ref float bRow = ref Unsafe.Add(ref bColumn, p * bRowStride);
                TVector b0 = TSimd.Load(ref bRow);
                TVector b1 = TSimd.Load(ref Unsafe.Add(ref bRow, width));
                nint offset = p * aColumnStride;
                TVector x = TSimd.Broadcast(Unsafe.Add(ref a0, offset));
                c00 = TSimd.MultiplyAdd(x, b0, c00);
                c01 = TSimd.MultiplyAdd(x, b1, c01);
                x = TSimd.Broadcast(Unsafe.Add(ref a1, offset));
                c10 = TSimd.MultiplyAdd(x, b0, c10);
                c11 = TSimd.MultiplyAdd(x, b1, c11);
                x = TSimd.Broadcast(Unsafe.Add(ref a2, offset));
                c20 = TSimd.MultiplyAdd(x, b0, c20);
                c21 = TSimd.MultiplyAdd(x, b1, c21);
                x = TSimd.Broadcast(Unsafe.Add(ref a3, offset));
                c30 = TSimd.MultiplyAdd(x, b0, c30);
                c31 = TSimd.MultiplyAdd(x, b1, c31);
            }

            ref float cRow = ref Unsafe.Add(ref c, (row * cRowStride) + column);
            WritePair<TVector, TSimd>(c00, c01, ref cRow, width, accumulate);
            cRow = ref Unsafe.Add(ref cRow, cRowStride);
            WritePair<TVector, TSimd>(c10, c11, ref cRow, width, accumulate);
            cRow = ref Unsafe.Add(ref cRow, cRowStride);
            WritePair<TVector, TSimd>(c20, c21, ref cRow, width, accumulate);
            cRow = ref Unsafe.Add(ref cRow, cRowStride);
            WritePair<TVector, TSimd>(c30, c31, ref cRow, width, accumulate);
        }

        for (; row < rows; row++)
        {
            TVector c0 = TSimd.Zero, c1 = TSimd.Zero;
            ref float aRow = ref Unsafe.Add(ref a, row * aRowStride);
            ref float bColumn = ref Unsafe.Add(ref b, column);
            for (nint p = 0; p < inner; p++)
            {
                ref float bRow = ref Unsafe.Add(ref bColumn, p * bRowStride);
                TVector x = TSimd.Broadcast(Unsafe.Add(ref aRow, p * aColumnStride));
                c0 = TSimd.MultiplyAdd(x, TSimd.Load(ref bRow), c0);
                c1 = TSimd.MultiplyAdd(x, TSimd.Load(ref Unsafe.Add(ref bRow, width)), c1);
            }

            WritePair<TVector, TSimd>(c0, c1, ref Unsafe.Add(ref c, (row * cRowStride) + column), width, accumulate);
        }
    }

    // Twelve accumulators: a core with two FMA pipes of four cycles' latency needs eight independent sums in flight to
    // stay busy, and twelve leave slack for the loads (15 of the 16 vector registers of AVX2).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void SixRowsPairColumns<TVector, TSimd>(
        ref float a, nint aRowStride, nint aColumnStride,
        ref float b, nint bRowStride,
        ref float c, nint cRowStride,
        int row, nint column, int inner, bool accumulate)
        where TVector : struct
        where TSimd : struct, ISimd<TVector>
    {
        nint width = TSimd.Count;
        TVector c00 = TSimd.Zero, c01 = TSimd.Zero, c10 = TSimd.Zero, c11 = TSimd.Zero, c20 = TSimd.Zero, c21 = TSimd.Zero;
        TVector c30 = TSimd.Zero, c31 = TSimd.Zero, c40 = TSimd.Zero, c41 = TSimd.Zero, c50 = TSimd.Zero, c51 = TSimd.Zero;
        ref float a0 = ref Unsafe.Add(ref a, row * aRowStride);
        ref float a1 = ref Unsafe.Add(ref a0, aRowStride);
        ref float a2 = ref Unsafe.Add(ref a1, aRowStride);
        ref float a3 = ref Unsafe.Add(ref a2, aRowStride);
        ref float a4 = ref Unsafe.Add(ref a3, aRowStride);
        ref float a5 = ref Unsafe.Add(ref a4, aRowStride);
        ref float bColumn = ref Unsafe.Add(ref b, column);
        for (nint p = 0; p < inner; p++)
        {
            ref float bRow = ref Unsafe.Add(ref bColumn, p * bRowStride);
            TVector b0 = TSimd.Load(ref bRow);
            TVector b1 = TSimd.Load(ref Unsafe.Add(ref bRow, width));
            nint offset = p * aColumnStride;
            TVector x = TSimd.Broadcast(Unsafe.Add(ref a0, offset));
            c00 = TSimd.MultiplyAdd(x, b0, c00);
            c01 = TSimd.MultiplyAdd(x, b1, c01);
            x = TSimd.Broadcast(Unsafe.Add(ref a1, offset));
            c10 = TSimd.MultiplyAdd(x, b0, c10);
            c11 = TSimd.MultiplyAdd(x, b1, c11);
            x = TSimd.Broadcast(Unsafe.Add(ref a2, offset));
            c20 = TSimd.MultiplyAdd(x, b0, c20);
            c21 = TSimd.MultiplyAdd(x, b1, c21);
            x = TSimd.Broadcast(Unsafe.Add(ref a3, offset));
            c30 = TSimd.MultiplyAdd(x, b0, c30);
            c31 = TSimd.MultiplyAdd(x, b1, c31);
            x = TSimd.Broadcast(Unsafe.Add(ref a4, offset));
            c40 = TSimd.MultiplyAdd(x, b0, c40);
            c41 = TSimd.MultiplyAdd(x, b1, c41);
            x = TSimd.Broadcast(Unsafe.Add(ref a5, offset));
            c50 = TSimd.MultiplyAdd(x, b0, c50);
            c51 = TSimd.MultiplyAdd(x, b1, c51);
        }

        ref float cRow = ref Unsafe.Add(ref c, (row * cRowStride) + column);
        WritePair<TVector, TSimd>(c00, c01, ref cRow, width, accumulate);
        cRow = ref Unsafe.Add(ref cRow, cRowStride);
        WritePair<TVector, TSimd>(c10, c11, ref cRow, width, accumulate);
        cRow = ref Unsafe.Add(ref cRow, cRowStride);
        WritePair<TVector, TSimd>(c20, c21, ref cRow, width, accumulate);
        cRow = ref Unsafe.Add(ref cRow, cRowStride);
        WritePair<TVector, TSimd>(c30, c31, ref cRow, width, accumulate);
        cRow = ref Unsafe.Add(ref cRow, cRowStride);
        WritePair<TVector, TSimd>(c40, c41, ref cRow, width, accumulate);
        cRow = ref Unsafe.Add(ref cRow, cRowStride);
        WritePair<TVector, TSimd>(c50, c51, ref cRow, width, accumulate);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void SingleColumn<TVector, TSimd>(
        ref float a, nint aRowStride, nint aColumnStride,
        ref float b, nint bRowStride,
        ref float c, nint cRowStride,
        int rows, nint column, int inner, bool accumulate)
        where TVector : struct
        where TSimd : struct, ISimd<TVector>
    {
        int row = 0;
        for (; row + 4 <= rows; row += 4)
        {
            TVector c0 = TSimd.Zero, c1 = TSimd.Zero, c2 = TSimd.Zero, c3 = TSimd.Zero;
            ref float a0 = ref Unsafe.Add(ref a, row * aRowStride);
            ref float a1 = ref Unsafe.Add(ref a0, aRowStride);
            ref float a2 = ref Unsafe.Add(ref a1, aRowStride);
            ref float a3 = ref Unsafe.Add(ref a2, aRowStride);
            ref float bColumn = ref Unsafe.Add(ref b, column);
            for (nint p = 0; p < inner; p++)
            {
                TVector b0 = TSimd.Load(ref Unsafe.Add(ref bColumn, p * bRowStride));
                nint offset = p * aColumnStride;
                c0 = TSimd.MultiplyAdd(TSimd.Broadcast(Unsafe.Add(ref a0, offset)), b0, c0);
                c1 = TSimd.MultiplyAdd(TSimd.Broadcast(Unsafe.Add(ref a1, offset)), b0, c1);
                c2 = TSimd.MultiplyAdd(TSimd.Broadcast(Unsafe.Add(ref a2, offset)), b0, c2);
                c3 = TSimd.MultiplyAdd(TSimd.Broadcast(Unsafe.Add(ref a3, offset)), b0, c3);
            }

            ref float cRow = ref Unsafe.Add(ref c, (row * cRowStride) + column);
            Write<TVector, TSimd>(c0, ref cRow, accumulate);
            Write<TVector, TSimd>(c1, ref Unsafe.Add(ref cRow, cRowStride), accumulate);
            Write<TVector, TSimd>(c2, ref Unsafe.Add(ref cRow, 2 * cRowStride), accumulate);
            Write<TVector, TSimd>(c3, ref Unsafe.Add(ref cRow, 3 * cRowStride), accumulate);
        }

        for (; row < rows; row++)
        {
            TVector sum = TSimd.Zero;
            ref float aRow = ref Unsafe.Add(ref a, row * aRowStride);
            ref float bColumn = ref Unsafe.Add(ref b, column);
            for (nint p = 0; p < inner; p++)
            {
                sum = TSimd.MultiplyAdd(TSimd.Broadcast(Unsafe.Add(ref aRow, p * aColumnStride)), TSimd.Load(ref Unsafe.Add(ref bColumn, p * bRowStride)), sum);
            }

            Write<TVector, TSimd>(sum, ref Unsafe.Add(ref c, (row * cRowStride) + column), accumulate);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void WritePair<TVector, TSimd>(TVector first, TVector second, ref float destination, nint width, bool accumulate)
        where TVector : struct
        where TSimd : struct, ISimd<TVector>
    {
        Write<TVector, TSimd>(first, ref destination, accumulate);
        Write<TVector, TSimd>(second, ref Unsafe.Add(ref destination, width), accumulate);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Write<TVector, TSimd>(TVector value, ref float destination, bool accumulate)
        where TVector : struct
        where TSimd : struct, ISimd<TVector>
    {
        if (accumulate)
        {
            value = TSimd.Add(TSimd.Load(ref destination), value);
        }

        TSimd.Store(value, ref destination);
    }
}
