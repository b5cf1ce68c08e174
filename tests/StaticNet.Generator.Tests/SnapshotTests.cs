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
