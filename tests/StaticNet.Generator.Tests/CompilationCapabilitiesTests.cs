using System;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using StaticNet.Generator.Model;
using Xunit;

namespace StaticNet.Generator.Tests;

/// <summary>
/// Generated code adapts to the compilation it is generated into: without System.Runtime.Intrinsics (netstandard2.1,
/// Unity's API level) it is scalar code and runtime kernel calls, it compiles as C# 9 (what Unity compiles) and C# 8,
/// and below C# 8 the generator reports SN0026 instead of writing code that cannot compile.
/// </summary>
public sealed class CompilationCapabilitiesTests
{
    internal static readonly CSharpParseOptions CSharp9 = new(LanguageVersion.CSharp9, DocumentationMode.Diagnose);

    [Theory]
    [InlineData(nameof(Sources.Defaults), LanguageVersion.CSharp9)]
    [InlineData(nameof(Sources.DeepReLUSoftmax), LanguageVersion.CSharp9)]
    [InlineData(nameof(Sources.PerLayerActivations), LanguageVersion.CSharp9)]
    [InlineData(nameof(Sources.NestedInPartialTypes), LanguageVersion.CSharp9)]
    [InlineData(nameof(Sources.ClassInGlobalNamespace), LanguageVersion.CSharp9)]
    [InlineData(nameof(Sources.Defaults), LanguageVersion.CSharp8)]
    [InlineData(nameof(Sources.DeepReLUSoftmax), LanguageVersion.CSharp8)]
    [InlineData(nameof(Sources.PerLayerActivations), LanguageVersion.CSharp8)]
    public void OlderLanguageVersion_GetsCodeThatCompilesWithoutWarnings(string source, LanguageVersion version)
    {
        GeneratorRun run = GeneratorHarness.Run(new CSharpParseOptions(version, DocumentationMode.Diagnose), SourceNamed(source));

        Assert.Empty(run.GeneratorDiagnostics);
        Assert.NotEmpty(run.Sources);
        Assert.Empty(run.CompilationErrors);
        Assert.Empty(run.GeneratedCodeDiagnostics);
    }

    [Theory]
    [InlineData(LanguageVersion.CSharp9)]
    [InlineData(LanguageVersion.CSharp8)]
    public void OlderLanguageVersion_InvalidNetwork_GetsAShellThatCompilesWithoutWarnings(LanguageVersion version)
    {
        GeneratorRun run = GeneratorHarness.Run(
            new CSharpParseOptions(version, DocumentationMode.Diagnose),
            "using StaticNet;\n\nnamespace Demo\n{\n    [Network(4, 5, 3, Hidden = (Activation)42)]\n    public partial class BrokenNet { }\n}\n");

        Assert.Equal("SN0012", Assert.Single(run.GeneratorDiagnostics).Id);
        Assert.Contains("This is a shell, not a network", Assert.Single(run.Sources).Text, StringComparison.Ordinal);
        Assert.Empty(run.CompilationErrors);
        Assert.Empty(run.GeneratedCodeDiagnostics);
    }

    [Fact]
    public void Netstandard21Compilation_CannotSeeVector256_SoItsCapabilitiesSayNoIntrinsics()
    {
        GeneratorRun run = GenerateIntoNetstandard21(SourceNamed(nameof(Sources.Defaults)));

        CompilationCapabilities capabilities = Assert.IsType<CompilationCapabilities>(
            Assert.Single(run.TrackedOutputs(NetworkGenerator.TrackingNames.Capabilities)).Value);
        Assert.Equal(new CompilationCapabilities(VectorIntrinsics: false, LanguageVersion: (int)LanguageVersion.CSharp9), capabilities);
        Assert.Equal(
            new CompilationCapabilities(VectorIntrinsics: true, LanguageVersion: (int)LanguageVersion.CSharp9),
            Assert.Single(GeneratorHarness.Run(CSharp9, SourceNamed(nameof(Sources.Defaults))).TrackedOutputs(NetworkGenerator.TrackingNames.Capabilities)).Value);
    }

    [Theory]
    [InlineData(nameof(Sources.Defaults), "Demo.DefaultNet.g.cs")]
    [InlineData(nameof(Sources.PerLayerActivations), "Demo.MixedNet.g.cs")]
    [InlineData(nameof(Sources.DeepReLUSoftmax), "Demo.MnistNet.g.cs")]
    [InlineData(nameof(Sources.Dropout), "Demo.DropoutNet.g.cs")]
    public void WithoutIntrinsics_TheCodeIsScalarAndCompilesAsCSharp9(string source, string hintName)
    {
        AssertScalarAndCompilesAsCSharp9(SourceNamed(source), GenerateIntoNetstandard21(SourceNamed(source)).Source(hintName));
    }

