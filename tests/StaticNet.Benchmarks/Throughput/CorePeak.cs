using System;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace StaticNet.Benchmarks.Throughput;

/// <summary>
/// This core's single-precision FMA peak: the clock measured with a chain of dependent integer additions (one cycle
/// each on every x86-64 and ARM64 core), times the FLOP per cycle of the widest vectors the kernels use.
/// </summary>
internal sealed record CorePeak(double GigaHertz, int FlopsPerCycle, string Basis)
{
    private const int ChainLength = 1 << 28;

    /// <summary>The peak in GFLOP/s.</summary>
    public double Gflops => GigaHertz * FlopsPerCycle;

    /// <summary>
    /// Measures the clock (best of five runs of 2^28 dependent additions) and takes the FLOP per cycle from
    /// <c>STATICNET_FLOPS_PER_CYCLE</c> when set, otherwise assumes two FMA pipes of the widest accelerated vector
    /// below 512 bits: 32 with AVX2 + FMA, 16 with 128-bit FMA, 4 scalar. 512-bit vectors are not counted wider,
    /// because the AMD cores that have them (Zen 4, Zen 5 client) split each 512-bit FMA into two 256-bit halves;
    /// on a core with two full 512-bit FMA units set the variable to 64.
    /// </summary>
    public static CorePeak Measure()
    {
        double bestSeconds = double.MaxValue;
        for (int run = 0; run < 5; run++)
        {
            var watch = Stopwatch.StartNew();
            DependentAdds(ChainLength, Environment.TickCount | 1);
            bestSeconds = Math.Min(bestSeconds, watch.Elapsed.TotalSeconds);
        }

        double gigaHertz = ChainLength / bestSeconds / 1e9;
        if (int.TryParse(Environment.GetEnvironmentVariable("STATICNET_FLOPS_PER_CYCLE"), out int configured) && configured > 0)
        {
            return new CorePeak(gigaHertz, configured, "STATICNET_FLOPS_PER_CYCLE");
        }

        return Fma.IsSupported && Vector256.IsHardwareAccelerated ? new CorePeak(gigaHertz, 32, "2 FMA × 8 lanes × 2")
            : (Fma.IsSupported || System.Runtime.Intrinsics.Arm.AdvSimd.IsSupported) && Vector128.IsHardwareAccelerated ? new CorePeak(gigaHertz, 16, "2 FMA × 4 lanes × 2")
            : new CorePeak(gigaHertz, 4, "2 scalar FMA × 2");
    }

    // Sixteen additions per iteration, each waiting for the last: the loop's own increment and branch run beside
    // them, so the time is the chain's length in cycles. The addend is not a constant, so nothing folds.
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static long DependentAdds(int count, long addend)
    {
        long x = 0;
        for (int i = 0; i < count; i += 16)
        {
            x += addend; x += addend; x += addend; x += addend; x += addend; x += addend; x += addend; x += addend;
            x += addend; x += addend; x += addend; x += addend; x += addend; x += addend; x += addend; x += addend;
        }

        return x;
    }
}
