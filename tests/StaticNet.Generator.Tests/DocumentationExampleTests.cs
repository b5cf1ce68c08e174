using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Xunit;

namespace StaticNet.Generator.Tests;

/// <summary>
/// Every C# and Python block of README.md and docs/*.md runs or compiles in this suite. Each block is one of:
/// <list type="bullet">
/// <item><c>&lt;!-- include: PATH#NAME --&gt;</c> above it: the block equals region NAME of PATH (a C# file of a sample
/// or test project in the solution, or a Python script under tests/ that a test runs), so it is code that runs;</item>
/// <item><c>&lt;!-- compile --&gt;</c> above it: compiled here with the generator, as a console program's
/// Program.cs (top-level statements, the template's implicit usings) or a library, with no error and no SN diagnostic;</item>
/// <item><c>&lt;!-- snapshot: FILE --&gt;</c> above it: an excerpt of generated code whose lines ("…" stands for lines
/// left out) appear in that verified snapshot in the same order;</item>
/// <item>a wrong or right example of a section of docs/diagnostics.md, compiled by <see cref="DiagnosticDocsTests"/>.</item>
/// </list>
/// Blocks of other languages (text, sh, xml, json) are not checked, but every fence must name its language.
/// </summary>
public sealed class DocumentationExampleTests
{
    private static readonly string[] ConsoleImplicitUsings =
        ["System", "System.Collections.Generic", "System.IO", "System.Linq", "System.Net.Http", "System.Threading", "System.Threading.Tasks"];

    public static TheoryData<string, int> CodeBlocks()
    {
        var data = new TheoryData<string, int>();
        foreach (DocumentationBlock block in AllBlocks().Where(block => IsCSharp(block) || IsPython(block)))
        {
            data.Add(block.File, block.Line);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(CodeBlocks))]
    public void EveryCSharpAndPythonBlock_IsIncludedFromCodeThatRuns_OrCompiledByATest(string file, int line)
    {
        DocumentationBlock block = AllBlocks().Single(candidate => candidate.File == file && candidate.Line == line);
        string? include = block.Markers.FirstOrDefault(marker => marker.StartsWith("include:", StringComparison.Ordinal));
        string? snapshot = block.Markers.FirstOrDefault(marker => marker.StartsWith("snapshot:", StringComparison.Ordinal));
        if (include is not null)
        {
            CheckInclude(block, include.Substring("include:".Length).Trim());
        }
        else if (block.Markers.Contains("compile") && IsCSharp(block))
        {
            CheckCompiles(block);
        }
        else if (snapshot is not null && IsCSharp(block))
        {
            CheckSnapshotExcerpt(block, snapshot.Substring("snapshot:".Length).Trim());
        }
        else if (block.File == "docs/diagnostics.md" && IsCSharp(block))
        {
            CheckDiagnosticExample(block);
        }
        else
        {
            Assert.Fail($"{block}: a {block.Language} block must be preceded by '<!-- include: path/to/file#NAME -->' (a region of a sample, test or test script)" +
                (IsCSharp(block) ? ", '<!-- compile -->' or '<!-- snapshot: FILE -->'." : "."));
        }
    }

    [Fact]
    public void EveryFence_NamesItsLanguage()
    {
        string[] bare = AllBlocks().Where(block => block.Language.Length == 0).Select(block => block.ToString()).ToArray();

        Assert.True(bare.Length == 0, "Name the language of these blocks (```text for output, diagrams and formulas): " + string.Join(", ", bare));
    }

    [Fact]
    public void TheBlocks_IncludeEachKind_AndTheQuickStartIsCompiled()
    {
        DocumentationBlock[] code = AllBlocks().Where(block => IsCSharp(block) || IsPython(block)).ToArray();

        Assert.Contains(code, block => IsPython(block) && block.Markers.Any(marker => marker.StartsWith("include:", StringComparison.Ordinal)));
        Assert.Contains(code, block => IsCSharp(block) && block.Markers.Any(marker => marker.StartsWith("include:", StringComparison.Ordinal)));
        Assert.Contains(code, block => block.Markers.Any(marker => marker.StartsWith("snapshot:", StringComparison.Ordinal)));
        DocumentationBlock quickStart = Assert.Single(code, block => block.File == "README.md" && block.Markers.Contains("quick-start:begin"));
        Assert.Contains("compile", quickStart.Markers);
    }

    [Fact]
    public void Region_IsTheMarkedLinesDedented()
    {
        string[] region = DocumentationBlocks.Region("tests/StaticNet.Generator.Tests/DocumentationExampleTests.cs", "region-example");

        // <docs:region-example>
        //   kept as written
        // </docs:region-example>
        Assert.Equal(["//   kept as written"], region);
    }

    private static IEnumerable<DocumentationBlock> AllBlocks() => DocumentationBlocks.MarkdownFiles().SelectMany(DocumentationBlocks.In);

    private static bool IsCSharp(DocumentationBlock block) => block.Language is "csharp" or "cs" or "c#";

    private static bool IsPython(DocumentationBlock block) => block.Language is "python" or "py";