    [Fact]
    public void WithoutIntrinsics_FrozenNetwork_PredictsWithoutConstantColumnVectors()
    {
        const string source = "using StaticNet;\n\nnamespace Demo\n{\n    [Network(2, 2, 1, Hidden = Activation.Tanh, Weights = \"Models/xor.weights.json\")]\n    public partial class XorNet { }\n}\n";
        GeneratorRun run = GenerateIntoNetstandard21(
            source,
            ("Models/xor.weights.json", "{\"0.weight\": [[1.5, -2.0], [0.1, 3.0]], \"0.bias\": [0.5, -1.0], \"2.weight\": [[2.0, -1.5]], \"2.bias\": [0.125]}"));

        Assert.Empty(run.GeneratorDiagnostics);
        string generated = run.Source("Demo.XorNet.g.cs");
        Assert.DoesNotContain("PredictWithForwardLayers", generated, StringComparison.Ordinal);
        AssertScalarAndCompilesAsCSharp9(source, generated);
    }

    [Fact]
    public void DeterministicNetwork_AgainstTheNetstandard21Runtime_IsScalarCodeCallingTheDeterministicKernels()
    {
        const string source = "using StaticNet;\n\nnamespace Demo\n{\n    [Network(4, 5, 3, Deterministic = true)]\n    public partial class LockstepNet { }\n}\n";
        GeneratorRun run = GenerateIntoNetstandard21(source);

        Assert.Empty(run.GeneratorDiagnostics);
        string generated = run.Source("Demo.LockstepNet.g.cs");
        Assert.Contains("DeterministicNetworkMath.Sigmoid", generated, StringComparison.Ordinal);
        Assert.DoesNotContain("This is a shell", generated, StringComparison.Ordinal);
        AssertScalarAndCompilesAsCSharp9(source, generated);
    }

    /// <summary>
    /// <paramref name="generated"/> names no vector type, and compiled as C# 9 beside <paramref name="source"/>
    /// against netstandard2.1 and the runtime's netstandard2.1 build it has no error and no warning.
    /// </summary>
    private static void AssertScalarAndCompilesAsCSharp9(string source, string generated)
    {
        Assert.DoesNotContain("System.Runtime.Intrinsics", generated, StringComparison.Ordinal);
        Assert.DoesNotContain("VectorActivations", generated, StringComparison.Ordinal);

        CSharpCompilation compilation = CSharpCompilation.Create(
            "Netstandard21Consumer",
            new[]
            {
                CSharpSyntaxTree.ParseText(source, CSharp9, "/src/Test0.cs"),
                CSharpSyntaxTree.ParseText(generated, CSharp9, "/generated/Network.g.cs"),
            },
            Netstandard21References(),
            GeneratorHarness.CompilationOptions);
        Diagnostic[] problems = compilation.GetDiagnostics()
            .Where(diagnostic => diagnostic.Severity >= DiagnosticSeverity.Warning && diagnostic.Location.SourceTree?.FilePath.StartsWith("/generated/", StringComparison.Ordinal) == true)
            .ToArray();
        Assert.True(problems.Length == 0, GeneratorRun.Describe(problems));
        Assert.Empty(compilation.GetDiagnostics().Where(diagnostic => diagnostic.Severity == DiagnosticSeverity.Error));
    }

    [Fact]
    public void WithoutIntrinsics_DefaultNet_MatchesItsSnapshot() =>
        Snapshot.Verify(GenerateIntoNetstandard21(SourceNamed(nameof(Sources.Defaults))));

    [Fact]
    public void WithoutIntrinsics_MixedNet_MatchesItsSnapshot() =>
        Snapshot.Verify(GenerateIntoNetstandard21(SourceNamed(nameof(Sources.PerLayerActivations))));

