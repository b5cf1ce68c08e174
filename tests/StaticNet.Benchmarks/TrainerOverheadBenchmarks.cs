using System;
using System.Collections.Generic;
using BenchmarkDotNet.Attributes;

namespace StaticNet.Benchmarks;

/// <summary>
/// What <see cref="Trainer.Fit"/> costs over the bare loop it runs: one epoch of 784-128-10 with SGD or Adam, batch
/// 64, over 4,096 fixed samples (which stay in the L3 cache) or 60,000 (Fashion-MNIST's training set: 188 MB, gathered
/// from memory), through <c>Fit</c> (shuffled, guarded, the optimizer stepped range by range on every core) and as raw
/// <see cref="ParallelBackward"/> + <see cref="IOptimizer.Step"/> calls (with the gradient cleared, the step whole on
/// the calling thread) on the same batches, in the same order, on the same number of threads (pinned:
/// FitThreadsBenchmarks measures the adaptive default). Both
/// start every call from the same parameters and end with the same bits (BenchmarkSmokeTests checks it), so the
/// ratio of their times is the Trainer's overhead alone.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
public class TrainerOverheadBenchmarks
{
    /// <summary>Samples per gradient step.</summary>
    public const int BatchSize = 64;

    private const int Seed = 7;

    private Mnist784 _network = null!;
    private Dataset _train = null!;
    private IOptimizer _optimizer = null!;
    private Trainer _trainer = null!;
    private ParallelBackward _backward = null!;
    private float[] _initial = null!, _gradient = null!, _shuffledInputs = null!, _shuffledTargets = null!;

    /// <summary>The thread counts compared: one, and the Trainer's default (every core).</summary>
    public static IEnumerable<int> ThreadCounts => Environment.ProcessorCount > 1 ? new[] { 1, Environment.ProcessorCount } : new[] { 1 };

    /// <summary><see cref="TrainerOptions.MaxDegreeOfParallelism"/>, and the threads of the raw loop.</summary>
    [ParamsSource(nameof(ThreadCounts))]
    public int Threads { get; set; } = 1;

    /// <summary>The optimizer: plain SGD, or Adam, whose moments both runs start afresh (Reset, which frees them).</summary>
    [Params("sgd", "adam")]
    public string Optimizer { get; set; } = "sgd";

    /// <summary>Samples in the training set.</summary>
    [Params(4096, 60000)]
    public int Samples { get; set; } = 4096;

    /// <summary>The network after <see cref="Fit"/> or <see cref="RawLoop"/>, to compare the two.</summary>
    public Mnist784 Network => _network;

    /// <summary>Builds the network from seed 1, the data, and the epoch's shuffled copy for the raw loop.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _network = new Mnist784(1);
        _initial = _network.Parameters.ToArray();
        _optimizer = Optimizer == "adam" ? new Adam() : new Sgd(Implementations<Mnist784>.LearningRate);
        _train = new Dataset(
            BenchmarkData.Inputs(Samples, Mnist784.InputSize, seed: 5), Mnist784.InputSize,
            BenchmarkData.OneHot(Samples, Mnist784.OutputSize, seed: 6), Mnist784.OutputSize);
        _trainer = new Trainer(_network, _optimizer, new TrainerOptions { Epochs = 1, BatchSize = BatchSize, Seed = Seed, MaxDegreeOfParallelism = Threads, AdaptDegreeOfParallelism = false });

        // The first epoch's order, shuffled as the Trainer shuffles it, laid out contiguously: the raw loop's batches
        // are the Trainer's, with no gathering.
        var order = new int[Samples];
        for (int i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }

        new DeterministicRandom(Seed).Shuffle(order);
        Dataset shuffled = _train.Subset(order);
        _shuffledInputs = shuffled.Features;
        _shuffledTargets = shuffled.Targets;
        _gradient = new float[Mnist784.ParameterCount];
        _backward = new ParallelBackward(_network, Threads);
    }

    /// <summary>Ends the raw loop's helper threads.</summary>
    [GlobalCleanup]
    public void Cleanup() => _backward.Dispose();

    /// <summary>One epoch through <see cref="Trainer.Fit"/>, no progress listener; returns the epoch's mean loss.</summary>
    [Benchmark]
    public float Fit()
    {
        _initial.CopyTo(_network.Parameters);
        _optimizer.Reset();
        return _trainer.Fit(_train).History[0].TrainLoss;
    }

    /// <summary>The same steps as raw calls: clear the gradient, ParallelBackward, a whole Step; returns the mean loss.</summary>
    [Benchmark(Baseline = true)]
    public float RawLoop()
    {
        _initial.CopyTo(_network.Parameters);
        _optimizer.Reset();
        double lossSum = 0;
        int inputSize = Mnist784.InputSize, outputSize = Mnist784.OutputSize;
        for (int start = 0; start < Samples; start += BatchSize)
        {
            int n = Math.Min(BatchSize, Samples - start);
            Array.Clear(_gradient);
            float loss = _backward.BackwardBatch(
                _shuffledInputs.AsMemory(start * inputSize, n * inputSize),
                _shuffledTargets.AsMemory(start * outputSize, n * outputSize),
                _gradient);
            _optimizer.Step(_network.Parameters, _gradient);
            lossSum += (double)loss * n;
        }

        return (float)(lossSum / Samples);
    }
}
