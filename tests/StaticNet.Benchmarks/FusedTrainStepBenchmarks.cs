using System;
using BenchmarkDotNet.Attributes;

namespace StaticNet.Benchmarks;

/// <summary>4-5-3 sigmoid+MSE, one sample: the fused TrainStep against Backward into a cleared gradient and Sgd.Step.</summary>
[MemoryDiagnoser]
[MedianColumn]
public class FusedTrainStepBenchmarks
{
    private readonly float[] _gradient = new float[Sigmoid453.ParameterCount];
    private readonly float[] _target = { 0.2f, 0.7f, 0.1f };
    private float[] _input = null!;
    private Sigmoid453 _fused = null!, _separate = null!;
    private Sgd _optimizer = null!;

    /// <summary>Builds both networks from seed 1.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _fused = new Sigmoid453(1);
        _separate = new Sigmoid453(1);
        _optimizer = new Sgd(Implementations<Sigmoid453>.LearningRate);
        _input = BenchmarkData.Inputs(1, Sigmoid453.InputSize, seed: 2);
    }

    /// <summary>Backward, then the optimizer's step over the gradient buffer.</summary>
    [Benchmark(Baseline = true)]
    public float BackwardThenSgd()
    {
        Array.Clear(_gradient);
        float loss = _separate.Backward(_input, _target, _gradient);
        _optimizer.Step(_separate.Parameters, _gradient);
        return loss;
    }

    /// <summary>The fused step: no gradient buffer.</summary>
    [Benchmark]
    public float TrainStep() => _fused.TrainStep(_input, _target, Implementations<Sigmoid453>.LearningRate);
}
