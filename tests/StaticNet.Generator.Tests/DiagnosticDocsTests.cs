using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using StaticNet.Generator.Diagnostics;
using Xunit;

namespace StaticNet.Generator.Tests;

/// <summary>
/// docs/diagnostics.md cannot drift from the catalogue: every descriptor links to a section of it that exists, every
/// released ID has one, and every section's wrong example reports its ID while its right examples compile cleanly.
/// </summary>
public sealed class DiagnosticDocsTests
{
    private const string HelpDocument = "https://github.com/staticnet/staticnet/blob/main/docs/diagnostics.md";

    public static TheoryData<string> Ids
    {
        get
        {
            var ids = new TheoryData<string>();
            foreach (DiagnosticDescriptor descriptor in Descriptors())
            {
                ids.Add(descriptor.Id);
            }

            return ids;
        }
    }

    [Fact]
    public void EveryDescriptor_HasADescriptionAndAHelpLinkToAHeadingOfTheDocument()
    {
        ISet<string> anchors = HeadingAnchors();
        foreach (DiagnosticDescriptor descriptor in Descriptors())
        {
            Assert.Equal(HelpDocument + "#" + descriptor.Id.ToLowerInvariant(), descriptor.HelpLinkUri);
            Assert.Contains(descriptor.HelpLinkUri.Substring(HelpDocument.Length + 1), anchors);
            Assert.False(string.IsNullOrWhiteSpace(descriptor.Description.ToString(System.Globalization.CultureInfo.InvariantCulture)), descriptor.Id);
        }
    }

    [Fact]
    public void EveryReleasedId_HasASection_AndEverySectionIsAnId()
    {
        string[] released = File.ReadAllLines(RepositoryFile("src/Generator/AnalyzerReleases.Unshipped.md"))
            .Concat(File.ReadAllLines(RepositoryFile("src/Generator/AnalyzerReleases.Shipped.md")))
            .Select(line => Regex.Match(line, @"^(SN\d{4})\s*\|"))
            .Where(match => match.Success)
            .Select(match => match.Groups[1].Value)
            .OrderBy(id => id, StringComparer.Ordinal)
            .ToArray();

        Assert.Equal(Descriptors().Select(descriptor => descriptor.Id).OrderBy(id => id, StringComparer.Ordinal), released);
        Assert.Equal(released.Select(id => id.ToLowerInvariant()), HeadingAnchors().OrderBy(anchor => anchor, StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void Section_HasAWrongExampleThatReportsItsId_AndRightExamplesThatCompile(string id)
    {
        (List<Example> wrong, List<Example> right) = Examples(id);
        Assert.Single(wrong);
        Assert.NotEmpty(right);

        GeneratorRun bad = wrong[0].Run();
        Assert.Equal(new[] { id }, bad.GeneratorDiagnostics.Select(diagnostic => diagnostic.Id).Distinct());
        Assert.True(!bad.CompilationErrors.Any(), GeneratorRun.Describe(bad.CompilationErrors));

        foreach (Example example in right)
        {
            GeneratorRun good = example.Run();
            Assert.Empty(good.GeneratorDiagnostics);
            Assert.True(!good.CompilationErrors.Any(), GeneratorRun.Describe(good.CompilationErrors));
            Assert.NotEmpty(good.Sources);
        }
    }

    private static IEnumerable<DiagnosticDescriptor> Descriptors() =>
        typeof(DiagnosticDescriptors)
            .GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(field => field.FieldType == typeof(DiagnosticDescriptor))
            .Select(field => (DiagnosticDescriptor)field.GetValue(null)!);

    /// <summary>The anchors GitHub gives the document's "## " headings: lower case, punctuation dropped, spaces as '-'.</summary>
    private static ISet<string> HeadingAnchors() =>
        new HashSet<string>(
            File.ReadAllLines(RepositoryFile("docs/diagnostics.md"))
                .Where(line => line.StartsWith("## ", StringComparison.Ordinal))
                .Select(line => Regex.Replace(line.Substring(3).Trim().ToLowerInvariant(), @"[^a-z0-9 _-]", string.Empty).Replace(' ', '-')),
            StringComparer.Ordinal);

    /// <summary>
    /// The C# blocks of the section "## <paramref name="id"/>", sorted by the "Wrong…"/"Right…" line that introduces
    /// each. A ```json block before a C# block is an AdditionalFiles item of that example, at the path its introducing
    /// line names in backticks (a frozen network's weights file).
    /// </summary>
    internal static (List<Example> Wrong, List<Example> Right) Examples(string id)
    {
        var wrong = new List<Example>();
        var right = new List<Example>();
        var files = new List<(string Path, string Text)>();
        string[] lines = File.ReadAllLines(RepositoryFile("docs/diagnostics.md"));
        int start = Array.IndexOf(lines, "## " + id);
        Assert.True(start >= 0, $"docs/diagnostics.md has no heading '## {id}'.");

        string introduction = string.Empty;
        for (int i = start + 1; i < lines.Length && !lines[i].StartsWith("## ", StringComparison.Ordinal); i++)
        {
            if (lines[i] == "```json")
            {
                Match path = Regex.Match(introduction, @"`([^`]+\.json)`");
                Assert.True(path.Success, $"The JSON block after '{introduction}' needs its path in backticks.");
                var json = new StringBuilder();
                for (i++; lines[i] != "```"; i++)
                {
                    json.Append(lines[i]).Append('\n');
                }

                files.Add((path.Groups[1].Value, json.ToString()));
                continue;
            }

            if (lines[i] != "```csharp")
            {
                introduction = lines[i].Length > 0 ? lines[i] : introduction;
                continue;
            }

            var code = new StringBuilder();
            for (i++; lines[i] != "```"; i++)
            {
                code.Append(lines[i]).Append('\n');
            }

            // An introduction that names `<LangVersion>…</LangVersion>` compiles its example with that C# version.
            Match language = Regex.Match(introduction, @"`<LangVersion>([0-9.]+)</LangVersion>`");
            LanguageVersion? version = language.Success && LanguageVersionFacts.TryParse(language.Groups[1].Value, out LanguageVersion parsed) ? parsed : null;
            // An introduction that names `netstandard2.1` compiles its example against the runtime's netstandard2.1 build.
            bool netstandard21 = introduction.Contains("`netstandard2.1`", StringComparison.Ordinal);
            (introduction.StartsWith("Wrong", StringComparison.Ordinal) ? wrong : right).Add(new Example(code.ToString(), files.ToArray(), version, netstandard21));
            files.Clear();
            Assert.True(introduction.StartsWith("Wrong", StringComparison.Ordinal) || introduction.StartsWith("Right", StringComparison.Ordinal), introduction);
        }

        return (wrong, right);
    }

    /// <summary>One example: its C# source and the AdditionalFiles items (path relative to the project, text) it comes with.</summary>
    internal sealed record Example(string Source, (string Path, string Text)[] Files, LanguageVersion? Language = null, bool Netstandard21 = false)
    {
        public GeneratorRun Run() => Netstandard21
            ? CompilationCapabilitiesTests.GenerateIntoNetstandard21(Source, Files)
            : Language is { } version
                ? GeneratorHarness.Run(new CSharpParseOptions(version, DocumentationMode.Diagnose), Source)
                : FrozenHarness.Run(Source, Files);
    }

    private static string RepositoryFile(string relativePath, [CallerFilePath] string testFile = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(testFile)!, "..", "..", relativePath));
}