    private static void CheckInclude(DocumentationBlock block, string target)
    {
        string[] parts = target.Split('#');
        Assert.True(parts.Length == 2 && parts[0].Length > 0 && parts[1].Length > 0, $"{block}: write the marker as '<!-- include: path/to/file#NAME -->', not '{target}'.");
        string path = parts[0];
        Assert.True(File.Exists(Path.Combine(DocumentationBlocks.Root(), path)), $"{block}: {path} does not exist (paths are relative to the repository root).");
        if (path.EndsWith(".cs", StringComparison.Ordinal))
        {
            Assert.True(IsCSharp(block), $"{block}: a {block.Language} block includes a C# file.");
            string? project = ProjectOf(path);
            Assert.True(project is not null && (project.StartsWith("samples/", StringComparison.Ordinal) || project.StartsWith("tests/", StringComparison.Ordinal)), $"{block}: {path} is not in a sample or test project.");
            Assert.True(File.ReadAllText(Path.Combine(DocumentationBlocks.Root(), "StaticNet.sln")).Contains(project!.Replace('/', '\\'), StringComparison.Ordinal), $"{block}: {project} is not in StaticNet.sln, so nothing builds or runs it.");
        }
        else
        {
            Assert.True(IsPython(block) && path.EndsWith(".py", StringComparison.Ordinal), $"{block}: a {block.Language} block can include a .cs or (Python) .py file, not {path}.");
            Assert.True(path.StartsWith("tests/", StringComparison.Ordinal) && ScriptIsRunByATest(Path.GetFileName(path)), $"{block}: {path} must be a script under tests/ that a test runs (named in a test's .cs file).");
        }

        string[] region = DocumentationBlocks.Region(path, parts[1]);
        string[] shown = block.Lines.Select(line => line.TrimEnd()).ToArray();
        Assert.True(region.SequenceEqual(shown), $"{block} differs from region '{parts[1]}' of {path}; copy the region into the block:{Environment.NewLine}{TextDiff.Describe(string.Join("\n", region), string.Join("\n", shown))}");
    }

    private static void CheckCompiles(DocumentationBlock block)
    {
        SyntaxTree tree = GeneratorHarness.ParseSource(block.Text, $"/docs/{block.File}.{block.Line}.cs");
        bool isProgram = tree.GetRoot().DescendantNodes().OfType<GlobalStatementSyntax>().Any();
        var trees = new List<SyntaxTree> { tree };
        if (isProgram)
        {
            // What `dotnet new console` turns on: the quick start is pasted into such a project's Program.cs.
            trees.Add(GeneratorHarness.ParseSource(string.Concat(ConsoleImplicitUsings.Select(ns => $"global using global::{ns};\n")), "/docs/ImplicitUsings.cs"));
        }

        Compilation compilation = GeneratorHarness.CreateCompilation()
            .AddSyntaxTrees(trees)
            .WithOptions(GeneratorHarness.CompilationOptions.WithOutputKind(isProgram ? OutputKind.ConsoleApplication : OutputKind.DynamicallyLinkedLibrary));
        GeneratorRun run = GeneratorHarness.Run(GeneratorHarness.CreateDriver(), compilation);

        Assert.True(run.GeneratorDiagnostics.IsEmpty, $"{block}: {GeneratorRun.Describe(run.GeneratorDiagnostics)}");
        Assert.True(!run.CompilationErrors.Any(), $"{block} does not compile: {GeneratorRun.Describe(run.CompilationErrors)}");
    }

    private static void CheckSnapshotExcerpt(DocumentationBlock block, string file)
    {
        string snapshotPath = Path.Combine(Snapshot.SnapshotDirectory(), file);
        Assert.True(File.Exists(snapshotPath), $"{block} names {file}, which is not a verified snapshot.");

        string[] snapshot = File.ReadAllLines(snapshotPath).Select(line => line.Trim()).ToArray();
        string[] lines = block.Lines.Select(line => line.Trim()).Where(line => line.Length > 0 && line != "…").ToArray();
        Assert.True(lines.Length >= 5, $"{block}: the excerpt should show at least five generated lines.");

        int position = 0;
        foreach (string line in lines)
        {
            int found = Array.IndexOf(snapshot, line, position);
            Assert.True(found >= 0, $"{block}: the excerpt line '{line}' is not in {file} after line {position}: update the excerpt from the snapshot.");
            position = found + 1;
        }
    }

    private static void CheckDiagnosticExample(DocumentationBlock block)
    {
        string[] lines = File.ReadAllLines(Path.Combine(DocumentationBlocks.Root(), block.File));
        string? section = lines.Take(block.Line).Reverse().Select(line => Regex.Match(line, @"^## (SN\d{4})$")).FirstOrDefault(match => match.Success)?.Groups[1].Value;
        Assert.True(section is not null, $"{block}: a C# block of docs/diagnostics.md outside an '## SNxxxx' section needs an include or compile marker.");

        (List<DiagnosticDocsTests.Example> wrong, List<DiagnosticDocsTests.Example> right) = DiagnosticDocsTests.Examples(section!);
        Assert.True(wrong.Concat(right).Any(example => example.Source == block.Text + "\n"), $"{block} is not one of the wrong or right examples DiagnosticDocsTests compiles for {section} (introduce it with a 'Wrong…' or 'Right…' line).");
    }

    // The project directory (relative, '/' separators) of the nearest .csproj above a file, or null.
    private static string? ProjectOf(string path)
    {
        for (string? directory = Path.GetDirectoryName(path); !string.IsNullOrEmpty(directory); directory = Path.GetDirectoryName(directory))
        {
            string? project = Directory.EnumerateFiles(Path.Combine(DocumentationBlocks.Root(), directory), "*.csproj").FirstOrDefault();
            if (project is not null)
            {
                return directory.Replace('\\', '/') + "/" + Path.GetFileName(project);
            }
        }

        return null;
    }

    private static bool ScriptIsRunByATest(string scriptName) =>
        Directory.EnumerateFiles(Path.Combine(DocumentationBlocks.Root(), "tests"), "*.cs", SearchOption.AllDirectories)
            .Where(file => !file.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Any(file => File.ReadAllText(file).Contains($"\"{scriptName}\"", StringComparison.Ordinal));
}
