using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;

namespace StaticNet.Benchmarks;

/// <summary>
/// One sample through the generated network and through the same network exported to ONNX and run by ONNX Runtime
/// (see <see cref="OnnxRuntimeSession"/>): the speed-up a user gains by compiling an ONNX MLP with StaticNet.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
[CategoriesColumn]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
public class OnnxRuntimeBenchmarks
{
    private readonly float[] _output3 = new float[3], _output64 = new float[64], _output10 = new float[10];
    private float[] _input4 = null!, _input64 = null!, _input784 = null!;

    /// <summary>4-5-3 sigmoid, generated.</summary>
    public Sigmoid453 Sigmoid453 { get; private set; } = null!;

    /// <summary>64-64-64 tanh, generated.</summary>
    public Tanh64 Tanh64 { get; private set; } = null!;

    /// <summary>784-128-10 ReLU/softmax, generated.</summary>
    public Mnist784 Mnist784 { get; private set; } = null!;

    /// <summary>4-5-3 in ONNX Runtime.</summary>
    public OnnxRuntimeSession Sigmoid453Ort { get; private set; } = null!;

    /// <summary>64-64-64 in ONNX Runtime.</summary>
    public OnnxRuntimeSession Tanh64Ort { get; private set; } = null!;

    /// <summary>784-128-10 in ONNX Runtime.</summary>
    public OnnxRuntimeSession Mnist784Ort { get; private set; } = null!;

    /// <summary>Builds every network from seed 1, exports it, and fills both implementations' inputs with the same sample.</summary>
    [GlobalSetup]
    public void Setup()
    {
        Sigmoid453 = new Sigmoid453(1);
        Tanh64 = new Tanh64(1);
        Mnist784 = new Mnist784(1);
        Sigmoid453Ort = new OnnxRuntimeSession(Sigmoid453);
        Tanh64Ort = new OnnxRuntimeSession(Tanh64);
        Mnist784Ort = new OnnxRuntimeSession(Mnist784);
        _input4 = BenchmarkData.Inputs(1, 4, seed: 2);
        _input64 = BenchmarkData.Inputs(1, 64, seed: 4);
        _input784 = BenchmarkData.Inputs(1, 784, seed: 5);
        _input4.CopyTo(Sigmoid453Ort.Input, 0);
        _input64.CopyTo(Tanh64Ort.Input, 0);
        _input784.CopyTo(Mnist784Ort.Input, 0);
    }

    /// <summary>Releases the ONNX Runtime sessions.</summary>
    [GlobalCleanup]
    public void Cleanup()
    {
        Sigmoid453Ort.Dispose();
        Tanh64Ort.Dispose();
        Mnist784Ort.Dispose();
    }

    /// <summary>4-5-3, generated.</summary>
    [Benchmark(Baseline = true), BenchmarkCategory("4-5-3 sigmoid forward")]
    public float Forward453_StaticNet()
    {
        Sigmoid453.Forward(_input4, _output3);
        return _output3[0];
    }

    /// <summary>4-5-3, ONNX Runtime.</summary>
    [Benchmark, BenchmarkCategory("4-5-3 sigmoid forward")]
    public float Forward453_OnnxRuntime()
    {
        Sigmoid453Ort.Run();
        return Sigmoid453Ort.Output[0];
    }

    /// <summary>64-64-64, generated.</summary>
    [Benchmark(Baseline = true), BenchmarkCategory("64-64-64 tanh forward")]
    public float Forward64_StaticNet()
    {
        Tanh64.Forward(_input64, _output64);
        return _output64[0];
    }

    /// <summary>64-64-64, ONNX Runtime.</summary>
    [Benchmark, BenchmarkCategory("64-64-64 tanh forward")]
    public float Forward64_OnnxRuntime()
    {
        Tanh64Ort.Run();
        return Tanh64Ort.Output[0];
    }

    /// <summary>784-128-10, generated.</summary>
    [Benchmark(Baseline = true), BenchmarkCategory("784-128-10 inference")]
    public float Forward784_StaticNet()
    {
        Mnist784.Forward(_input784, _output10);
        return _output10[0];
    }

    /// <summary>784-128-10, ONNX Runtime.</summary>
    [Benchmark, BenchmarkCategory("784-128-10 inference")]
    public float Forward784_OnnxRuntime()
    {
        Mnist784Ort.Run();
        return Mnist784Ort.Output[0];
    }
}
