using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using Xunit;

namespace StaticNet.Tests;

/// <summary>
/// README and docs/ are part of the product: every link they make inside the repository must resolve, to a file and,
/// where one is named, to a heading in it, and README must not point outside the repository.
/// </summary>
public sealed class DocumentationTests
{
    // [text](target) where target is not an absolute URL; images and plain anchors included.
    private static readonly Regex MarkdownLink = new(@"\]\((?<target>[^)\s]+)\)", RegexOptions.Compiled);

    public static TheoryData<string> MarkdownFiles()
    {
        var data = new TheoryData<string>();
        foreach (string file in DocumentedFiles())
        {
            data.Add(file);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(MarkdownFiles))]
    public void EveryRelativeLink_ResolvesToAFileAndHeadingInTheRepository(string relativePath)
    {
        string file = Path.Combine(Repository.Root, relativePath);
        var broken = new List<string>();
        foreach (string target in RelativeLinks(File.ReadAllText(file)))
        {
            string[] parts = target.Split('#', 2);
            string linked = parts[0].Length == 0 ? file : Path.GetFullPath(Path.Combine(Path.GetDirectoryName(file)!, parts[0]));
            if (!linked.StartsWith(Repository.Root, StringComparison.Ordinal))
            {
                broken.Add($"{target}: points outside the repository");
            }
            else if (!File.Exists(linked) && !Directory.Exists(linked))
            {
                broken.Add($"{target}: {Path.GetRelativePath(Repository.Root, linked)} does not exist");
            }
            else if (parts.Length == 2 && File.Exists(linked) && !Anchors(File.ReadAllText(linked)).Contains(parts[1]))
            {
                broken.Add($"{target}: no heading with anchor #{parts[1]} in {Path.GetRelativePath(Repository.Root, linked)}");
            }
        }

        Assert.True(broken.Count == 0, $"{relativePath} has broken links:{Environment.NewLine}{string.Join(Environment.NewLine, broken)}");
    }

    [Fact]
    public void Anchors_FollowGitHubsHeadingSlugs()
    {
        HashSet<string> anchors = Anchors("## Training, data, metrics and weight files\n### SN0001: not `partial`\n## Runtime library (`StaticNet`)\n");

        Assert.Equal(new[] { "runtime-library-staticnet", "sn0001-not-partial", "training-data-metrics-and-weight-files" }, anchors.OrderBy(a => a, StringComparer.Ordinal));
    }

    [Fact]
    public void TheDocumentedFiles_IncludeReadmeAndEveryPageUnderDocs()
    {
        string[] files = DocumentedFiles().ToArray();

        Assert.Contains("README.md", files);
        Assert.Contains(Path.Combine("docs", "backprop.md"), files);
    }

    private static IEnumerable<string> DocumentedFiles()
    {
        yield return "README.md";
        string docs = Path.Combine(Repository.Root, "docs");
        foreach (string page in Directory.EnumerateFiles(docs, "*.md").OrderBy(p => p, StringComparer.Ordinal))
        {
            yield return Path.GetRelativePath(Repository.Root, page);
        }
    }

    private static IEnumerable<string> RelativeLinks(string markdown)
    {
        // Inline code holds C# like `span[..](x)` that only looks like a link.
        string prose = Regex.Replace(WithoutCodeBlocks(markdown), "`[^`\n]*`", string.Empty);
        return MarkdownLink.Matches(prose)
            .Select(match => match.Groups["target"].Value)
            .Where(target => !Regex.IsMatch(target, "^[a-z]+:", RegexOptions.IgnoreCase));
    }

    // Code blocks hold shell comments that look like headings and C# that looks like links.
    private static string WithoutCodeBlocks(string markdown) =>
        Regex.Replace(markdown, "```.*?```", string.Empty, RegexOptions.Singleline);

    // GitHub's slugs: lower case, punctuation other than '-' and '_' dropped, spaces to '-'.
    private static HashSet<string> Anchors(string markdown)
    {
        var anchors = new HashSet<string>(StringComparer.Ordinal);
        foreach (Match heading in Regex.Matches(WithoutCodeBlocks(markdown), @"^#{1,6}\s+(?<title>.+?)\s*$", RegexOptions.Multiline))
        {
            string slug = heading.Groups["title"].Value.ToLowerInvariant().Replace(' ', '-');
            anchors.Add(Regex.Replace(slug, @"[^\p{L}\p{N}\-_]", string.Empty));
        }

        return anchors;
    }
}
