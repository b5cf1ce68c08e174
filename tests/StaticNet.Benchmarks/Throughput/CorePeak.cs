using System;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace StaticNet.Benchmarks.Throughput;

/// <summary>
/// This core's single-precision FMA peak, measured: the clock from a chain of dependent integer additions (one cycle
/// each on every x86-64 and ARM64 core), and the FLOP per cycle from a loop of independent fused multiply-adds at the
/// widest vector width the hardware accelerates, rounded to the nearest power of two (the only rates FMA pipes have).
/// </summary>
/// <remarks>
/// Measuring the rate rather than deriving it from the instruction set matters on AMD: Zen 4 splits each 512-bit FMA
/// into two 256-bit halves (32 FLOP/cycle, as AVX2), while Zen 5 server cores run two full 512-bit FMAs per cycle
/// (64 FLOP/cycle), and the CPUID flags of the two are the same.
/// </remarks>
internal sealed record CorePeak(double GigaHertz, int FlopsPerCycle, string Basis)
{
    private const int ChainLength = 1 << 28;
    private const int FmaIterations = 1 << 22;

    /// <summary>The peak in GFLOP/s.</summary>
    public double Gflops => GigaHertz * FlopsPerCycle;

    /// <summary>
    /// Measures the clock and the FMA rate (best of five runs each). <c>STATICNET_FLOPS_PER_CYCLE</c>, when set,
    /// replaces the measured rate (for a machine whose rate is known and whose measurement is disturbed).
    /// </summary>
    public static CorePeak Measure()
    {
        double gigaHertz = ChainLength / BestSeconds(() => DependentAdds(ChainLength, Environment.TickCount | 1)) / 1e9;
        if (int.TryParse(Environment.GetEnvironmentVariable("STATICNET_FLOPS_PER_CYCLE"), out int configured) && configured > 0)
        {
            return new CorePeak(gigaHertz, configured, "STATICNET_FLOPS_PER_CYCLE");
        }

        (int lanes, Func<float, float> fmaLoop) = Vector512.IsHardwareAccelerated ? (16, IndependentFmas<Vector512<float>, Lanes512>)
            : Vector256.IsHardwareAccelerated ? (8, IndependentFmas<Vector256<float>, Lanes256>)
            : Vector128.IsHardwareAccelerated ? (4, IndependentFmas<Vector128<float>, Lanes128>)
            : (1, (Func<float, float>)IndependentScalarFmas);
        float seed = Environment.TickCount % 7 * 1e-9f;
        double flops = (double)FmaIterations * Accumulators * lanes * 2;
        double measured = flops / BestSeconds(() => fmaLoop(seed)) / (gigaHertz * 1e9);
        int rounded = 1 << (int)Math.Round(Math.Log2(Math.Max(measured, 1)));
        return new CorePeak(gigaHertz, rounded, $"measured {measured:F1} FLOP/cycle at {lanes * 32} bits");
    }

    private static double BestSeconds(Action run)
    {
        double best = double.MaxValue;
        for (int attempt = 0; attempt < 5; attempt++)
        {
            var watch = Stopwatch.StartNew();
            run();
            best = Math.Min(best, watch.Elapsed.TotalSeconds);
        }

        return best;
    }

    private static double BestSeconds(Func<float, float> run) => BestSeconds(() => { run(1e-9f); });

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

