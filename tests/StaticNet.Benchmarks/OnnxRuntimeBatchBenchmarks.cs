using System;
using BenchmarkDotNet.Attributes;

namespace StaticNet.Benchmarks;

/// <summary>
/// A batch of 784-128-10 inputs through the generated <c>ForwardBatch</c> and through the same network exported to
/// ONNX and run by ONNX Runtime on one thread: the case where ONNX Runtime's MLAS kernels are at their best.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
public class OnnxRuntimeBatchBenchmarks
{
    private float[] _inputs = null!, _outputs = null!;

    /// <summary>The samples per call.</summary>
    [Params(64, 256)]
    public int BatchSize { get; set; }

    /// <summary>784-128-10 ReLU/softmax, generated.</summary>
    public Mnist784 Network { get; private set; } = null!;

    /// <summary>The same network in ONNX Runtime, bound to <see cref="BatchSize"/> rows.</summary>
    public OnnxRuntimeSession Session { get; private set; } = null!;

    /// <summary>The outputs of the last <see cref="ForwardBatch_StaticNet"/> call.</summary>
    public ReadOnlySpan<float> Outputs => _outputs;

    /// <summary>Builds the network from seed 1, exports it, and gives both the same batch.</summary>
    [GlobalSetup]
    public void Setup()
    {
        Network = new Mnist784(1);
        Session = new OnnxRuntimeSession(Network, BatchSize);
        _inputs = BenchmarkData.Inputs(BatchSize, Mnist784.InputSize, seed: 5);
        _outputs = new float[BatchSize * Mnist784.OutputSize];
        _inputs.CopyTo(Session.Input, 0);
    }

    /// <summary>Releases the ONNX Runtime session.</summary>
    [GlobalCleanup]
    public void Cleanup() => Session.Dispose();

    /// <summary>784-128-10 ForwardBatch, generated.</summary>
    [Benchmark(Baseline = true), BenchmarkCategory("784-128-10 batch inference")]
    public float ForwardBatch_StaticNet()
    {
        Network.ForwardBatch(_inputs, _outputs);
        return _outputs[0];
    }

    /// <summary>784-128-10 on the batch, ONNX Runtime.</summary>
    [Benchmark, BenchmarkCategory("784-128-10 batch inference")]
    public float ForwardBatch_OnnxRuntime()
    {
        Session.Run();
        return Session.Output[0];
    }
}
