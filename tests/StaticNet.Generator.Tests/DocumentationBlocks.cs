using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;

namespace StaticNet.Generator.Tests;

/// <summary>One fenced code block of README.md or a page of docs/.</summary>
/// <param name="File">The Markdown file, relative to the repository root, with '/' separators.</param>
/// <param name="Line">The 1-based line of the opening fence.</param>
/// <param name="Language">The fence's info string, e.g. <c>csharp</c>; empty for a bare fence.</param>
/// <param name="Lines">The block's lines, without the fences.</param>
/// <param name="Markers">The HTML comments on the lines right above the fence (blank lines between them allowed), nearest first, without <c>&lt;!--</c> and <c>--&gt;</c>.</param>
internal sealed record DocumentationBlock(string File, int Line, string Language, string[] Lines, string[] Markers)
{
    public string Text => string.Join("\n", Lines);

    public override string ToString() => $"{File}:{Line}";
}

/// <summary>Reads the fenced blocks of the repository's Markdown and the marked regions of its code files.</summary>
internal static class DocumentationBlocks
{
    private static readonly Regex Fence = new(@"^(?<indent> *)```(?<language>\S*)\s*$", RegexOptions.Compiled);
    private static readonly Regex Comment = new(@"^\s*<!--\s*(?<text>.*?)\s*-->\s*$", RegexOptions.Compiled);

    /// <summary>The repository root (the folder of StaticNet.sln), from this file's compile-time path.</summary>
    public static string Root([CallerFilePath] string thisFile = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(thisFile)!, "..", ".."));

    /// <summary>README.md and every docs/*.md, relative to the root.</summary>
    public static IEnumerable<string> MarkdownFiles() =>
        new[] { "README.md" }.Concat(
            Directory.EnumerateFiles(Path.Combine(Root(), "docs"), "*.md")
                .Select(path => "docs/" + Path.GetFileName(path))
                .OrderBy(path => path, StringComparer.Ordinal));

    /// <summary>Every fenced block of <paramref name="file"/>; an unclosed fence is an error.</summary>
    public static IEnumerable<DocumentationBlock> In(string file)
    {
        string[] lines = System.IO.File.ReadAllLines(Path.Combine(Root(), file));
        for (int i = 0; i < lines.Length; i++)
        {
            Match open = Fence.Match(lines[i]);
            if (!open.Success)
            {
                continue;
            }

            int start = i;
            int indent = open.Groups["indent"].Length;
            var body = new List<string>();
            for (i++; i < lines.Length && lines[i].Trim() != "```"; i++)
            {
                body.Add(lines[i].Length >= indent && lines[i].Take(indent).All(c => c == ' ') ? lines[i].Substring(indent) : lines[i]);
            }

            if (i == lines.Length)
            {
                throw new InvalidDataException($"{file}:{start + 1}: the code block is never closed.");
            }

            yield return new DocumentationBlock(file, start + 1, open.Groups["language"].Value, body.ToArray(), MarkersAbove(lines, start));
        }
    }

    /// <summary>
    /// The lines of region <paramref name="name"/> in a code file: between <c>// &lt;docs:NAME&gt;</c> and
    /// <c>// &lt;/docs:NAME&gt;</c> (<c>#</c> for Python), with the indentation they share removed.
    /// </summary>
    /// <exception cref="InvalidDataException">The file has no such region, or more than one.</exception>
    public static string[] Region(string relativePath, string name)
    {
        string comment = relativePath.EndsWith(".py", StringComparison.Ordinal) ? "#" : "//";
        string[] lines = System.IO.File.ReadAllLines(Path.Combine(Root(), relativePath));
        int[] starts = Enumerable.Range(0, lines.Length).Where(i => lines[i].Trim() == $"{comment} <docs:{name}>").ToArray();
        int[] ends = Enumerable.Range(0, lines.Length).Where(i => lines[i].Trim() == $"{comment} </docs:{name}>").ToArray();
        if (starts.Length != 1 || ends.Length != 1 || ends[0] < starts[0])
        {
            throw new InvalidDataException($"{relativePath} must have exactly one '{comment} <docs:{name}>' line followed by one '{comment} </docs:{name}>' line; it has {starts.Length} and {ends.Length}.");
        }

        string[] region = lines[(starts[0] + 1)..ends[0]];
        int shared = region.Where(line => line.Trim().Length > 0).Select(line => line.Length - line.TrimStart(' ').Length).DefaultIfEmpty(0).Min();
        return region.Select(line => line.Trim().Length == 0 ? string.Empty : line.Substring(shared).TrimEnd()).ToArray();
    }

    private static string[] MarkersAbove(string[] lines, int fence)
    {
        var markers = new List<string>();
        for (int i = fence - 1; i >= 0; i--)
        {
            Match comment = Comment.Match(lines[i]);
            if (comment.Success)
            {
                markers.Add(comment.Groups["text"].Value);
            }
            else if (lines[i].Trim().Length > 0)
            {
                break;
            }
        }

        return markers.ToArray();
    }
}
