using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using StaticNet.Benchmarks.Baselines;

namespace StaticNet.Benchmarks;

/// <summary>
/// One sample through small networks (targets T1–T3): each category compares the generated network with the
/// plain-loop baseline (the Ratio column) and the TensorPrimitives baseline.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
[CategoriesColumn]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
public class SmallNetworkBenchmarks
{
    private readonly float[] _output3 = new float[3], _output4 = new float[4], _output16 = new float[16], _output64 = new float[64];
    private float[] _input4 = null!, _input16 = null!, _input64 = null!, _target3 = null!;

    /// <summary>4-5-3 sigmoid, MSE.</summary>
    public Implementations<Sigmoid453> Sigmoid453 { get; private set; } = null!;

    /// <summary>4-4-4 tanh.</summary>
    public Implementations<Tanh444> Tanh444 { get; private set; } = null!;

    /// <summary>16-16-16 tanh.</summary>
    public Implementations<Tanh16> Tanh16 { get; private set; } = null!;

    /// <summary>64-64-64 tanh.</summary>
    public Implementations<Tanh64> Tanh64 { get; private set; } = null!;

    /// <summary>Builds every network from seed 1 and the inputs from fixed seeds.</summary>
    [GlobalSetup]
    public void Setup()
    {
        Activation[] sigmoid = { Activation.Sigmoid, Activation.Sigmoid }, tanh = { Activation.Tanh, Activation.Tanh };
        Sigmoid453 = new(new Sigmoid453(1), new[] { 4, 5, 3 }, sigmoid, Loss.MeanSquaredError);
        Tanh444 = new(new Tanh444(1), new[] { 4, 4, 4 }, tanh, Loss.MeanSquaredError);
        Tanh16 = new(new Tanh16(1), new[] { 16, 16, 16 }, tanh, Loss.MeanSquaredError);
        Tanh64 = new(new Tanh64(1), new[] { 64, 64, 64 }, tanh, Loss.MeanSquaredError);
        _input4 = BenchmarkData.Inputs(1, 4, seed: 2);
        _input16 = BenchmarkData.Inputs(1, 16, seed: 3);
        _input64 = BenchmarkData.Inputs(1, 64, seed: 4);
        _target3 = new[] { 0.2f, 0.7f, 0.1f };
    }

    /// <summary>T1, generated.</summary>
    [Benchmark, BenchmarkCategory("4-5-3 sigmoid forward")]
    public float Forward453_StaticNet()
    {
        Sigmoid453.Generated.Forward(_input4, _output3);
        return _output3[0];
    }

    /// <summary>T1, baseline (a).</summary>
    [Benchmark(Baseline = true), BenchmarkCategory("4-5-3 sigmoid forward")]
    public float Forward453_Loops()
    {
        Sigmoid453.Loop.Forward(_input4, _output3);
        return _output3[0];
    }

    /// <summary>T1, baseline (b).</summary>
    [Benchmark, BenchmarkCategory("4-5-3 sigmoid forward")]
    public float Forward453_TensorPrimitives()
    {
        Sigmoid453.Tensor.Forward(_input4, _output3);
        return _output3[0];
    }

    /// <summary>T2, generated: Backward and an SGD step.</summary>
    [Benchmark, BenchmarkCategory("4-5-3 sigmoid+MSE train step")]
    public float TrainStep453_StaticNet() => Sigmoid453.TrainStep(_input4, _target3);

    /// <summary>T2, baseline (a).</summary>
    [Benchmark(Baseline = true), BenchmarkCategory("4-5-3 sigmoid+MSE train step")]
    public float TrainStep453_Loops() => Sigmoid453.Loop.TrainStep(_input4, _target3, Implementations<Sigmoid453>.LearningRate);

    /// <summary>T2, baseline (b).</summary>
    [Benchmark, BenchmarkCategory("4-5-3 sigmoid+MSE train step")]
    public float TrainStep453_TensorPrimitives() => Sigmoid453.Tensor.TrainStep(_input4, _target3, Implementations<Sigmoid453>.LearningRate);

    /// <summary>4-4-4 tanh, generated.</summary>
    [Benchmark, BenchmarkCategory("4-4-4 tanh forward")]
    public float Forward444_StaticNet()
    {
        Tanh444.Generated.Forward(_input4, _output4);
        return _output4[0];
    }

    /// <summary>4-4-4 tanh, baseline (a).</summary>
    [Benchmark(Baseline = true), BenchmarkCategory("4-4-4 tanh forward")]
    public float Forward444_Loops()
    {
        Tanh444.Loop.Forward(_input4, _output4);
        return _output4[0];
    }

    /// <summary>4-4-4 tanh, baseline (b).</summary>
    [Benchmark, BenchmarkCategory("4-4-4 tanh forward")]
    public float Forward444_TensorPrimitives()
    {
        Tanh444.Tensor.Forward(_input4, _output4);
        return _output4[0];
    }

    /// <summary>16-16-16 tanh, generated.</summary>
    [Benchmark, BenchmarkCategory("16-16-16 tanh forward")]
    public float Forward16_StaticNet()
    {
        Tanh16.Generated.Forward(_input16, _output16);
        return _output16[0];
    }

    /// <summary>16-16-16 tanh, baseline (a).</summary>
    [Benchmark(Baseline = true), BenchmarkCategory("16-16-16 tanh forward")]
    public float Forward16_Loops()
    {
        Tanh16.Loop.Forward(_input16, _output16);
        return _output16[0];
    }

    /// <summary>16-16-16 tanh, baseline (b).</summary>
    [Benchmark, BenchmarkCategory("16-16-16 tanh forward")]
    public float Forward16_TensorPrimitives()
    {
        Tanh16.Tensor.Forward(_input16, _output16);
        return _output16[0];
    }

    /// <summary>T3, generated.</summary>
    [Benchmark, BenchmarkCategory("64-64-64 tanh forward")]
    public float Forward64_StaticNet()
    {
        Tanh64.Generated.Forward(_input64, _output64);
        return _output64[0];
    }

    /// <summary>T3, baseline (a).</summary>
    [Benchmark(Baseline = true), BenchmarkCategory("64-64-64 tanh forward")]
    public float Forward64_Loops()
    {
        Tanh64.Loop.Forward(_input64, _output64);
        return _output64[0];
    }

    /// <summary>T3, baseline (b).</summary>
    [Benchmark, BenchmarkCategory("64-64-64 tanh forward")]
    public float Forward64_TensorPrimitives()
    {
        Tanh64.Tensor.Forward(_input64, _output64);
        return _output64[0];
    }

}
