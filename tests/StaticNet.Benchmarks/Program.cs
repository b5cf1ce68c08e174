using BenchmarkDotNet.Running;

// Runs the suite with BenchmarkDotNet's own command line, e.g. `-- --filter '*' --job short` for a quick run.
BenchmarkSwitcher.FromAssembly(typeof(StaticNet.Benchmarks.SmallNetworkBenchmarks).Assembly).Run(args);
