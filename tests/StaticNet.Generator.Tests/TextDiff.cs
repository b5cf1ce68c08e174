using System;
using System.Collections.Generic;
using System.Text;

namespace StaticNet.Generator.Tests;

/// <summary>
/// A short, readable line diff for snapshot failures: the lines that differ, with their line numbers in the
/// verified (-) and received (+) text, and a little context.
/// </summary>
internal static class TextDiff
{
    private const int MaxReportedLines = 40;
    private const int Context = 2;

    // An LCS table over the differing middle of two files; past this many cells, fall back to a lockstep comparison.
    private const long MaxTableCells = 4_000_000;

    public static string Describe(string expected, string actual)
    {
        string[] left = SplitLines(expected);
        string[] right = SplitLines(actual);

        // Trim the common prefix and suffix first: snapshots usually differ in a few lines.
        int prefix = 0;
        while (prefix < left.Length && prefix < right.Length && left[prefix] == right[prefix])
        {
            prefix++;
        }

        int suffix = 0;
        while (suffix < left.Length - prefix && suffix < right.Length - prefix &&
               left[left.Length - 1 - suffix] == right[right.Length - 1 - suffix])
        {
            suffix++;
        }

        List<Edit> edits = Diff(left, right, prefix, left.Length - suffix, prefix, right.Length - suffix);
        var report = new StringBuilder();
        report.AppendLine($"{left.Length} verified line(s), {right.Length} received line(s); first difference at line {prefix + 1}:");

        for (int i = Math.Max(0, prefix - Context); i < prefix; i++)
        {
            report.AppendLine($"  {i + 1,5}: {left[i]}");
        }

        int reported = 0;
        foreach (Edit edit in edits)
        {
            if (reported++ == MaxReportedLines)
            {
                report.AppendLine($"  … and {edits.Count - MaxReportedLines} more differing line(s)");
                break;
            }

            report.AppendLine(edit.Removed
                ? $"- {edit.Line,5}: {left[edit.Line - 1]}"
                : $"+ {edit.Line,5}: {right[edit.Line - 1]}");
        }

        return report.ToString();
    }

    private static string[] SplitLines(string text) =>
        text.Length == 0 ? Array.Empty<string>() : text.TrimEnd('\n').Split('\n');

    /// <summary>Removed lines are numbered in the verified text, added lines in the received text (1-based).</summary>
    private readonly record struct Edit(bool Removed, int Line);

    private static List<Edit> Diff(string[] left, string[] right, int leftStart, int leftEnd, int rightStart, int rightEnd)
    {
        int n = leftEnd - leftStart;
        int m = rightEnd - rightStart;
        var edits = new List<Edit>();
        if ((long)n * m > MaxTableCells)
        {
            // Too large for a table: report line pairs in lockstep, which is still enough to find the first change.
            for (int i = 0; i < Math.Max(n, m); i++)
            {
                if (i < n)
                {
                    edits.Add(new Edit(true, leftStart + i + 1));
                }

                if (i < m)
                {
                    edits.Add(new Edit(false, rightStart + i + 1));
                }
            }

            return edits;
        }

        // lcs[i, j] = length of the longest common subsequence of left[i..] and right[j..] (within the middle).
        var lcs = new int[n + 1, m + 1];
        for (int i = n - 1; i >= 0; i--)
        {
            for (int j = m - 1; j >= 0; j--)
            {
                lcs[i, j] = left[leftStart + i] == right[rightStart + j]
                    ? lcs[i + 1, j + 1] + 1
                    : Math.Max(lcs[i + 1, j], lcs[i, j + 1]);
            }
        }

        int a = 0, b = 0;
        while (a < n || b < m)
        {
            if (a < n && b < m && left[leftStart + a] == right[rightStart + b])
            {
                a++;
                b++;
            }
            else if (b == m || (a < n && lcs[a + 1, b] >= lcs[a, b + 1]))
            {
                edits.Add(new Edit(true, leftStart + a + 1));
                a++;
            }
            else
            {
                edits.Add(new Edit(false, rightStart + b + 1));
                b++;
            }
        }

        return edits;
    }
}
