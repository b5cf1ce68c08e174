using System.Linq;
using Microsoft.CodeAnalysis;
using StaticNet.Generator.Model;
using Xunit;

namespace StaticNet.Generator.Tests;

/// <summary>
/// Frozen networks in the incremental pipeline: an edit to a weights file regenerates only the network that uses it,
/// and an edit to a source file outside the attributes leaves every frozen step cached.
/// </summary>
public sealed class FrozenIncrementalityTests
{
    private const string Networks = """
        using StaticNet;

        namespace Demo;

        [Network(2, 2, 1, Weights = "Models/a.json")]
        public partial class ANet { }

        [Network(2, 2, 1, Weights = "Models/b.json")]
        public partial class BNet { }
        """;

    private const string Unrelated = "namespace Demo;\n\npublic static class Helpers { public static int Twice(int value) => value * 2; }\n";

    private const string Weights = """{"0.weight": [[1.5, -2.0], [0.25, 3.0]], "0.bias": [0.5, -1.0], "2.weight": [[2.0, -1.5]], "2.bias": [0.125]}""";

    private static readonly IncrementalStepRunReason[] Reused = { IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged };

    [Fact]
    public void EditingAWeightsFile_RegeneratesOnlyTheNetworkThatUsesIt()
    {
        (GeneratorRun first, Compilation compilation, AdditionalText a) = FirstRun();

        GeneratorDriver edited = first.Driver.ReplaceAdditionalText(a, new InMemoryAdditionalText("/proj/Models/a.json", Weights.Replace("0.125", "0.25")));
        GeneratorRun second = GeneratorHarness.Run(edited, compilation);

        var specs = second.TrackedOutputs(NetworkGenerator.TrackingNames.FrozenSpecs)
            .ToDictionary(output => ((NetworkSpec)output.Value).Type.Type.Name, output => output.Reason);
        Assert.Equal(IncrementalStepRunReason.Modified, specs["ANet"]);
        Assert.Contains(specs["BNet"], Reused);
        Assert.Contains("0.25f,", second.Sources.Single(source => source.HintName == "Demo.ANet.g.cs").Text);
        Assert.Equal(first.Sources.Single(source => source.HintName == "Demo.BNet.g.cs"), second.Sources.Single(source => source.HintName == "Demo.BNet.g.cs"));
        AssertReused(second, NetworkGenerator.TrackingNames.Parse);
    }

    [Fact]
    public void EditingAnUnrelatedSourceFile_LeavesEveryFrozenStepCached()
    {
        (GeneratorRun first, Compilation compilation, _) = FirstRun();

        SyntaxTree old = compilation.SyntaxTrees.Single(tree => tree.FilePath == GeneratorHarness.SourcePath(1));
        Compilation edited = compilation.ReplaceSyntaxTree(old, GeneratorHarness.ParseSource(Unrelated.Replace("value * 2", "value + value"), old.FilePath));
        GeneratorRun second = GeneratorHarness.Run(first.Driver, edited);

        AssertReused(second, NetworkGenerator.TrackingNames.Parse);
        AssertReused(second, NetworkGenerator.TrackingNames.Frozen);
        AssertReused(second, NetworkGenerator.TrackingNames.FrozenSpecs);
        Assert.Equal(first.Sources, second.Sources);
    }

    /// <summary>Both networks generated from their files, and a.json, the file the tests edit.</summary>
    private static (GeneratorRun Run, Compilation Compilation, AdditionalText A) FirstRun()
    {
        AdditionalText a = new InMemoryAdditionalText("/proj/Models/a.json", Weights);
        AdditionalText b = new InMemoryAdditionalText("/proj/Models/b.json", Weights);
        Compilation compilation = GeneratorHarness.CreateCompilation(Networks, Unrelated);
        GeneratorRun run = GeneratorHarness.Run(FrozenHarness.CreateDriver(new[] { a, b }), compilation);
        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Empty(run.CompilationErrors);
        return (run, compilation, a);
    }

    private static void AssertReused(GeneratorRun run, string trackingName)
    {
        var outputs = run.TrackedOutputs(trackingName);
        Assert.NotEmpty(outputs);
        Assert.All(outputs, output => Assert.Contains(output.Reason, Reused));
    }
}
