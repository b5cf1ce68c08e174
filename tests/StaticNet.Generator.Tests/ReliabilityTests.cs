using System;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using StaticNet.Generator.Diagnostics;
using Xunit;

namespace StaticNet.Generator.Tests;

/// <summary>
/// The generator's part of issue 10: networks whose names differ only by case, members named like generated ones,
/// and the documentation links of the new diagnostics.
/// </summary>
public sealed class ReliabilityTests
{
    [Fact]
    public void NetworksDifferingOnlyByCase_BothGenerate_AndTheOtherNetworksToo()
    {
        // Before: CS8785 (AddSource threw on Demo.NET.g.cs after Demo.Net.g.cs) and no generated code at all.
        GeneratorRun run = GeneratorHarness.Run("""
            using StaticNet;

            namespace Demo;

            [Network(2, 3, 1)] public partial class Net { }
            [Network(4, 2)] public partial class NET { }
            [Network(3, 3)] public partial class Other { }

            public static class Use
            {
                public static int Sizes() => Net.InputSize + NET.InputSize + Other.InputSize + new Other().Parameters.Length;
            }
            """);

        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Equal(3, run.Sources.Count);
        Assert.Equal(3, run.HintNames.Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.Contains("Demo.Other.g.cs", run.HintNames);
        Assert.All(run.HintNames.Where(name => name != "Demo.Other.g.cs"), name => Assert.Matches(@"^Demo\.(Net|NET)\.[0-9a-f]{8}\.g\.cs$", name));
        Assert.Empty(run.CompilationErrors);
    }

    [Fact]
    public void HintNames_AreStable_AcrossRuns()
    {
        const string source = "using StaticNet;\nnamespace Demo;\n[Network(2, 1)] public partial class Net { }\n[Network(2, 1)] public partial class NET { }\n";

        Assert.Equal(GeneratorHarness.Run(source).HintNames, GeneratorHarness.Run(source).HintNames);
    }

    [Fact]
    public void LayerMembersOfLayersTheNetworkDoesNotHave_AreTheUsersToName()
    {
        GeneratorRun run = GeneratorHarness.Run("""
            using StaticNet;

            [Network(4, 5, 3)]
            public partial class Net
            {
                public int Layer3Size => 7;
                public int Layer0Weights => 1;
                public int Layer01Size => 2;
            }
            """);

        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Single(run.Sources);
        Assert.Empty(run.CompilationErrors);
    }

    [Fact]
    public void EveryClashIsReported_OnTheUsersMember()
    {
        GeneratorRun run = GeneratorHarness.Run("""
            using StaticNet;

            [Network(4, 3)]
            public partial class Net
            {
                public void Forward() { }
                public int Backward;
                public int Layer1Weights => 0;
            }
            """);

        Assert.Equal(new[] { "Backward", "Forward", "Layer1Weights" }, run.GeneratorDiagnostics.Select(run.LocatedText).OrderBy(text => text, StringComparer.Ordinal));
        Assert.All(run.GeneratorDiagnostics, diagnostic => Assert.Equal("SN0017", diagnostic.Id));
        Assert.Empty(run.Sources);
    }

    [Theory]
    [InlineData("[Network(4, 5, 3)]", 2)]
    [InlineData("[Network(1, 3000, 1, Hidden = Activation.Tanh)]", 2)]
    [InlineData("[Network(784, 128, 64, 10, Hidden = Activation.ReLU, Output = Activation.Softmax, Loss = Loss.CrossEntropy)]", 3)]
    [InlineData("[Network(2, 2, 2, 2, 2, Hidden = Activation.LeakyReLU, Output = Activation.Identity)]", 4)]
    [InlineData("[Network(30, 20, 5, 2, Hidden = Activation.Tanh, Dropouts = new[] { 0.2f, 0.1f })]", 3)]
    public void GeneratedMemberNames_AreAllKnownToTheClashCheck(string attribute, int layerCount)
    {
        GeneratorRun run = GeneratorHarness.Run("using StaticNet;\n" + attribute + "\npublic partial class Net { }\n");
        var tree = Microsoft.CodeAnalysis.CSharp.CSharpSyntaxTree.ParseText(run.Sources.Single().Text);
        var type = tree.GetRoot().DescendantNodes().OfType<Microsoft.CodeAnalysis.CSharp.Syntax.ClassDeclarationSyntax>().First(c => c.Identifier.Text == "Net");

        string[] names = type.Members.SelectMany(NamesOf).Distinct().ToArray();

        Assert.NotEmpty(names);
        Assert.All(names, name => Assert.True(Parsing.MemberClashes.IsGenerated(name, layerCount), $"the generator declares '{name}', which MemberClashes does not know"));
    }

    [Fact]
    public void FrozenNetwork_MemberNamedPredict_IsSN0017_ButOnAnOrdinaryNetworkItIsYours()
    {
        const string Weights = "{\"0.weight\": [[0.5, -0.25]], \"0.bias\": [0.125]}";
        GeneratorRun frozen = FrozenHarness.Run(
            "using StaticNet;\n[Network(2, 1, Weights = \"net.weights.json\")]\npublic partial class Net { public float Predict(float x) => x; }\n",
            ("net.weights.json", Weights));
        GeneratorRun ordinary = GeneratorHarness.Run(
            "using StaticNet;\n[Network(2, 1)]\npublic partial class Net { public float Predict(float x) => x; }\n");

        Assert.Equal(new[] { "SN0017" }, frozen.GeneratorDiagnostics.Select(d => d.Id));
        Assert.Contains("'Predict'", frozen.GeneratorDiagnostics[0].GetMessage(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Empty(ordinary.GeneratorDiagnostics);
        Assert.True(Parsing.MemberClashes.IsGenerated("TrainedParameters", 1, frozen: true));
        Assert.False(Parsing.MemberClashes.IsGenerated("TrainedParameters", 1, frozen: false));
    }

    private static string[] NamesOf(Microsoft.CodeAnalysis.CSharp.Syntax.MemberDeclarationSyntax member) => member switch
    {
        // Explicit interface implementations and constructors cannot clash with a user's member by name.
        Microsoft.CodeAnalysis.CSharp.Syntax.MethodDeclarationSyntax { ExplicitInterfaceSpecifier: not null } => [],
        Microsoft.CodeAnalysis.CSharp.Syntax.PropertyDeclarationSyntax { ExplicitInterfaceSpecifier: not null } => [],
        Microsoft.CodeAnalysis.CSharp.Syntax.ConstructorDeclarationSyntax => [],
        Microsoft.CodeAnalysis.CSharp.Syntax.MethodDeclarationSyntax method => [method.Identifier.Text],
        Microsoft.CodeAnalysis.CSharp.Syntax.PropertyDeclarationSyntax property => [property.Identifier.Text],
        Microsoft.CodeAnalysis.CSharp.Syntax.BaseTypeDeclarationSyntax nested => [nested.Identifier.Text],
        Microsoft.CodeAnalysis.CSharp.Syntax.BaseFieldDeclarationSyntax field => field.Declaration.Variables.Select(v => v.Identifier.Text).ToArray(),
        _ => throw new InvalidOperationException("a generated member of an unexpected kind: " + member.Kind()),
    };

    [Fact]
    public void NewDiagnostics_LinkToTheirSectionOfTheDiagnosticsPage()
    {
        Assert.Equal("https://github.com/staticnet/staticnet/blob/main/docs/diagnostics.md#sn0017", DiagnosticDescriptors.MemberNameClash.HelpLinkUri);
        Assert.Equal("https://github.com/staticnet/staticnet/blob/main/docs/diagnostics.md#sn0018", DiagnosticDescriptors.LeakySlopeOutOfRange.HelpLinkUri);
    }
}
