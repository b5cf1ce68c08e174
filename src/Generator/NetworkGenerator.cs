using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using StaticNet.Generator.Diagnostics;
using StaticNet.Generator.Emit;
using StaticNet.Generator.Model;
using StaticNet.Generator.Parsing;

namespace StaticNet.Generator;

/// <summary>
/// Compiles every <c>[Network(...)]</c> partial class into a specialised network: the attribute is parsed into an
/// equatable <see cref="NetworkSpec"/> (or diagnostics and a <see cref="NetworkShellSpec"/>), and the spec is emitted
/// as C# (or the shell, which keeps the diagnostics from being followed by errors in the code that uses the network).
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class NetworkGenerator : IIncrementalGenerator
{
    /// <summary>The names of the pipeline steps, for incrementality tests.</summary>
    public static class TrackingNames
    {
        /// <summary>The parse step: attribute → spec or diagnostics.</summary>
        public const string Parse = nameof(Parse);

        /// <summary>The specs of valid networks.</summary>
        public const string Specs = nameof(Specs);

        /// <summary>The diagnostics of invalid networks.</summary>
        public const string Diagnostics = nameof(Diagnostics);

        /// <summary>The shells of invalid networks, which keep their SN errors from being followed by others.</summary>
        public const string Shells = nameof(Shells);

        /// <summary>The frozen networks after their weights file is read: spec with trained parameters, or diagnostics and shell.</summary>
        public const string Frozen = nameof(Frozen);

        /// <summary>The diagnostics about weights files.</summary>
        public const string FrozenDiagnostics = nameof(FrozenDiagnostics);

        /// <summary>The specs of valid frozen networks.</summary>
        public const string FrozenSpecs = nameof(FrozenSpecs);

        /// <summary>The shells of frozen networks whose weights file has problems.</summary>
        public const string FrozenShells = nameof(FrozenShells);

        /// <summary>The hint names that differ from another network's only by case.</summary>
        public const string HintNameClashes = nameof(HintNameClashes);

        /// <summary>The compilation's <see cref="CompilationCapabilities"/>.</summary>
        public const string Capabilities = nameof(Capabilities);
    }

    /// <inheritdoc />
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        IncrementalValuesProvider<NetworkParseResult> results = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                "StaticNet.NetworkAttribute",
                // [Network] targets classes (AttributeUsage); on anything else the compiler reports CS0592 and we stay quiet.
                // Records pass the filter so that they get a diagnostic of their own.
                predicate: static (node, _) => node is ClassDeclarationSyntax or RecordDeclarationSyntax { ClassOrStructKeyword.RawKind: not (int)SyntaxKind.StructKeyword },
                transform: static (context, cancellationToken) => NetworkParser.Parse(context, cancellationToken))
            .Where(static result => result is not null)
            .Select(static (result, _) => result!)
            .WithTrackingName(TrackingNames.Parse);

        // A frozen network waits for its weights file. The generator reads files only as AdditionalTexts, and the
        // collected list compares equal while no file changes (the compiler reuses each AdditionalText), so an edit to
        // a source file leaves this step cached; an edit to an additional file reruns it, and each network's result
        // then compares equal unless its own weights changed, so only that network's source is written again.
        IncrementalValueProvider<(ImmutableArray<AdditionalText> Files, string? ProjectDirectory)> weightsFiles = context.AdditionalTextsProvider
            .Collect()
            .Combine(context.AnalyzerConfigOptionsProvider.Select(static (options, _) =>
                options.GlobalOptions.TryGetValue("build_property.ProjectDir", out string? directory) ? directory : null));
        IncrementalValuesProvider<NetworkParseResult> frozen = results
            .Where(static result => result.Frozen is not null)
            .Select(static (result, _) => result.Frozen!)
            .Combine(weightsFiles)
            .Select(static (pair, cancellationToken) => FrozenWeightsReader.Read(pair.Left, pair.Right.Files, pair.Right.ProjectDirectory, cancellationToken))
            .WithTrackingName(TrackingNames.Frozen);

        (IncrementalValuesProvider<NetworkSpec> specs, IncrementalValuesProvider<NetworkShellSpec> shells) =
            Split(context, results, TrackingNames.Diagnostics, TrackingNames.Specs, TrackingNames.Shells);
        (IncrementalValuesProvider<NetworkSpec> frozenSpecs, IncrementalValuesProvider<NetworkShellSpec> frozenShells) =
            Split(context, frozen, TrackingNames.FrozenDiagnostics, TrackingNames.FrozenSpecs, TrackingNames.FrozenShells);

        // Roslyn compares hint names ignoring case, so Demo.Net and Demo.NET would throw in AddSource (CS8785) and drop
        // every generated file. Only the names are collected (of networks and of shells, which use the same names):
        // the set is almost always empty and stays equal, so a network's source is still regenerated only when its
        // own spec changes.
        IncrementalValueProvider<EquatableArray<string>> clashes = specs.Select(static (spec, _) => spec.HintName).Collect()
            .Combine(shells.Select(static (shell, _) => shell.HintName).Collect())
            .Combine(frozenSpecs.Select(static (spec, _) => spec.HintName).Collect())
            .Combine(frozenShells.Select(static (shell, _) => shell.HintName).Collect())
            .Select(static (names, _) => HintNames.CaseClashes(names.Left.Left.Left.AddRange(names.Left.Left.Right).AddRange(names.Left.Right).AddRange(names.Right)))
            .WithTrackingName(TrackingNames.HintNameClashes);
        // What the compilation can compile: two plain values, so an edit that changes neither leaves every network cached.
        IncrementalValueProvider<CompilationCapabilities> capabilities = context.CompilationProvider
            .Select(static (compilation, _) => CapabilityReader.HasVectorIntrinsics(compilation))
            .Combine(context.ParseOptionsProvider.Select(static (options, _) => CapabilityReader.LanguageVersion(options)))
            .Select(static (pair, _) => new CompilationCapabilities(pair.Left, pair.Right))
            .WithTrackingName(TrackingNames.Capabilities);

        // Below C# 8 no generated file could compile: one SN0026 for the project instead of errors in generated code.
        context.RegisterSourceOutput(
            capabilities.Combine(results.Collect().Select(static (all, _) => all.Length > 0)),
            static (output, pair) =>
            {
                if (pair.Right && !pair.Left.SupportsGeneratedCode)
                {
                    output.ReportDiagnostic(Diagnostic.Create(
                        DiagnosticDescriptors.LanguageVersionTooOld,
                        Location.None,
                        pair.Left.LanguageVersionText,
                        $"{CompilationCapabilities.MinimumLanguageVersion / 100}.0"));
                }
            });

        foreach (IncrementalValuesProvider<NetworkSpec> networks in new[] { specs, frozenSpecs })
        {
            context.RegisterSourceOutput(networks.Combine(clashes).Combine(capabilities), static (output, pair) =>
            {
                if (!pair.Right.SupportsGeneratedCode)
                {
                    return;
                }

                NetworkSpec spec = pair.Left.Left;
                string hintName = HintNames.Unique(spec.HintName, pair.Left.Right);
                output.AddSource(hintName, NetworkEmitter.Emit(spec, pair.Right, output.CancellationToken));
            });
        }

        foreach (IncrementalValuesProvider<NetworkShellSpec> standIns in new[] { shells, frozenShells })
        {
            context.RegisterSourceOutput(standIns.Combine(clashes).Combine(capabilities), static (output, pair) =>
            {
                if (pair.Right.SupportsGeneratedCode)
                {
                    output.AddSource(HintNames.Unique(pair.Left.Left.HintName, pair.Left.Right), ShellEmitter.Emit(pair.Left.Left, output.CancellationToken));
                }
            });
        }
    }

    /// <summary>
    /// Reports the diagnostics of <paramref name="results"/> and splits off its specs and shells. Diagnostics and specs
    /// travel separately: a valid spec holds no location, so edits that only move the declaration leave it equal and
    /// its source is not regenerated.
    /// </summary>
    private static (IncrementalValuesProvider<NetworkSpec> Specs, IncrementalValuesProvider<NetworkShellSpec> Shells) Split(
        IncrementalGeneratorInitializationContext context,
        IncrementalValuesProvider<NetworkParseResult> results,
        string diagnosticsName,
        string specsName,
        string shellsName)
    {
        IncrementalValuesProvider<DiagnosticInfo> diagnostics = results
            .SelectMany(static (result, _) => result.Diagnostics)
            .WithTrackingName(diagnosticsName);
        context.RegisterSourceOutput(diagnostics, static (output, diagnostic) => output.ReportDiagnostic(diagnostic.ToDiagnostic()));

        IncrementalValuesProvider<NetworkSpec> specs = results
            .Where(static result => result.Spec is not null)
            .Select(static (result, _) => result.Spec!)
            .WithTrackingName(specsName);
        IncrementalValuesProvider<NetworkShellSpec> shells = results
            .Where(static result => result.Shell is not null)
            .Select(static (result, _) => result.Shell!)
            .WithTrackingName(shellsName);
        return (specs, shells);
    }
}
