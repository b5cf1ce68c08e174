using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using StaticNet.Generator.Model;

namespace StaticNet.Generator.Emit;

/// <summary>
/// Keeps generated file names unique under Roslyn's rule, which compares hint names ignoring case (as Windows and
/// macOS compare file names): networks whose full names differ only by case get a suffix that tells them apart.
/// </summary>
internal static class HintNames
{
    /// <summary>The names, among <paramref name="names"/>, that equal another one when case is ignored; sorted ordinally.</summary>
    public static EquatableArray<string> CaseClashes(ImmutableArray<string> names)
    {
        var byFolded = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        foreach (string name in names)
        {
            byFolded[name] = byFolded.TryGetValue(name, out int count) ? count + 1 : 1;
        }

        var clashes = new List<string>();
        foreach (string name in names)
        {
            if (byFolded[name] > 1)
            {
                clashes.Add(name);
            }
        }

        clashes.Sort(StringComparer.Ordinal);
        return new EquatableArray<string>(clashes.ToArray());
    }

    /// <summary>
    /// <paramref name="hintName"/> itself, or, when it clashes, <c>Demo.NET.g.cs</c> → <c>Demo.NET.1a2b3c4d.g.cs</c>:
    /// a hash of the exact, case-sensitive name, the same in every build.
    /// </summary>
    public static string Unique(string hintName, EquatableArray<string> clashes)
    {
        foreach (string clash in clashes)
        {
            if (string.Equals(clash, hintName, StringComparison.Ordinal))
            {
                const string extension = ".g.cs";
                string stem = hintName.Substring(0, hintName.Length - extension.Length);
                return stem + "." + Fnv1a(hintName).ToString("x8", CultureInfo.InvariantCulture) + extension;
            }
        }

        return hintName;
    }

    // FNV-1a over UTF-16 code units: tiny, stable across runs and platforms (string.GetHashCode is randomised).
    private static uint Fnv1a(string text)
    {
        uint hash = 2166136261;
        foreach (char c in text)
        {
            hash = (hash ^ c) * 16777619;
        }

        return hash;
    }
}
