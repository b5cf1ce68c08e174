using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace StaticNet.Generator.Tests;

/// <summary>
/// Compiles test sources the way a user's project would (C# 12, nullable enabled, a class library referencing the
/// StaticNet runtime) and runs <see cref="NetworkGenerator"/> over them with step tracking switched on.
/// </summary>
internal static class GeneratorHarness
{
    /// <summary>
    /// C# 12, the language of the oldest SDK the generator supports. Documentation comments are diagnosed so that
    /// malformed XML docs in the generated code surface as warnings.
    /// </summary>
    public static readonly CSharpParseOptions ParseOptions =
        new(LanguageVersion.CSharp12, DocumentationMode.Diagnose);

    public static readonly CSharpCompilationOptions CompilationOptions =
        new(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable);

    // Loading ~200 framework assemblies is the slowest part of a run, and the references are immutable: share them.
    private static readonly Lazy<ImmutableArray<MetadataReference>> References = new(LoadReferences);

    /// <summary>The path of the <paramref name="index"/>th test source, so diagnostics can be mapped back to their text.</summary>
    public static string SourcePath(int index) => $"/src/Test{index}.cs";

    public static SyntaxTree ParseSource(string source, string path) =>
        CSharpSyntaxTree.ParseText(source, ParseOptions, path);

    /// <summary>A compilation of <paramref name="sources"/>, stored at <c>/src/Test0.cs</c>, <c>/src/Test1.cs</c>, ….</summary>
    public static CSharpCompilation CreateCompilation(params string[] sources) =>
        CSharpCompilation.Create(
            "GeneratorTestAssembly",
            sources.Select((source, index) => ParseSource(source, SourcePath(index))),
            References.Value,
            CompilationOptions);

    public static GeneratorDriver CreateDriver() => CreateDriver(ParseOptions);

    /// <summary>A driver that parses what it generates with <paramref name="options"/>.</summary>
    public static GeneratorDriver CreateDriver(CSharpParseOptions options) =>
        CSharpGeneratorDriver.Create(
            new[] { new NetworkGenerator().AsSourceGenerator() },
            parseOptions: options,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));

    /// <summary>
    /// Runs a fresh driver over <paramref name="source"/> parsed with <paramref name="options"/> (another C# version
    /// than <see cref="ParseOptions"/>), against the same references.
    /// </summary>
    public static GeneratorRun Run(CSharpParseOptions options, string source) =>
        Run(
            CreateDriver(options),
            CreateCompilation()
                // Nullable contexts exist from C# 8 on: enabling one for an older version is itself an error (CS8630).
                .WithOptions(CompilationOptions.WithNullableContextOptions(options.LanguageVersion >= LanguageVersion.CSharp8 ? NullableContextOptions.Enable : NullableContextOptions.Disable))
                .AddSyntaxTrees(CSharpSyntaxTree.ParseText(source, options, SourcePath(0))));

    /// <summary>Runs a fresh driver over a fresh compilation of <paramref name="sources"/>.</summary>
    public static GeneratorRun Run(params string[] sources) => Run(CreateDriver(), CreateCompilation(sources));

    /// <summary>
    /// Runs <paramref name="driver"/> over <paramref name="compilation"/>. Pass the driver of a previous run to see
    /// what the incremental pipeline reused.
    /// </summary>
    public static GeneratorRun Run(GeneratorDriver driver, Compilation compilation)
    {
        GeneratorDriver updated = driver.RunGeneratorsAndUpdateCompilation(
            compilation, out Compilation outputCompilation, out ImmutableArray<Diagnostic> generatorDiagnostics);
        return new GeneratorRun(updated, compilation, outputCompilation, generatorDiagnostics);
    }

    private static ImmutableArray<MetadataReference> LoadReferences()
    {
        var paths = new SortedSet<string>(StringComparer.Ordinal);
        string trusted = (string?)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") ?? string.Empty;
        foreach (string path in trusted.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            paths.Add(path);
        }

        // Usually already trusted as a dependency of this test assembly; the set keeps it from being added twice.
        paths.Add(typeof(NetworkAttribute).Assembly.Location);
        return paths.Select(path => (MetadataReference)MetadataReference.CreateFromFile(path)).ToImmutableArray();
    }
}
