using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using StaticNet.Tests.Networks;
using Xunit;

namespace StaticNet.Tests;

/// <summary>
/// GELU, SiLU, ELU and Softplus against PyTorch 1.13 (Fixtures/make_activation_fixtures.py): the same 8-20-6-2
/// network's outputs for a batch and the gradient of one training step's loss, the frozen network compiled from the
/// same weights, and the ONNX model torch.onnx exported at opset 13 read back and run in ONNX Runtime.
/// </summary>
public sealed class SmoothActivationPyTorchTests
{
    public static TheoryData<string> Names() => new() { "gelu", "silu", "elu", "softplus" };

    [Theory]
    [MemberData(nameof(Names))]
    public void ForwardAndOneStepsGradient_MatchPyTorch(string name)
    {
        Fixture fixture = Fixture.Load(name);
        IBatchNetwork network = Trainable(name);
        network.SetParameters(fixture.Parameters);

        var outputs = new float[fixture.Outputs.Length];
        network.ForwardBatch(fixture.Inputs, outputs);
        AssertClose(fixture.Outputs, outputs, 1e-5f, name + " ForwardBatch");
        var output = new float[network.OutputSize];
        for (int n = 0; n < fixture.Batch; n++)
        {
            network.Forward(fixture.Inputs.AsSpan(n * network.InputSize, network.InputSize), output);
            AssertClose(fixture.Outputs.AsSpan(n * network.OutputSize, network.OutputSize).ToArray(), output, 1e-5f, name + " Forward");
        }

        var gradient = new float[network.ParameterCount];
        float loss = network.BackwardBatch(fixture.Inputs, fixture.Targets, gradient);
        Assert.True(Math.Abs(loss - fixture.Loss) <= 2e-4f * Math.Max(1f, fixture.Loss), $"{name}: loss {loss:R}, PyTorch {fixture.Loss:R}");
        AssertClose(fixture.Gradient, PyTorchOrder.Of(network, gradient), 2e-4f, name + " BackwardBatch gradient");
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void FrozenPredict_MatchesPyTorch(string name)
    {
        Fixture fixture = Fixture.Load(name);
        Action<float[], float[]> predict = name switch
        {
            "gelu" => (x, y) => FrozenGeluNet.Predict(x, y),
            "silu" => (x, y) => FrozenSiluNet.Predict(x, y),
            "elu" => (x, y) => FrozenEluNet.Predict(x, y),
            _ => (x, y) => FrozenSoftplusNet.Predict(x, y),
        };

        const int inputs = 8, outputs = 2;
        for (int n = 0; n < fixture.Batch; n++)
        {
            var output = new float[outputs];
            predict(fixture.Inputs.AsSpan(n * inputs, inputs).ToArray(), output);
            AssertClose(fixture.Outputs.AsSpan(n * outputs, outputs).ToArray(), output, 1e-5f, name + " Predict");
        }
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void TorchOnnxExport_LoadsTheSameParameters_AndOnnxRuntimeAgrees(string name)
    {
        Fixture fixture = Fixture.Load(name);
        IBatchNetwork network = Trainable(name);
        string path = PyTorchFixtures.PathOf($"activation_{name}.onnx");
        Onnx.Load(network, path);
        Assert.Equal(fixture.Parameters, PyTorchOrder.ParametersOf(network));

        float[] onnxRuntime = OnnxRuntimeRunner.Run(File.ReadAllBytes(path), fixture.Inputs, network.InputSize, network.OutputSize);
        var outputs = new float[onnxRuntime.Length];
        network.ForwardBatch(fixture.Inputs, outputs);
        AssertClose(onnxRuntime, outputs, 1e-5f, name + " against ONNX Runtime");
    }

    private static IBatchNetwork Trainable(string name) => name switch
    {
        "gelu" => new GeluFixtureNet(seed: 1),
        "silu" => new SiluFixtureNet(seed: 1),
        "elu" => new EluFixtureNet(seed: 1),
        _ => new SoftplusFixtureNet(seed: 1),
    };

    private static void AssertClose(float[] expected, float[] actual, float tolerance, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.True(
                Math.Abs(actual[i] - expected[i]) <= tolerance * Math.Max(1f, Math.Abs(expected[i])),
                $"{what}[{i}]: StaticNet {actual[i]:R}, expected {expected[i]:R}");
        }
    }

    private sealed record Fixture(float[] Parameters, float[] Inputs, float[] Targets, float[] Outputs, float Loss, float[] Gradient, int Batch)
    {
        public static Fixture Load(string name)
        {
            using JsonDocument document = JsonDocument.Parse(File.ReadAllText(PyTorchFixtures.PathOf($"activation_{name}.json")));
            JsonElement root = document.RootElement;
            float[] Flat(string property) => root.GetProperty(property).EnumerateArray()
                .SelectMany(row => row.ValueKind == JsonValueKind.Array ? row.EnumerateArray().Select(v => v.GetSingle()) : new[] { row.GetSingle() })
                .ToArray();
            return new Fixture(
                Flat("parameters"), Flat("inputs"), Flat("targets"), Flat("outputs"), root.GetProperty("loss").GetSingle(), Flat("gradient"),
                root.GetProperty("inputs").GetArrayLength());
        }
    }
}
