using System.Collections.Generic;
using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace StaticNet.Generator.Tests;

/// <summary>An AdditionalFiles item held in memory, as the compiler hands one to a generator.</summary>
internal sealed class InMemoryAdditionalText(string path, string text) : AdditionalText
{
    private readonly SourceText _text = SourceText.From(text);

    public override string Path { get; } = path;

    public override SourceText GetText(CancellationToken cancellationToken = default) => _text;
}

/// <summary>The global analyzer options a project passes (build_property.ProjectDir), and no per-file options.</summary>
internal sealed class ProjectOptionsProvider(string? projectDirectory) : AnalyzerConfigOptionsProvider
{
    private readonly Options _global = new(projectDirectory is null
        ? ImmutableDictionary<string, string>.Empty
        : ImmutableDictionary<string, string>.Empty.Add("build_property.ProjectDir", projectDirectory));

    public override AnalyzerConfigOptions GlobalOptions => _global;

    public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => Options.Empty;

    public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => Options.Empty;

    private sealed class Options(ImmutableDictionary<string, string> values) : AnalyzerConfigOptions
    {
        public static readonly Options Empty = new(ImmutableDictionary<string, string>.Empty);

        public override bool TryGetValue(string key, [NotNullWhen(true)] out string? value) => values.TryGetValue(key, out value);
    }
}

/// <summary>Runs the generator over sources together with AdditionalFiles, as a project at <see cref="ProjectDirectory"/> would.</summary>
internal static class FrozenHarness
{
    /// <summary>The project directory the test projects live in.</summary>
    public const string ProjectDirectory = "/proj/";

    public static GeneratorDriver CreateDriver(IEnumerable<AdditionalText> files, string? projectDirectory = ProjectDirectory, CSharpParseOptions? options = null) =>
        CSharpGeneratorDriver.Create(
            new[] { new NetworkGenerator().AsSourceGenerator() },
            files,
            options ?? GeneratorHarness.ParseOptions,
            new ProjectOptionsProvider(projectDirectory),
            new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));

    /// <summary>Runs the generator over <paramref name="source"/> with the given (path relative to the project, text) files.</summary>
    public static GeneratorRun Run(string source, params (string Path, string Text)[] files) =>
        GeneratorHarness.Run(
            CreateDriver(files.Select(file => (AdditionalText)new InMemoryAdditionalText(ProjectDirectory + file.Path, file.Text))),
            GeneratorHarness.CreateCompilation(source));
}
