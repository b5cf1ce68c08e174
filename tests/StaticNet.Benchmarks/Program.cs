using System;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Running;
using StaticNet.Benchmarks.Throughput;

if (args is [StaticNet.Benchmarks.BusyCore.Argument])
{
    // The process that holds a core for the "core taken" benchmarks (BusyCore).
    StaticNet.Benchmarks.BusyCore.Spin();
    return;
}

// Runs the suite with BenchmarkDotNet's own command line, e.g. `-- --filter '*' --job short` for a quick run.
// Every table gets GFLOP/s and % of this core's FMA peak, and the tables of memory-bound work (BytesRead) their read
// bandwidth against the L2 floor; the clock and peak are measured once, before the benchmarks start.
CorePeak peak = CorePeak.Measure();
Console.WriteLine($"Core peak: {peak.Gflops:F1} GFLOP/s = {peak.GigaHertz:F2} GHz × {peak.FlopsPerCycle} FLOP/cycle ({peak.Basis}).");
IConfig config = DefaultConfig.Instance.AddColumn(
    new ThroughputColumn(peak, asShareOfPeak: false), new ThroughputColumn(peak, asShareOfPeak: true),
    new BandwidthColumn(peak, asShareOfFloor: false), new BandwidthColumn(peak, asShareOfFloor: true));
BenchmarkSwitcher.FromAssembly(typeof(StaticNet.Benchmarks.SmallNetworkBenchmarks).Assembly).Run(args, config);
