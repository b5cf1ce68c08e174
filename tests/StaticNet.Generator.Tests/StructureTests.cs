using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace StaticNet.Generator.Tests;

/// <summary>
/// The generator's own structure, checked on its source with the semantic model: the plan makes decisions and names
/// nothing (Planning references no type of Emit), and the emitters call each other down a tree, never in a cycle.
/// </summary>
public sealed class StructureTests
{
    private const string Planning = "StaticNet.Generator.Planning";
    private const string Emit = "StaticNet.Generator.Emit";

    private static readonly Lazy<CSharpCompilation> Generator = new(CompileGenerator);

    [Fact]
    public void GeneratorSources_CompileWithoutErrors_SoTheChecksBelowSeeEveryReference()
    {
        Diagnostic[] errors = Generator.Value.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToArray();

        Assert.True(errors.Length == 0, string.Join(Environment.NewLine, errors.Select(e => e.ToString())));
    }

    [Fact]
    public void Planning_ReferencesNoTypeOfEmit()
    {
        Dictionary<string, HashSet<string>> references = TypeReferences(type => Namespace(type) == Planning);
        Assert.NotEmpty(references);

        string[] offenders = references
            .SelectMany(pair => pair.Value.Where(target => target.StartsWith(Emit + ".", StringComparison.Ordinal)).Select(target => $"{pair.Key} → {target}"))
            .ToArray();
        Assert.True(offenders.Length == 0, "Planning must return plain decisions; Emit spells them: " + string.Join(", ", offenders));
    }

    [Fact]
    public void Planning_DoesNotImportTheEmitNamespace()
    {
        string[] importing = Generator.Value.SyntaxTrees
            .Where(tree => tree.FilePath.Replace('\\', '/').Contains("/Planning/", StringComparison.Ordinal))
            .Where(tree => tree.ToString().Contains("Generator.Emit", StringComparison.Ordinal))
            .Select(tree => Path.GetFileName(tree.FilePath))
            .ToArray();

        Assert.Empty(importing);
    }

    [Fact]
    public void Emitters_CallEachOtherWithoutACycle()
    {
        Dictionary<string, HashSet<string>> references = TypeReferences(type => Namespace(type) == Emit);
        var emitters = new HashSet<string>(references.Keys.Where(name => name.EndsWith("Emitter", StringComparison.Ordinal)));
        Assert.Contains(Emit + ".ForwardPassEmitter", emitters);
        Assert.Contains(Emit + ".FrozenEmitter", emitters);

        var graph = emitters.ToDictionary(name => name, name => references[name].Where(target => target != name && emitters.Contains(target)).ToArray());
        List<string>? cycle = FindCycle(graph);

        Assert.True(cycle is null, "Emitter cycle: " + (cycle is null ? "" : string.Join(" → ", cycle)));
    }

    [Fact]
    public void SharedLayerCode_HasOneOwner_ThatTheMethodEmittersCall()
    {
        Dictionary<string, HashSet<string>> references = TypeReferences(type => Namespace(type) == Emit);

        // Backward, TrainStep and the batch methods write their layers through the same two emitters…
        foreach (string caller in new[] { "BackpropagationEmitter", "TrainStepEmitter", "BatchEmitter" })
        {
            Assert.Contains(Emit + ".LayerGradientEmitter", references[Emit + "." + caller]);
            Assert.Contains(Emit + ".OutputErrorEmitter", references[Emit + "." + caller]);
        }

        // …and none of them hands its own helpers to another.
        Assert.DoesNotContain(Emit + ".BackpropagationEmitter", references[Emit + ".TrainStepEmitter"]);
        Assert.DoesNotContain(Emit + ".BackpropagationEmitter", references[Emit + ".BatchEmitter"]);
        Assert.DoesNotContain(Emit + ".ForwardPassEmitter", references[Emit + ".FrozenEmitter"]);
        Assert.DoesNotContain(Emit + ".FrozenEmitter", references[Emit + ".ForwardPassEmitter"]);
    }

    [Fact]
    public void EmittersAndPlan_NameNoActivation_ButReadItsEntryInTheActivationTable()
    {
        // Adding an activation is an entry in Model/ActivationTable.cs (and its runtime kernels): no emitter or plan
        // decision may single out an activation by name. (The validator's loss/activation pairing rules may.)
        var offenders = new List<string>();
        CSharpCompilation compilation = Generator.Value;
        foreach (SyntaxTree tree in compilation.SyntaxTrees)
        {
            string path = tree.FilePath.Replace('\\', '/');
            if (!path.Contains("/Generator/Emit/", StringComparison.Ordinal) && !path.Contains("/Generator/Planning/", StringComparison.Ordinal))
            {
                continue;
            }

            SemanticModel model = compilation.GetSemanticModel(tree);
            foreach (SyntaxNode node in tree.GetRoot().DescendantNodes().OfType<Microsoft.CodeAnalysis.CSharp.Syntax.IdentifierNameSyntax>())
            {
                if (model.GetSymbolInfo(node).Symbol is IFieldSymbol { ContainingType: { TypeKind: TypeKind.Enum, Name: "Activation" } } member)
                {
                    offenders.Add($"{Path.GetFileName(path)}: Activation.{member.Name}");
                }
            }
        }

        Assert.True(offenders.Count == 0, string.Join(", ", offenders));
    }

