using System;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using Xunit;

namespace StaticNet.Generator.Tests;

/// <summary>
/// README shows an excerpt of generated code. It is marked with the verified snapshot it was taken from, and every
/// line of it (but the "…" that stands for lines left out) must appear in that snapshot in the same order, so the
/// excerpt cannot drift from what the generator writes.
/// </summary>
public sealed class ReadmeExcerptTests
{
    private static readonly Regex MarkedExcerpt = new(
        @"<!-- snapshot: (?<file>[^>]+?) -->\s*```csharp\r?\n(?<code>.*?)```",
        RegexOptions.Singleline | RegexOptions.Compiled);

    [Fact]
    public void ReadmeExcerpt_IsTakenLineForLineFromItsVerifiedSnapshot()
    {
        string readme = File.ReadAllText(Path.Combine(Snapshot.SnapshotDirectory(), "..", "..", "..", "README.md"));
        Match excerpt = MarkedExcerpt.Match(readme);
        Assert.True(excerpt.Success, "README.md has no '<!-- snapshot: FILE -->' marker followed by a csharp block.");

        string snapshotPath = Path.Combine(Snapshot.SnapshotDirectory(), excerpt.Groups["file"].Value);
        Assert.True(File.Exists(snapshotPath), $"The excerpt names {excerpt.Groups["file"].Value}, which is not a verified snapshot.");

        string[] snapshot = File.ReadAllLines(snapshotPath).Select(line => line.Trim()).ToArray();
        string[] lines = excerpt.Groups["code"].Value.Split('\n').Select(line => line.Trim()).Where(line => line.Length > 0).ToArray();
        Assert.True(lines.Count(line => line != "…") >= 5, "The excerpt should show at least five generated lines.");

        int position = 0;
        foreach (string line in lines.Where(line => line != "…"))
        {
            int found = Array.IndexOf(snapshot, line, position);
            Assert.True(found >= 0, $"README's excerpt line '{line}' is not in {Path.GetFileName(snapshotPath)} after line {position}: update the excerpt from the snapshot.");
            position = found + 1;
        }
    }
}
