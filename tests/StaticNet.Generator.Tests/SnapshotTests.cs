using System;
using System.Linq;
using Xunit;

namespace StaticNet.Generator.Tests;

/// <summary>
/// The whole generated file for representative networks, compared with reviewed snapshots in Snapshots/. Each test
/// also compiles the output: a snapshot of code that does not compile, or compiles with warnings, is no use.
/// </summary>
public sealed class SnapshotTests
{
    [Fact]
    public void Defaults_SigmoidLayersAndMeanSquaredError()
    {
        GeneratorRun run = GenerateCleanly(Sources.Defaults, "Demo.DefaultNet.g.cs");
        Snapshot.Verify(run);
    }

    [Fact]
    public void DeepReLUSoftmaxCrossEntropy_UsesLoopsForBigLayers()
    {
        GeneratorRun run = GenerateCleanly(Sources.DeepReLUSoftmax, "Demo.MnistNet.g.cs");
        Snapshot.Verify(run);
    }

    [Fact]
    public void NestedInNamespaceAndPartialClasses_ReopensEveryContainingType()
    {
        GeneratorRun run = GenerateCleanly(Sources.NestedInPartialTypes, "Game.Bots.Outer+Inner+Brain.g.cs");
        Snapshot.Verify(run);
    }

    [Fact]
    public void PerLayerActivations_WithCustomLeakySlope()
    {
        GeneratorRun run = GenerateCleanly(Sources.PerLayerActivations, "Demo.MixedNet.g.cs");
        Snapshot.Verify(run);
    }

    [Fact]
    public void SmoothActivations_GELUSiLUELUSoftplus_InRegistersStraightLineAndKernels()
    {
        GeneratorRun run = GenerateCleanly(Sources.SmoothActivations, "Demo.SmoothNet.g.cs");
        Snapshot.Verify(run);
    }

    [Fact]
    public void Dropout_PerHiddenLayer_InRegistersKernelsAndBatches()
    {
        GeneratorRun run = GenerateCleanly(Sources.Dropout, "Demo.DropoutNet.g.cs");
        Snapshot.Verify(run);
    }

    [Fact]
    public void ClassInGlobalNamespace_BinaryCrossEntropy()
    {
        GeneratorRun run = GenerateCleanly(Sources.ClassInGlobalNamespace, "XorNet.g.cs");
        Snapshot.Verify(run);
    }

    [Fact]
    public void ValidNetworkNextToInvalidOne_SnapshotsTheSourceAndTheDiagnostic()
    {
        // Exercises the diagnostics half of the snapshot: one file for the valid network, one for the invalid one's
        // shell, a .txt for the error.
        GeneratorRun run = GeneratorHarness.Run("""
            using StaticNet;

            namespace Demo;

            [Network(2, 1)]
            public partial class Good
            {
            }

            [Network(2, 1, Loss = Loss.CrossEntropy)]
            public partial class Bad
            {
            }
            """);

        Assert.Equal(new[] { "Demo.Bad.g.cs", "Demo.Good.g.cs" }, run.HintNames.OrderBy(name => name, System.StringComparer.Ordinal));
        Assert.Empty(run.CompilationErrors);
        Snapshot.Verify(run);
    }

    [Fact]
    public void StaticNetwork_GetsAShellOfConstantsOnly()
    {
        // The other kind of shell (the full one is in ValidNetworkNextToInvalidOne): a static class takes constants only.
        GeneratorRun run = GeneratorHarness.Run("""
            using StaticNet;

            namespace Demo;

            [Network(4, 5, 3)]
            public static partial class Fixed
            {
            }
            """);

        Assert.Equal(new[] { "Demo.Fixed.g.cs" }, run.HintNames);
        Assert.Empty(run.CompilationErrors);
        Snapshot.Verify(run);
    }

