using BenchmarkDotNet.Running;
using StaticNet.Benchmarks;
using StaticNet.Benchmarks.TorchSharp;

if (args is [BusyCore.Argument])
{
    // The process that holds a core for the "core taken" cases (BusyCore).
    BusyCore.Spin();
    return 0;
}

if (args is [AgreementCheck.Argument])
{
    // run.sh runs this before every benchmark run: the figures mean nothing if the two sides train differently.
    return AgreementCheck.Run();
}

// BenchmarkDotNet's own command line, e.g. `--filter '*' --job short`.
BenchmarkSwitcher.FromAssembly(typeof(TorchSharpTrainingBenchmarks).Assembly).Run(args);
return 0;