    // Twelve independent chains: an FMA's result is ready after about four cycles, so two pipes need eight chains in
    // flight to stay busy; twelve leave room for cores with longer latency or more pipes.
    private const int Accumulators = 12;

    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static float IndependentFmas<TVector, TLanes>(float seed)
        where TVector : struct
        where TLanes : ILanes<TVector>
    {
        TVector m = TLanes.Create(1f - seed), a = TLanes.Create(seed);
        TVector s0 = TLanes.Create(0f), s1 = TLanes.Add(s0, a), s2 = TLanes.Add(s1, a), s3 = TLanes.Add(s2, a);
        TVector s4 = TLanes.Add(s3, a), s5 = TLanes.Add(s4, a), s6 = TLanes.Add(s5, a), s7 = TLanes.Add(s6, a);
        TVector s8 = TLanes.Add(s7, a), s9 = TLanes.Add(s8, a), s10 = TLanes.Add(s9, a), s11 = TLanes.Add(s10, a);
        for (int i = 0; i < FmaIterations; i++)
        {
            s0 = TLanes.FusedMultiplyAdd(s0, m, a); s1 = TLanes.FusedMultiplyAdd(s1, m, a);
            s2 = TLanes.FusedMultiplyAdd(s2, m, a); s3 = TLanes.FusedMultiplyAdd(s3, m, a);
            s4 = TLanes.FusedMultiplyAdd(s4, m, a); s5 = TLanes.FusedMultiplyAdd(s5, m, a);
            s6 = TLanes.FusedMultiplyAdd(s6, m, a); s7 = TLanes.FusedMultiplyAdd(s7, m, a);
            s8 = TLanes.FusedMultiplyAdd(s8, m, a); s9 = TLanes.FusedMultiplyAdd(s9, m, a);
            s10 = TLanes.FusedMultiplyAdd(s10, m, a); s11 = TLanes.FusedMultiplyAdd(s11, m, a);
        }

        // One sum of every chain, so none of them is dead code.
        TVector total = TLanes.Add(TLanes.Add(TLanes.Add(s0, s1), TLanes.Add(s2, s3)), TLanes.Add(TLanes.Add(s4, s5), TLanes.Add(s6, s7)));
        return TLanes.Sum(TLanes.Add(total, TLanes.Add(TLanes.Add(s8, s9), TLanes.Add(s10, s11))));
    }

    /// <summary>The four operations the FMA loop needs, at one vector width.</summary>
    private interface ILanes<TVector>
    {
        static abstract TVector Create(float value);

        static abstract TVector Add(TVector left, TVector right);

        static abstract TVector FusedMultiplyAdd(TVector left, TVector right, TVector addend);

        static abstract float Sum(TVector value);
    }

    private readonly struct Lanes512 : ILanes<Vector512<float>>
    {
        public static Vector512<float> Create(float value) => Vector512.Create(value);

        public static Vector512<float> Add(Vector512<float> left, Vector512<float> right) => left + right;

        public static Vector512<float> FusedMultiplyAdd(Vector512<float> left, Vector512<float> right, Vector512<float> addend) => Vector512.FusedMultiplyAdd(left, right, addend);

        public static float Sum(Vector512<float> value) => Vector512.Sum(value);
    }

    private readonly struct Lanes256 : ILanes<Vector256<float>>
    {
        public static Vector256<float> Create(float value) => Vector256.Create(value);

        public static Vector256<float> Add(Vector256<float> left, Vector256<float> right) => left + right;

        public static Vector256<float> FusedMultiplyAdd(Vector256<float> left, Vector256<float> right, Vector256<float> addend) => Vector256.FusedMultiplyAdd(left, right, addend);

        public static float Sum(Vector256<float> value) => Vector256.Sum(value);
    }

    private readonly struct Lanes128 : ILanes<Vector128<float>>
    {
        public static Vector128<float> Create(float value) => Vector128.Create(value);

        public static Vector128<float> Add(Vector128<float> left, Vector128<float> right) => left + right;

        public static Vector128<float> FusedMultiplyAdd(Vector128<float> left, Vector128<float> right, Vector128<float> addend) => Vector128.FusedMultiplyAdd(left, right, addend);

        public static float Sum(Vector128<float> value) => Vector128.Sum(value);
    }

    // Without vectors the kernels multiply and add in two instructions (no FMA is emitted for scalar code), so the
    // scalar peak is that of separate multiplies and adds.
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static float IndependentScalarFmas(float seed)
    {
        float m = 1f - seed, a = seed;
        float s0 = 0f, s1 = a, s2 = 2 * a, s3 = 3 * a, s4 = 4 * a, s5 = 5 * a, s6 = 6 * a, s7 = 7 * a, s8 = 8 * a, s9 = 9 * a, s10 = 10 * a, s11 = 11 * a;
        for (int i = 0; i < FmaIterations; i++)
        {
            s0 = (s0 * m) + a; s1 = (s1 * m) + a;
            s2 = (s2 * m) + a; s3 = (s3 * m) + a;
            s4 = (s4 * m) + a; s5 = (s5 * m) + a;
            s6 = (s6 * m) + a; s7 = (s7 * m) + a;
            s8 = (s8 * m) + a; s9 = (s9 * m) + a;
            s10 = (s10 * m) + a; s11 = (s11 * m) + a;
        }

        return s0 + s1 + s2 + s3 + s4 + s5 + s6 + s7 + s8 + s9 + s10 + s11;
    }
}