    [Fact]
    public void FrozenNetwork_BakesTheWeightsAndAddsPredict()
    {
        GeneratorRun run = FrozenHarness.Run(
            "using StaticNet;\n\nnamespace Demo;\n\n[Network(2, 2, 1, Hidden = Activation.Tanh, Weights = \"Models/xor.weights.json\")]\npublic partial class XorNet { }\n",
            ("Models/xor.weights.json", "{\"0.weight\": [[1.5, -2.0], [0.1, 3.0]], \"0.bias\": [0.5, -1.0], \"2.weight\": [[2.0, -1.5]], \"2.bias\": [0.125]}"));
        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Equal(new[] { "Demo.XorNet.g.cs" }, run.HintNames);
        Assert.True(!run.CompilationErrors.Any(), GeneratorRun.Describe(run.CompilationErrors));
        Assert.True(!run.GeneratedCodeDiagnostics.Any(), GeneratorRun.Describe(run.GeneratedCodeDiagnostics));
        Snapshot.Verify(run);
    }

    [Fact]
    public void FrozenNetwork_ComputesWideLayersByColumnsAndSplitsTheConstantColumnChains()
    {
        // 8-16-16 tanh/softmax: both layers are SIMD-kernel layers of 16 units, which Predict computes by columns (the
        // softmax after the kernel); 4-5-3 is written with constant columns, its multiply-adds in two chains.
        string wide = Weights(16, 8, 0.25f, 16, 16, 0.125f);
        string small = Weights(5, 4, 0.5f, 3, 5, 0.25f);
        GeneratorRun run = FrozenHarness.Run(
            "using StaticNet;\n\nnamespace Demo;\n\n" +
            "[Network(8, 16, 16, Hidden = Activation.Tanh, Output = Activation.Softmax, Loss = Loss.CrossEntropy, Weights = \"Models/wide.weights.json\")]\npublic partial class WideNet { }\n\n" +
            "[Network(4, 5, 3, Weights = \"Models/small.weights.json\")]\npublic partial class SmallNet { }\n",
            ("Models/wide.weights.json", wide),
            ("Models/small.weights.json", small));
        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Equal(new[] { "Demo.SmallNet.g.cs", "Demo.WideNet.g.cs" }, run.HintNames.OrderBy(name => name, StringComparer.Ordinal));
        Assert.True(!run.CompilationErrors.Any(), GeneratorRun.Describe(run.CompilationErrors));
        Assert.True(!run.GeneratedCodeDiagnostics.Any(), GeneratorRun.Describe(run.GeneratedCodeDiagnostics));
        Snapshot.Verify(run);

        // Two layers of weights with few digits: W[l][j,k] = scale · ((j + 2k) mod 7 − 3) / 4, b[l][j] = (j mod 3 − 1) / 8.
        static string Weights(int rows1, int columns1, float scale1, int rows2, int columns2, float scale2) =>
            "{\"0.weight\": " + Matrix(rows1, columns1, scale1) + ", \"0.bias\": " + Biases(rows1) +
            ", \"2.weight\": " + Matrix(rows2, columns2, scale2) + ", \"2.bias\": " + Biases(rows2) + "}";

        static string Matrix(int rows, int columns, float scale) =>
            "[" + string.Join(", ", Enumerable.Range(0, rows).Select(j => "[" + string.Join(", ", Enumerable.Range(0, columns).Select(k =>
                (scale * (((j + (2 * k)) % 7) - 3) / 4).ToString("R", System.Globalization.CultureInfo.InvariantCulture))) + "]")) + "]";

        static string Biases(int rows) =>
            "[" + string.Join(", ", Enumerable.Range(0, rows).Select(j => (((j % 3) - 1) / 8f).ToString("R", System.Globalization.CultureInfo.InvariantCulture))) + "]";
    }

    /// <summary>Runs the generator and asserts exactly one file with the expected hint name, and a clean compile.</summary>
    private static GeneratorRun GenerateCleanly(string source, string expectedHintName)
    {
        GeneratorRun run = GeneratorHarness.Run(source);
        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Null(run.Result.Exception);
        Assert.Equal(new[] { expectedHintName }, run.HintNames);
        Assert.True(!run.CompilationErrors.Any(), GeneratorRun.Describe(run.CompilationErrors));
        Assert.True(!run.GeneratedCodeDiagnostics.Any(), GeneratorRun.Describe(run.GeneratedCodeDiagnostics));
        return run;
    }
}
