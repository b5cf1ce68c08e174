using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;

namespace StaticNet.Benchmarks;

/// <summary>
/// One sample through a frozen network: the static <c>Predict</c> (weights compiled in) against <c>Forward</c> of an
/// instance holding the same trained weights (the Ratio column).
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
[CategoriesColumn]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
public class FrozenBenchmarks
{
    private readonly float[] _output3 = new float[3], _output4 = new float[4], _output16 = new float[16], _output64 = new float[64], _output10 = new float[10];
    private float[] _input4 = null!, _input16 = null!, _input64 = null!, _input784 = null!;
    private FrozenSigmoid453 _sigmoid453 = null!;
    private FrozenTanh444 _tanh444 = null!;
    private FrozenTanh16 _tanh16 = null!;
    private FrozenTanh64 _tanh64 = null!;
    private FrozenMnist784 _mnist784 = null!;

    /// <summary>Instances start from the trained weights; inputs come from the same seeds as SmallNetworkBenchmarks.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _sigmoid453 = new FrozenSigmoid453();
        _tanh444 = new FrozenTanh444();
        _tanh16 = new FrozenTanh16();
        _tanh64 = new FrozenTanh64();
        _mnist784 = new FrozenMnist784();
        _input4 = BenchmarkData.Inputs(1, 4, seed: 2);
        _input16 = BenchmarkData.Inputs(1, 16, seed: 3);
        _input64 = BenchmarkData.Inputs(1, 64, seed: 4);
        _input784 = BenchmarkData.Inputs(1, 784, seed: 5);
    }

    /// <summary>4-5-3, Forward of the trained instance.</summary>
    [Benchmark(Baseline = true), BenchmarkCategory("4-5-3 sigmoid frozen")]
    public float Forward453()
    {
        _sigmoid453.Forward(_input4, _output3);
        return _output3[0];
    }

    /// <summary>4-5-3, Predict.</summary>
    [Benchmark, BenchmarkCategory("4-5-3 sigmoid frozen")]
    public float Predict453()
    {
        FrozenSigmoid453.Predict(_input4, _output3);
        return _output3[0];
    }

    /// <summary>4-4-4, Forward of the trained instance.</summary>
    [Benchmark(Baseline = true), BenchmarkCategory("4-4-4 tanh frozen")]
    public float Forward444()
    {
        _tanh444.Forward(_input4, _output4);
        return _output4[0];
    }

    /// <summary>4-4-4, Predict.</summary>
    [Benchmark, BenchmarkCategory("4-4-4 tanh frozen")]
    public float Predict444()
    {
        FrozenTanh444.Predict(_input4, _output4);
        return _output4[0];
    }

    /// <summary>16-16-16, Forward of the trained instance.</summary>
    [Benchmark(Baseline = true), BenchmarkCategory("16-16-16 tanh frozen")]
    public float Forward16()
    {
        _tanh16.Forward(_input16, _output16);
        return _output16[0];
    }

    /// <summary>16-16-16, Predict.</summary>
    [Benchmark, BenchmarkCategory("16-16-16 tanh frozen")]
    public float Predict16()
    {
        FrozenTanh16.Predict(_input16, _output16);
        return _output16[0];
    }

    /// <summary>64-64-64, Forward of the trained instance.</summary>
    [Benchmark(Baseline = true), BenchmarkCategory("64-64-64 tanh frozen")]
    public float Forward64()
    {
        _tanh64.Forward(_input64, _output64);
        return _output64[0];
    }

    /// <summary>64-64-64, Predict.</summary>
    [Benchmark, BenchmarkCategory("64-64-64 tanh frozen")]
    public float Predict64()
    {
        FrozenTanh64.Predict(_input64, _output64);
        return _output64[0];
    }

    /// <summary>784-128-10, Forward of the trained instance.</summary>
    [Benchmark(Baseline = true), BenchmarkCategory("784-128-10 ReLU/softmax frozen")]
    public float Forward784()
    {
        _mnist784.Forward(_input784, _output10);
        return _output10[0];
    }

    /// <summary>784-128-10, Predict.</summary>
    [Benchmark, BenchmarkCategory("784-128-10 ReLU/softmax frozen")]
    public float Predict784()
    {
        FrozenMnist784.Predict(_input784, _output10);
        return _output10[0];
    }
}
