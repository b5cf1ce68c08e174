using System;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using StaticNet.Benchmarks.Baselines;

namespace StaticNet.Benchmarks;

/// <summary>The 784-128-10 Fashion-MNIST classifier: one-sample inference (T5) and mini-batch SGD (T4).</summary>
[MemoryDiagnoser]
[MedianColumn]
[CategoriesColumn]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
public class MnistBenchmarks
{
    private const int Samples = 256;
    private readonly float[] _output = new float[Mnist784.OutputSize];
    private float[] _inputs = null!, _targets = null!;

    /// <summary>The samples per training step; each operation trains one batch.</summary>
    [Params(32, 64, 256)]
    public int BatchSize { get; set; }

    /// <summary>The network three ways.</summary>
    public Implementations<Mnist784> Mnist { get; private set; } = null!;

    /// <summary>Builds the network from seed 1 and 256 fixed samples.</summary>
    [GlobalSetup]
    public void Setup()
    {
        Mnist = new(new Mnist784(1), new[] { 784, 128, 10 }, new[] { Activation.ReLU, Activation.Softmax }, Loss.CrossEntropy);
        _inputs = BenchmarkData.Inputs(Samples, Mnist784.InputSize, seed: 5);
        _targets = BenchmarkData.OneHot(Samples, Mnist784.OutputSize, seed: 6);
    }

    /// <summary>T5, generated.</summary>
    [Benchmark, BenchmarkCategory("784-128-10 inference")]
    public float Inference_StaticNet()
    {
        Mnist.Generated.Forward(Input, _output);
        return _output[0];
    }

    /// <summary>T5, baseline (a).</summary>
    [Benchmark(Baseline = true), BenchmarkCategory("784-128-10 inference")]
    public float Inference_Loops()
    {
        Mnist.Loop.Forward(Input, _output);
        return _output[0];
    }

    /// <summary>T5, baseline (b).</summary>
    [Benchmark, BenchmarkCategory("784-128-10 inference")]
    public float Inference_TensorPrimitives()
    {
        Mnist.Tensor.Forward(Input, _output);
        return _output[0];
    }

    /// <summary>T4, generated: BackwardBatch and one SGD step.</summary>
    [Benchmark, BenchmarkCategory("784-128-10 SGD batch")]
    public float TrainBatch_StaticNet() => Mnist.TrainBatch(Inputs, Targets);

    /// <summary>T4, baseline (a): per-sample backward summed over the batch, then one step.</summary>
    [Benchmark(Baseline = true), BenchmarkCategory("784-128-10 SGD batch")]
    public float TrainBatch_Loops() => Mnist.Loop.TrainBatch(Inputs, Targets, BatchSize, Implementations<Mnist784>.LearningRate);

    /// <summary>T4, baseline (b).</summary>
    [Benchmark, BenchmarkCategory("784-128-10 SGD batch")]
    public float TrainBatch_TensorPrimitives() => Mnist.Tensor.TrainBatch(Inputs, Targets, BatchSize, Implementations<Mnist784>.LearningRate);

    private ReadOnlySpan<float> Input => _inputs.AsSpan(0, Mnist784.InputSize);

    private ReadOnlySpan<float> Inputs => _inputs.AsSpan(0, BatchSize * Mnist784.InputSize);

    private System.ReadOnlySpan<float> Targets => _targets.AsSpan(0, BatchSize * Mnist784.OutputSize);
}
