using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Xunit;

namespace StaticNet.Generator.Tests;

/// <summary>
/// The generator runs on every keystroke in the IDE. Edits that do not touch a [Network] attribute must be served
/// from the cache (Parse and Specs outputs Cached or Unchanged), or typing anywhere re-emits every network.
/// </summary>
public sealed class IncrementalityTests
{
    private const string NetworkFile = """
        using StaticNet;

        namespace Demo;

        [Network(4, 5, 3, Hidden = Activation.ReLU, Output = Activation.Softmax, Loss = Loss.CrossEntropy)]
        public partial class IrisNet
        {
        }
        """;

    private const string UnrelatedFile = """
        namespace Demo;

        public static class Helpers
        {
            public static int Twice(int value) => value * 2;
        }
        """;

    private static readonly IncrementalStepRunReason[] Reused = { IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged };

    [Fact]
    public void AddingAnUnrelatedFile_ReusesParseAndSpecs()
    {
        (GeneratorRun first, Compilation compilation) = RunOnce(NetworkFile, UnrelatedFile);

        Compilation edited = compilation.AddSyntaxTrees(
            GeneratorHarness.ParseSource("namespace Demo;\n\npublic sealed class Added { }\n", "/src/Added.cs"));
        GeneratorRun second = GeneratorHarness.Run(first.Driver, edited);

        AssertReused(second, NetworkGenerator.TrackingNames.Parse);
        AssertReused(second, NetworkGenerator.TrackingNames.Specs);
        Assert.Equal(first.Sources, second.Sources);
    }

    [Fact]
    public void EditingAnUnrelatedFile_ReusesParseAndSpecs()
    {
        (GeneratorRun first, Compilation compilation) = RunOnce(NetworkFile, UnrelatedFile);

        Compilation edited = ReplaceSource(compilation, GeneratorHarness.SourcePath(1), UnrelatedFile.Replace("value * 2", "value + value"));
        GeneratorRun second = GeneratorHarness.Run(first.Driver, edited);

        AssertReused(second, NetworkGenerator.TrackingNames.Parse);
        AssertReused(second, NetworkGenerator.TrackingNames.Specs);
        Assert.Equal(first.Sources, second.Sources);
    }

    [Fact]
    public void EditingTheNetworkFileOutsideTheAttribute_KeepsTheSpecUnchanged()
    {
        // The spec holds no location, so moving the declaration down recomputes Parse but compares equal after it.
        (GeneratorRun first, Compilation compilation) = RunOnce(NetworkFile, UnrelatedFile);

        Compilation edited = ReplaceSource(compilation, GeneratorHarness.SourcePath(0), NetworkFile.Replace("namespace Demo;", "namespace Demo;\n\n// A comment that moves the class down.\n"));
        GeneratorRun second = GeneratorHarness.Run(first.Driver, edited);

        AssertReused(second, NetworkGenerator.TrackingNames.Specs);
        Assert.Equal(first.Sources, second.Sources);
    }

    [Fact]
    public void ChangingALayerSize_ModifiesTheSpecAndTheSource()
    {
        (GeneratorRun first, Compilation compilation) = RunOnce(NetworkFile, UnrelatedFile);

        Compilation edited = ReplaceSource(compilation, GeneratorHarness.SourcePath(0), NetworkFile.Replace("Network(4, 5, 3", "Network(4, 6, 3"));
        GeneratorRun second = GeneratorHarness.Run(first.Driver, edited);

        Assert.Equal(
            new[] { IncrementalStepRunReason.Modified },
            second.TrackedOutputs(NetworkGenerator.TrackingNames.Specs).Select(output => output.Reason));
        Assert.Contains("public const int Layer1Size = 6;", second.Source("Demo.IrisNet.g.cs"));
    }

    [Fact]
    public void MovingAnInvalidNetwork_MovesItsDiagnostic()
    {
        // Diagnostics carry locations, so unlike specs they must be recomputed when the code above them changes.
        const string invalid = "using StaticNet;\n\n[Network(4)]\npublic partial class Net { }\n";
        (GeneratorRun first, Compilation compilation) = RunOnce(invalid);

        GeneratorRun second = GeneratorHarness.Run(first.Driver, ReplaceSource(compilation, GeneratorHarness.SourcePath(0), "\n\n" + invalid));

        Assert.Equal(2, Assert.Single(first.GeneratorDiagnostics).Location.GetLineSpan().StartLinePosition.Line);
        Assert.Equal(4, Assert.Single(second.GeneratorDiagnostics).Location.GetLineSpan().StartLinePosition.Line);

        // The shell, like a spec, holds no location: moving the declaration leaves it equal and its source is not rewritten.
        AssertReused(second, NetworkGenerator.TrackingNames.Shells);
        Assert.Equal(first.Sources, second.Sources);
    }

    [Fact]
    public void FixingAnInvalidNetwork_GeneratesItAndClearsTheDiagnostic()
    {
        const string invalid = "using StaticNet;\n\n[Network(4)]\npublic partial class Net { }\n";
        (GeneratorRun first, Compilation compilation) = RunOnce(invalid);

        GeneratorRun second = GeneratorHarness.Run(first.Driver, ReplaceSource(compilation, GeneratorHarness.SourcePath(0), invalid.Replace("Network(4)", "Network(4, 3)")));

        Assert.Single(first.GeneratorDiagnostics);
        Assert.Contains("This is a shell, not a network", first.Source("Net.g.cs"));
        Assert.Empty(second.GeneratorDiagnostics);
        Assert.Equal(new[] { "Net.g.cs" }, second.HintNames);
        Assert.DoesNotContain("This is a shell", second.Source("Net.g.cs"));
    }

    private static (GeneratorRun Run, Compilation Compilation) RunOnce(params string[] sources)
    {
        Compilation compilation = GeneratorHarness.CreateCompilation(sources);
        GeneratorRun run = GeneratorHarness.Run(GeneratorHarness.CreateDriver(), compilation);
        return (run, compilation);
    }

    private static Compilation ReplaceSource(Compilation compilation, string path, string newText)
    {
        SyntaxTree old = compilation.SyntaxTrees.Single(tree => tree.FilePath == path);
        return compilation.ReplaceSyntaxTree(old, GeneratorHarness.ParseSource(newText, path));
    }

    private static void AssertReused(GeneratorRun run, string trackingName)
    {
        IReadOnlyList<(object Value, IncrementalStepRunReason Reason)> outputs = run.TrackedOutputs(trackingName);

        // An empty list would make "all reused" vacuously true: the step must have produced the network.
        Assert.NotEmpty(outputs);
        Assert.All(outputs, output => Assert.Contains(output.Reason, Reused));
    }
}
