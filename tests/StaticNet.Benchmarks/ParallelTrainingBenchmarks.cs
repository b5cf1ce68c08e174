using System;
using BenchmarkDotNet.Attributes;

namespace StaticNet.Benchmarks;

/// <summary>
/// 784-128-10 mini-batch SGD on one and two threads: the network's own BackwardBatch (baseline), and
/// ParallelBackward with one thread (the cost of its parts and ordered sum: issue 21 asks ≤ 5 % at batch 64) and with
/// two (≥ 1.5× the baseline at batch 64, ≥ 1.7× at 256 with both cores free). With <see cref="CoreTaken"/>, another
/// process spins on one core throughout (see <see cref="BusyCore"/>): the figures of a shared machine whose second
/// core has gone.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
public class ParallelTrainingBenchmarks
{
    private float[] _inputs = null!, _targets = null!, _gradient = null!;
    private Mnist784 _network = null!;
    private Sgd _optimizer = null!;
    private ParallelBackward _oneThread = null!, _twoThreads = null!;

    /// <summary>The samples per training step; each operation trains one batch.</summary>
    [Params(64, 256)]
    public int BatchSize { get; set; }

    /// <summary>Whether another process spins on one core during the measurement.</summary>
    [Params(false, true)]
    public bool CoreTaken { get; set; }

    private BusyCore? _busy;

    /// <summary>Builds the network from seed 1 and one batch of fixed samples.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _network = new Mnist784(1);
        _optimizer = new Sgd(Implementations<Mnist784>.LearningRate);
        _gradient = new float[Mnist784.ParameterCount];
        _inputs = BenchmarkData.Inputs(BatchSize, Mnist784.InputSize, seed: 5);
        _targets = BenchmarkData.OneHot(BatchSize, Mnist784.OutputSize, seed: 6);
        _oneThread = new ParallelBackward(_network, 1);
        _twoThreads = new ParallelBackward(_network, 2);
        _busy = CoreTaken ? BusyCore.Start() : null;
    }

    /// <summary>Ends the helper threads.</summary>
    [GlobalCleanup]
    public void Cleanup()
    {
        _oneThread.Dispose();
        _twoThreads.Dispose();
        _busy?.Dispose();
    }

    /// <summary>BackwardBatch and one SGD step, one thread.</summary>
    [Benchmark(Baseline = true)]
    public float BackwardBatch() => Step(_network.BackwardBatch(_inputs, _targets, _gradient));

    /// <summary>ParallelBackward limited to one thread: parts and ordered sum, no parallelism.</summary>
    [Benchmark]
    public float ParallelBackward_1Thread() => Step(_oneThread.BackwardBatch(_inputs, _targets, _gradient));

    /// <summary>ParallelBackward on two threads: the same bits as one.</summary>
    [Benchmark]
    public float ParallelBackward_2Threads() => Step(_twoThreads.BackwardBatch(_inputs, _targets, _gradient));

    private float Step(float loss)
    {
        _optimizer.Step(_network.Parameters, _gradient);
        Array.Clear(_gradient);
        return loss;
    }
}
