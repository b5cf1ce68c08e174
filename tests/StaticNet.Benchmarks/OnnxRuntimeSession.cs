using System;
using System.IO;
using Microsoft.ML.OnnxRuntime;

namespace StaticNet.Benchmarks;

/// <summary>
/// A network exported with <see cref="Onnx.Save(INetwork, Stream)"/> and loaded into ONNX Runtime, called the fastest
/// way its C# API allows: one intra-op thread, sequential execution, the input and output (one row per sample) bound
/// once with IOBinding to OrtValues over pinned arrays, so a call copies and allocates nothing on the managed side.
/// </summary>
public sealed class OnnxRuntimeSession : IDisposable
{
    private readonly SessionOptions _options;
    private readonly InferenceSession _session;
    private readonly RunOptions _runOptions = new();
    private readonly OrtValue _inputValue, _outputValue;
    private readonly OrtIoBinding _binding;

    /// <summary>Exports <paramref name="network"/> and binds <paramref name="batchSize"/> input rows and output rows.</summary>
    public OnnxRuntimeSession(INetwork network, int batchSize = 1)
    {
        using var model = new MemoryStream();
        Onnx.Save(network, model);
        _options = new SessionOptions
        {
            IntraOpNumThreads = 1,
            InterOpNumThreads = 1,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
        };
        _session = new InferenceSession(model.ToArray(), _options);
        Input = new float[batchSize * network.InputSize];
        Output = new float[batchSize * network.OutputSize];
        _inputValue = OrtValue.CreateTensorValueFromMemory(Input, new long[] { batchSize, network.InputSize });
        _outputValue = OrtValue.CreateTensorValueFromMemory(Output, new long[] { batchSize, network.OutputSize });
        _binding = _session.CreateIoBinding();
        _binding.BindInput("input", _inputValue);
        _binding.BindOutput("output", _outputValue);
    }

    /// <summary>The bound input rows, row-major: write the samples here before <see cref="Run"/>.</summary>
    public float[] Input { get; }

    /// <summary>The bound output rows, filled by <see cref="Run"/>.</summary>
    public float[] Output { get; }

    /// <summary>Runs the model on <see cref="Input"/> into <see cref="Output"/>.</summary>
    public void Run() => _session.RunWithBinding(_runOptions, _binding);

    /// <summary>Releases the native session and values.</summary>
    public void Dispose()
    {
        _binding.Dispose();
        _inputValue.Dispose();
        _outputValue.Dispose();
        _runOptions.Dispose();
        _session.Dispose();
        _options.Dispose();
    }
}
