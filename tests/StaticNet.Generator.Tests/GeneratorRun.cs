using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace StaticNet.Generator.Tests;

/// <summary>One generated file: the hint name the generator chose and the text it produced.</summary>
internal sealed record GeneratedSource(string HintName, string Text);

/// <summary>Everything one <see cref="GeneratorHarness.Run(GeneratorDriver, Compilation)"/> produced.</summary>
internal sealed class GeneratorRun
{
    private readonly Lazy<ImmutableArray<Diagnostic>> _outputDiagnostics;

    public GeneratorRun(GeneratorDriver driver, Compilation inputCompilation, Compilation outputCompilation, ImmutableArray<Diagnostic> generatorDiagnostics)
    {
        Driver = driver;
        InputCompilation = inputCompilation;
        OutputCompilation = outputCompilation;
        GeneratorDiagnostics = generatorDiagnostics;
        Result = driver.GetRunResult().Results.Single();
        Sources = Result.GeneratedSources
            .Select(source => new GeneratedSource(source.HintName, source.SourceText.ToString()))
            .ToArray();

        // Binding the output compilation is the expensive part, and many tests never look at it.
        _outputDiagnostics = new Lazy<ImmutableArray<Diagnostic>>(() => outputCompilation.GetDiagnostics());
    }

    /// <summary>The driver after this run; run it again to exercise the incremental cache.</summary>
    public GeneratorDriver Driver { get; }

    public Compilation InputCompilation { get; }

    /// <summary>The input compilation plus the generated trees.</summary>
    public Compilation OutputCompilation { get; }

    /// <summary>The diagnostics the generator reported (SN…, or CS8785 if it threw).</summary>
    public ImmutableArray<Diagnostic> GeneratorDiagnostics { get; }

    /// <summary>The result of our (only) generator, with its tracked steps and any exception it threw.</summary>
    public GeneratorRunResult Result { get; }

    /// <summary>
    /// The generated files in the order the generator added them. A plain list on purpose: ImmutableArray is
    /// IEquatable by reference, so xUnit would compare two equal runs as different.
    /// </summary>
    public IReadOnlyList<GeneratedSource> Sources { get; }

    public IEnumerable<string> HintNames => Sources.Select(source => source.HintName);

    /// <summary>Compiler errors of the output compilation, in user code or generated code.</summary>
    public IEnumerable<Diagnostic> CompilationErrors =>
        _outputDiagnostics.Value.Where(diagnostic => diagnostic.Severity == DiagnosticSeverity.Error);

    /// <summary>Compiler warnings and errors located in generated files: generated code must compile cleanly.</summary>
    public IEnumerable<Diagnostic> GeneratedCodeDiagnostics
    {
        get
        {
            var generatedTrees = new HashSet<SyntaxTree>(Result.GeneratedSources.Select(source => source.SyntaxTree));
            return _outputDiagnostics.Value.Where(diagnostic =>
                diagnostic.Severity >= DiagnosticSeverity.Warning &&
                diagnostic.Location.SourceTree is { } tree &&
                generatedTrees.Contains(tree));
        }
    }

    /// <summary>The text of the file with this hint name; fails the test if there is none.</summary>
    public string Source(string hintName) =>
        Sources.SingleOrDefault(source => source.HintName == hintName)?.Text
        ?? throw new Xunit.Sdk.XunitException($"No source '{hintName}' was generated; got: {string.Join(", ", HintNames)}.");

    /// <summary>The outputs of every run of the tracked step <paramref name="trackingName"/>, with why each was (not) recomputed.</summary>
    public IReadOnlyList<(object Value, IncrementalStepRunReason Reason)> TrackedOutputs(string trackingName) =>
        Result.TrackedSteps.TryGetValue(trackingName, out ImmutableArray<IncrementalGeneratorRunStep> steps)
            ? steps.SelectMany(step => step.Outputs).ToList()
            : Array.Empty<(object, IncrementalStepRunReason)>();

    /// <summary>The source text a diagnostic points at, found through the file path of its location.</summary>
    public string LocatedText(Diagnostic diagnostic)
    {
        string path = diagnostic.Location.GetLineSpan().Path;
        SyntaxTree tree = InputCompilation.SyntaxTrees.SingleOrDefault(candidate => candidate.FilePath == path)
            ?? throw new Xunit.Sdk.XunitException($"{diagnostic.Id} points at '{path}', which is not a test source.");
        return tree.GetText().ToString(diagnostic.Location.SourceSpan);
    }

    /// <summary>A one-line description of every compiler error, for assertion messages.</summary>
    public static string Describe(IEnumerable<Diagnostic> diagnostics) =>
        string.Join(Environment.NewLine, diagnostics.Select(diagnostic => diagnostic.ToString()));
}