    /// <summary>For each type the filter selects, the full names of every type its declarations name or call into.</summary>
    private static Dictionary<string, HashSet<string>> TypeReferences(Func<INamedTypeSymbol, bool> filter)
    {
        var result = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        CSharpCompilation compilation = Generator.Value;
        foreach (SyntaxTree tree in compilation.SyntaxTrees)
        {
            SemanticModel model = compilation.GetSemanticModel(tree);
            foreach (SyntaxNode node in tree.GetRoot().DescendantNodes())
            {
                if (node is not Microsoft.CodeAnalysis.CSharp.Syntax.BaseTypeDeclarationSyntax ||
                    model.GetDeclaredSymbol(node) is not INamedTypeSymbol declared ||
                    !filter(declared))
                {
                    continue;
                }

                string name = declared.ToDisplayString();
                if (!result.TryGetValue(name, out HashSet<string>? targets))
                {
                    result[name] = targets = new HashSet<string>(StringComparer.Ordinal);
                }

                foreach (SyntaxNode inner in node.DescendantNodes())
                {
                    ISymbol? symbol = model.GetSymbolInfo(inner).Symbol;
                    for (ISymbol? current = symbol; current is not null; current = current.ContainingSymbol)
                    {
                        if (current is INamedTypeSymbol type)
                        {
                            targets.Add(type.OriginalDefinition.ToDisplayString());
                            break;
                        }
                    }

                    if (model.GetTypeInfo(inner).Type is INamedTypeSymbol typeOf)
                    {
                        targets.Add(typeOf.OriginalDefinition.ToDisplayString());
                    }
                }
            }
        }

        return result;
    }

    private static string Namespace(INamedTypeSymbol type) => type.ContainingNamespace.ToDisplayString();

    private static List<string>? FindCycle(Dictionary<string, string[]> graph)
    {
        var state = new Dictionary<string, int>(); // 1: on the path, 2: done
        var path = new List<string>();

        List<string>? Visit(string node)
        {
            state[node] = 1;
            path.Add(node);
            foreach (string next in graph[node])
            {
                if (state.TryGetValue(next, out int seen) && seen == 1)
                {
                    return path.Skip(path.IndexOf(next)).Append(next).ToList();
                }

                if (!state.ContainsKey(next) && Visit(next) is { } cycle)
                {
                    return cycle;
                }
            }

            path.RemoveAt(path.Count - 1);
            state[node] = 2;
            return null;
        }

        foreach (string node in graph.Keys)
        {
            if (!state.ContainsKey(node) && Visit(node) is { } cycle)
            {
                return cycle;
            }
        }

        return null;
    }

    /// <summary>
    /// The src/Shared folders the generator's project leaves out (its <c>Compile Include="../Shared/**"</c> item's
    /// Exclude), read from the project file so this list cannot drift from the build.
    /// </summary>
    private static IEnumerable<string> ExcludedSharedFolders(string src)
    {
        string project = File.ReadAllText(Path.Combine(src, "Generator", "StaticNet.Generator.csproj"));
        Match item = Regex.Match(project, "Include=\"\\.\\./Shared/\\*\\*/\\*\\.cs\" Exclude=\"([^\"]*)\"");
        return item.Success
            ? item.Groups[1].Value.Split(';', StringSplitOptions.RemoveEmptyEntries)
                .Select(pattern => Path.GetFullPath(Path.Combine(src, "Generator", pattern.Replace("/**", string.Empty, StringComparison.Ordinal))) + Path.DirectorySeparatorChar)
            : Enumerable.Empty<string>();
    }

    /// <summary>The generator's sources as its project compiles them: its own files, the linked enums and src/Shared.</summary>
    private static CSharpCompilation CompileGenerator()
    {
        string src = RepositoryPath("src");
        var files = Directory.EnumerateFiles(Path.Combine(src, "Generator"), "*.cs", SearchOption.AllDirectories)
            .Where(path => !IsBuildOutput(path))
            .Concat(new[] { Path.Combine(src, "Runtime", "Activation.cs"), Path.Combine(src, "Runtime", "Loss.cs") })
            .Concat(Directory.EnumerateFiles(Path.Combine(src, "Shared"), "*.cs", SearchOption.AllDirectories)
                .Where(path => !IsBuildOutput(path) && !ExcludedSharedFolders(src).Any(folder => path.StartsWith(folder, StringComparison.Ordinal))));
        var options = new CSharpParseOptions(LanguageVersion.CSharp12, preprocessorSymbols: new[] { "STATICNET_GENERATOR" });
        SyntaxTree[] trees = files.Select(path => CSharpSyntaxTree.ParseText(File.ReadAllText(path), options, path)).ToArray();

        var references = ((string?)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            // Not this project's own assemblies: the runtime's StaticNet.Activation would compete with the generator's.
            .Where(path => !Path.GetFileName(path).StartsWith("StaticNet", StringComparison.Ordinal))
            .Append(typeof(SyntaxNode).Assembly.Location)
            .Append(typeof(CSharpSyntaxTree).Assembly.Location)
            .Distinct(StringComparer.Ordinal)
            .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path));
        return CSharpCompilation.Create(
            "StaticNet.Generator.Structure",
            trees,
            references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
    }

    private static bool IsBuildOutput(string path)
    {
        string unified = path.Replace('\\', '/');
        return unified.Contains("/obj/", StringComparison.Ordinal) || unified.Contains("/bin/", StringComparison.Ordinal);
    }

    private static string RepositoryPath(string relativePath, [CallerFilePath] string testFile = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(testFile)!, "..", "..", relativePath));
}