    [Theory]
    [InlineData(LanguageVersion.CSharp7_3, "7.3")]
    [InlineData(LanguageVersion.CSharp6, "6.0")]
    public void BelowCSharp8_ReportsSN0026AndGeneratesNothing(LanguageVersion version, string written)
    {
        GeneratorRun run = GeneratorHarness.Run(new CSharpParseOptions(version, DocumentationMode.Diagnose), SourceNamed(nameof(Sources.Defaults)));

        Diagnostic diagnostic = Assert.Single(run.GeneratorDiagnostics);
        Assert.Equal("SN0026", diagnostic.Id);
        Assert.Equal(
            $"This project compiles C# {written}, and StaticNet's generated code needs C# 8.0 or later; set <LangVersion>8.0</LangVersion> (or later) in the project file",
            diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Empty(run.Sources);
        Assert.Empty(run.CompilationErrors);
    }

    [Fact]
    public void BelowCSharp8_WithoutNetworks_ReportsNothing()
    {
        GeneratorRun run = GeneratorHarness.Run(new CSharpParseOptions(LanguageVersion.CSharp7_3), "namespace Demo { public class Plain { } }");

        Assert.Empty(run.GeneratorDiagnostics);
    }

    [Fact]
    public void CapabilitiesThatStayEqual_LeaveTheGeneratedSourceCached()
    {
        GeneratorRun first = GeneratorHarness.Run(CSharp9, SourceNamed(nameof(Sources.Defaults)));
        CSharpCompilation edited = (CSharpCompilation)first.InputCompilation.AddSyntaxTrees(
            CSharpSyntaxTree.ParseText("namespace Demo { public class Unrelated { } }", CSharp9, "/src/Test1.cs"));

        GeneratorRun second = GeneratorHarness.Run(first.Driver, edited);

        Assert.Contains(
            Assert.Single(second.TrackedOutputs(NetworkGenerator.TrackingNames.Capabilities)).Reason,
            new[] { IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged });
        Assert.All(second.TrackedOutputs(NetworkGenerator.TrackingNames.Specs), output => Assert.Equal(IncrementalStepRunReason.Cached, output.Reason));
    }

    /// <summary>
    /// A .NET 10 compilation given the runtime's netstandard2.1 build (which has no VectorActivations) gets the scalar
    /// form: what a test of the portable build, or a .NET project handed Unity's plugin DLL, compiles.
    /// </summary>
    [Fact]
    public void Net10CompilationWithTheNetstandard21Runtime_GetsTheScalarForm()
    {
        CSharpCompilation compilation = GeneratorHarness.CreateCompilation(SourceNamed(nameof(Sources.Defaults)))
            .RemoveReferences(GeneratorHarness.CreateCompilation().References.Where(reference => reference.Display?.EndsWith("StaticNet.dll", StringComparison.Ordinal) == true))
            .AddReferences(MetadataReference.CreateFromFile(Netstandard21Runtime));

        GeneratorRun run = GeneratorHarness.Run(GeneratorHarness.CreateDriver(), compilation);

        Assert.False(Assert.IsType<CompilationCapabilities>(Assert.Single(run.TrackedOutputs(NetworkGenerator.TrackingNames.Capabilities)).Value).VectorIntrinsics);
        Assert.DoesNotContain("VectorActivations", run.Source("Demo.DefaultNet.g.cs"), StringComparison.Ordinal);
        Assert.Empty(run.CompilationErrors);
    }

    /// <summary>The runtime's netstandard2.1 build, copied beside the tests by the test project.</summary>
    internal static string Netstandard21Runtime => Path.Combine(AppContext.BaseDirectory, "netstandard2.1-runtime", "StaticNet.dll");

    /// <summary>netstandard2.1's reference assemblies (NETStandard.Library.Ref 2.1.0) and the runtime's netstandard2.1 build.</summary>
    internal static MetadataReference[] Netstandard21References() =>
        Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "netstandard2.1"), "*.dll")
            .Append(Netstandard21Runtime)
            .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))
            .ToArray();

    /// <summary>The test source <paramref name="name"/> in C# 8 and 9: a file-scoped namespace becomes a block.</summary>
    internal static string SourceNamed(string name) => WithBlockNamespace((string)typeof(Sources).GetField(name)!.GetValue(null)!);

    private static string WithBlockNamespace(string source)
    {
        System.Text.RegularExpressions.Match fileScoped = System.Text.RegularExpressions.Regex.Match(source, @"^namespace ([\w.]+);\s*$", System.Text.RegularExpressions.RegexOptions.Multiline);
        return fileScoped.Success
            ? source.Remove(fileScoped.Index, fileScoped.Length).Insert(fileScoped.Index, $"namespace {fileScoped.Groups[1].Value}\n{{\n") + "\n}\n"
            : source;
    }

    /// <summary>
    /// The generator over <paramref name="source"/> as C# 9 in a compilation of netstandard2.1's reference assembly
    /// (NETStandard.Library.Ref 2.1.0) and the runtime's netstandard2.1 build: what a Unity project's compilation can see; with
    /// <paramref name="files"/> as AdditionalFiles of a project at <see cref="FrozenHarness.ProjectDirectory"/>.
    /// </summary>
    internal static GeneratorRun GenerateIntoNetstandard21(string source, params (string Path, string Text)[] files)
    {
        CSharpCompilation compilation = CSharpCompilation.Create(
            "Netstandard21Consumer",
            new[] { CSharpSyntaxTree.ParseText(source, CSharp9, GeneratorHarness.SourcePath(0)) },
            Netstandard21References(),
            GeneratorHarness.CompilationOptions);
        return GeneratorHarness.Run(
            FrozenHarness.CreateDriver(files.Select(file => (AdditionalText)new InMemoryAdditionalText(FrozenHarness.ProjectDirectory + file.Path, file.Text)), options: CSharp9),
            compilation);
    }
}
