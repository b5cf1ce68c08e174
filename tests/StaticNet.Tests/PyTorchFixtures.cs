using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using StaticNet.Tests.Networks;

namespace StaticNet.Tests;

/// <summary>The files Fixtures/make_fixtures.py wrote with PyTorch 1.13, and what PyTorch computed for them.</summary>
internal static class PyTorchFixtures
{
    /// <summary>The fixture names: one model per state-dict naming style.</summary>
    public static readonly string[] Names = { "dropouts", "named", "wrapped" };

    /// <summary>The path of a fixture file, e.g. <c>named.onnx</c>.</summary>
    public static string PathOf(string file) => Path.Combine(AppContext.BaseDirectory, "Fixtures", file);

    /// <summary>A fresh network of the fixture's architecture, with parameters from an unrelated seed.</summary>
    public static IBatchNetwork Network(string name) => name switch
    {
        "dropouts" => new DropoutsNet(seed: 99),
        "named" => new NamedNet(seed: 99),
        "wrapped" => new WrappedNet(seed: 99),
        _ => throw new ArgumentException(name, nameof(name)),
    };

    /// <summary>The fixed inputs (one row per sample) and PyTorch's outputs for them.</summary>
    public static (float[][] Inputs, float[][] Outputs) Expected(string name)
    {
        using JsonDocument document = JsonDocument.Parse(File.ReadAllText(PathOf(name + ".expected.json")));
        return (Rows(document.RootElement.GetProperty("inputs")), Rows(document.RootElement.GetProperty("outputs")));
    }

    /// <summary>Asserts that <paramref name="network"/> computes PyTorch's outputs for the fixture's inputs to 1e-5.</summary>
    public static void AssertMatchesPyTorch(string name, INetwork network)
    {
        (float[][] inputs, float[][] outputs) = Expected(name);
        var output = new float[network.OutputSize];
        for (int i = 0; i < inputs.Length; i++)
        {
            network.Forward(inputs[i], output);
            for (int j = 0; j < output.Length; j++)
            {
                Xunit.Assert.True(
                    Math.Abs(output[j] - outputs[i][j]) <= 1e-5,
                    $"{name}: sample {i}, output {j}: StaticNet {output[j]:R}, PyTorch {outputs[i][j]:R}");
            }
        }
    }

    private static float[][] Rows(JsonElement rows) =>
        rows.EnumerateArray().Select(row => row.EnumerateArray().Select(value => value.GetSingle()).ToArray()).ToArray();
}
