using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using Microsoft.ML.OnnxRuntime;
using Xunit;

namespace StaticNet.Tests.Interop;

// The C# half of docs/interop.md's examples: regions "// <docs:NAME>" are the blocks of that page
// (DocumentationExampleTests keeps them equal). They use paths relative to the working directory, as a user's
// program does, so this class runs alone (its collection is not parallel) in a folder of its own.

/// <summary>The interop page's network: PyTorch's Sequential(Linear(4, 8), ReLU, Dropout, Linear(8, 3)) trained with cross-entropy.</summary>
// <docs:irisnet>
[Network(4, 8, 3, Hidden = Activation.ReLU, Output = Activation.Softmax, Loss = Loss.CrossEntropy)]
public partial class IrisNet { }
// </docs:irisnet>

/// <summary>Marks the tests that change the process's working directory, so that xunit runs them with nothing else.</summary>
[CollectionDefinition(nameof(WorkingDirectoryCollection), DisableParallelization = true)]
public sealed class WorkingDirectoryCollection
{
}

/// <summary>
/// Both interop directions with a Dropout model, as docs/interop.md shows them: PyTorch writes JSON and ONNX that
/// load into <see cref="IrisNet"/> and compute PyTorch's outputs; StaticNet writes keys that PyTorch loads with
/// <c>strict=True</c> and computes StaticNet's outputs; ONNX Runtime runs StaticNet's ONNX export.
/// </summary>
[Collection(nameof(WorkingDirectoryCollection))]
public sealed class PyTorchExampleTests : TemporaryDirectory
{
    private const float Tolerance = 1e-5f;

    public PyTorchExampleTests()
        : base("pytorch-examples")
    {
    }

    [Fact]
    public void PyTorchToStaticNet_TheDropoutModelsJsonAndOnnxExportLoad_AndComputePyTorchsOutputs()
    {
        InWorkingDirectory(() =>
        {
            PyTorch.RunScript("pytorch_examples.py", Directory.FullName, "export");

            // <docs:load-from-pytorch>
            var network = new IrisNet();
            WeightsJson.Load(network, "iris.weights.json");   // the Dropout gap (keys 0, 3) is fine
            // </docs:load-from-pytorch>
            (float[][] inputs, float[][] expected) = ReadOutputs();
            AssertOutputs(network, inputs, expected);

            // <docs:load-onnx-from-pytorch>
            var fromOnnx = new IrisNet();
            Onnx.Load(fromOnnx, "iris.onnx");                 // package StaticNet.Onnx
            // </docs:load-onnx-from-pytorch>
            Assert.Equal(network.Parameters.ToArray(), fromOnnx.Parameters.ToArray());
            AssertOutputs(fromOnnx, inputs, expected);
        });
    }

    [Fact]
    public void StaticNetToPyTorch_KeysForTheDropoutModelLoadWithStrictTrue_AndPyTorchComputesStaticNetsOutputs()
    {
        InWorkingDirectory(() =>
        {
            var network = new IrisNet(seed: 3);

            // <docs:save-for-pytorch>
            // The PyTorch model is Sequential(Linear, ReLU, Dropout, Linear): its Linear layers are modules 0 and 3.
            WeightsJson.Save(network, "iris.weights.json", StateDictKeys.Sequential(0, 3));
            SafeTensors.Save(network, "iris.safetensors", keys: StateDictKeys.Sequential(0, 3));
            // </docs:save-for-pytorch>
            PyTorch.RunScript("pytorch_examples.py", Directory.FullName, "import");

            (float[][] inputs, float[][] expected) = ReadOutputs();
            AssertOutputs(network, inputs, expected);
            var reloaded = new IrisNet(seed: 9);
            SafeTensors.Load(reloaded, "iris.safetensors");
            Assert.Equal(network.Parameters.ToArray(), reloaded.Parameters.ToArray());
        });
    }

    [Fact]
    public void StaticNetToOnnxRuntime_TheExportComputesForwardBatchsOutputs()
    {
        InWorkingDirectory(() =>
        {
            var network = new IrisNet(seed: 5);
            const int batch = 3;
            float[] features = [0.5f, -1f, 2f, 0.25f, -0.75f, 0f, 1.5f, -2f, 1f, 1f, -1f, 0.5f];
            float[] expected = new float[batch * IrisNet.OutputSize];
            network.ForwardBatch(features, expected);

            // <docs:onnx-runtime>
            Onnx.Save(network, "iris.onnx");
            using var session = new InferenceSession("iris.onnx");
            using OrtValue input = OrtValue.CreateTensorValueFromMemory(features, new long[] { batch, 4 });
            using var results = session.Run(new RunOptions(), new[] { "input" }, new[] { input }, new[] { "output" });
            ReadOnlySpan<float> probabilities = results[0].GetTensorDataAsSpan<float>();   // [batch, 3], as ForwardBatch computes
            // </docs:onnx-runtime>

            Assert.Equal(expected.Length, probabilities.Length);
            for (int i = 0; i < expected.Length; i++)
            {
                Assert.True(Math.Abs(expected[i] - probabilities[i]) <= Tolerance, $"output {i}: ONNX Runtime {probabilities[i]}, ForwardBatch {expected[i]}");
            }
        });
    }

    private static (float[][] Inputs, float[][] Outputs) ReadOutputs()
    {
        using JsonDocument document = JsonDocument.Parse(File.ReadAllText("pytorch-outputs.json"));
        float[][] Rows(string name) => document.RootElement.GetProperty(name).EnumerateArray()
            .Select(row => row.EnumerateArray().Select(value => value.GetSingle()).ToArray())
            .ToArray();
        return (Rows("inputs"), Rows("outputs"));
    }

    private static void AssertOutputs(IrisNet network, float[][] inputs, float[][] expected)
    {
        Assert.Equal(3, inputs.Length);
        var output = new float[IrisNet.OutputSize];
        for (int s = 0; s < inputs.Length; s++)
        {
            network.Forward(inputs[s], output);
            for (int k = 0; k < output.Length; k++)
            {
                Assert.True(Math.Abs(expected[s][k] - output[k]) <= Tolerance, $"sample {s}, output {k}: StaticNet {output[k]}, PyTorch {expected[s][k]}");
            }
        }
    }

    private void InWorkingDirectory(Action test)
    {
        string previous = Environment.CurrentDirectory;
        Environment.CurrentDirectory = Directory.FullName;
        try
        {
            test();
        }
        finally
        {
            Environment.CurrentDirectory = previous;
        }
    }
}
