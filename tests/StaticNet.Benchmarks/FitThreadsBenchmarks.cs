using System;
using BenchmarkDotNet.Attributes;

namespace StaticNet.Benchmarks;

/// <summary>
/// <see cref="Trainer.Fit"/> with its default threads (every core, adapting the degree: see
/// <see cref="TrainerOptions.AdaptDegreeOfParallelism"/>) against <c>MaxDegreeOfParallelism = 1</c> (the baseline):
/// three epochs of 784-128-10 SGD, batch 64, over 8,192 fixed samples (384 batches, so the first probe is a small
/// share of the run, as in real training). Issue 21 asks ≥ 1.4× with both cores free and ≥ 0.95× with
/// <see cref="CoreTaken"/>: another process spinning on one core throughout (see <see cref="BusyCore"/>). Both runs
/// start from the same parameters and end with the same bits.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
public class FitThreadsBenchmarks
{
    private const int BatchSize = 64;

    private Mnist784 _network = null!;
    private Dataset _train = null!;
    private Trainer _oneThread = null!, _default = null!;
    private float[] _initial = null!;
    private BusyCore? _busy;

    /// <summary>Samples in the training set.</summary>
    [Params(8192)]
    public int Samples { get; set; } = 8192;

    /// <summary>Whether another process spins on one core during the measurement.</summary>
    [Params(false, true)]
    public bool CoreTaken { get; set; }

    /// <summary>The network after the last Fit.</summary>
    public Mnist784 Network => _network;

    /// <summary>Builds the network from seed 1, the data and both trainers; starts the spinning process if asked.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _network = new Mnist784(1);
        _initial = _network.Parameters.ToArray();
        _train = new Dataset(
            BenchmarkData.Inputs(Samples, Mnist784.InputSize, seed: 5), Mnist784.InputSize,
            BenchmarkData.OneHot(Samples, Mnist784.OutputSize, seed: 6), Mnist784.OutputSize);
        _oneThread = Trainer(new TrainerOptions { Epochs = 3, BatchSize = BatchSize, Seed = 7, MaxDegreeOfParallelism = 1 });
        _default = Trainer(new TrainerOptions { Epochs = 3, BatchSize = BatchSize, Seed = 7 });
        _busy = CoreTaken ? BusyCore.Start() : null;
    }

    /// <summary>Ends the spinning process.</summary>
    [GlobalCleanup]
    public void Cleanup() => _busy?.Dispose();

    /// <summary>Fit on one thread; returns the last epoch's loss.</summary>
    [Benchmark(Baseline = true)]
    public float OneThread() => Fit(_oneThread);

    /// <summary>Fit with the default options: every core, the degree adapted while it trains.</summary>
    [Benchmark]
    public float DefaultThreads() => Fit(_default);

    private Trainer Trainer(TrainerOptions options) => new(_network, new Sgd(Implementations<Mnist784>.LearningRate), options);

    private float Fit(Trainer trainer)
    {
        _initial.CopyTo(_network.Parameters);
        return trainer.Fit(_train).History[^1].TrainLoss;
    }
}
