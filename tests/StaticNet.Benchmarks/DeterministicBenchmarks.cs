using System;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;

namespace StaticNet.Benchmarks;

/// <summary>4-5-3 sigmoid, deterministic (the same network as <see cref="Sigmoid453"/>).</summary>
[Network(4, 5, 3, Deterministic = true)]
public partial class DeterministicSigmoid453
{
}

/// <summary>784-128-10 ReLU/softmax/cross-entropy, deterministic (the same network as <see cref="Mnist784"/>).</summary>
[Network(784, 128, 10, Hidden = Activation.ReLU, Output = Activation.Softmax, Loss = Loss.CrossEntropy, Deterministic = true)]
public partial class DeterministicMnist784
{
}

/// <summary>
/// What Deterministic = true costs (docs/performance.md): the 4-5-3 Forward and the 784-128-10 SGD step at batch 64,
/// each beside the same network with the default kernels, from the same weights and samples. Run it at each width
/// with the runtime's knobs (DOTNET_EnableAVX512=0, DOTNET_EnableHWIntrinsic=0).
/// </summary>
[MemoryDiagnoser]
[CategoriesColumn]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
public class DeterministicBenchmarks
{
    private const int BatchSize = 64;
    private readonly Sigmoid453 _small = new(1);
    private readonly DeterministicSigmoid453 _smallDeterministic = new(1);
    private readonly Mnist784 _mnist = new(1);
    private readonly DeterministicMnist784 _mnistDeterministic = new(1);
    private readonly float[] _output = new float[3];
    private readonly Sgd _sgd = new(0.01f), _sgdDeterministic = new(0.01f);
    private float[] _input = null!, _inputs = null!, _targets = null!, _gradient = null!;

    /// <summary>Fixed samples; both 784-128-10 networks keep their weights from seed 1 (a step of 0.01 changes little).</summary>
    [GlobalSetup]
    public void Setup()
    {
        _input = BenchmarkData.Inputs(1, 4, seed: 2);
        _inputs = BenchmarkData.Inputs(BatchSize, 784, seed: 5);
        _targets = BenchmarkData.OneHot(BatchSize, 10, seed: 6);
        _gradient = new float[Mnist784.ParameterCount];
    }

    /// <summary>4-5-3 Forward, default.</summary>
    [Benchmark(Baseline = true), BenchmarkCategory("4-5-3 sigmoid forward")]
    public float Forward453_Default()
    {
        _small.Forward(_input, _output);
        return _output[0];
    }

    /// <summary>4-5-3 Forward, deterministic.</summary>
    [Benchmark, BenchmarkCategory("4-5-3 sigmoid forward")]
    public float Forward453_Deterministic()
    {
        _smallDeterministic.Forward(_input, _output);
        return _output[0];
    }

    /// <summary>784-128-10 BackwardBatch and one SGD step, batch 64, default.</summary>
    [Benchmark(Baseline = true), BenchmarkCategory("784-128-10 SGD step, batch 64")]
    public float TrainBatch_Default()
    {
        Array.Clear(_gradient);
        float loss = _mnist.BackwardBatch(_inputs, _targets, _gradient);
        _sgd.Step(_mnist.Parameters, _gradient);
        return loss;
    }

    /// <summary>784-128-10 BackwardBatch and one SGD step, batch 64, deterministic.</summary>
    [Benchmark, BenchmarkCategory("784-128-10 SGD step, batch 64")]
    public float TrainBatch_Deterministic()
    {
        Array.Clear(_gradient);
        float loss = _mnistDeterministic.BackwardBatch(_inputs, _targets, _gradient);
        _sgdDeterministic.Step(_mnistDeterministic.Parameters, _gradient);
        return loss;
    }
}
