using System;
using Microsoft.ML.OnnxRuntime;

namespace StaticNet.Tests;

/// <summary>Runs an ONNX model in ONNX Runtime (one thread, CPU) on a batch of inputs, as a .NET user would.</summary>
internal static class OnnxRuntimeRunner
{
    /// <summary>The outputs [N × outputSize] ONNX Runtime computes for <paramref name="inputs"/> [N × inputSize].</summary>
    public static float[] Run(byte[] model, float[] inputs, int inputSize, int outputSize)
    {
        using var options = new SessionOptions { IntraOpNumThreads = 1, InterOpNumThreads = 1 };
        using var session = new InferenceSession(model, options);
        long batch = inputs.Length / inputSize;
        using OrtValue input = OrtValue.CreateTensorValueFromMemory(inputs, new[] { batch, (long)inputSize });
        using var runOptions = new RunOptions();
        using var results = session.Run(runOptions, new[] { "input" }, new[] { input }, new[] { "output" });
        float[] outputs = results[0].GetTensorDataAsSpan<float>().ToArray();
        if (outputs.Length != batch * outputSize)
        {
            throw new InvalidOperationException($"ONNX Runtime returned {outputs.Length} values for {batch} samples of {outputSize} outputs.");
        }

        return outputs;
    }
}
