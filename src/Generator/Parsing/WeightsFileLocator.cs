using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace StaticNet.Generator.Parsing;

/// <summary>
/// Finds the AdditionalFiles item that a Weights path names, without touching the file system (a generator may read
/// only what the compiler hands it). Paths are compared with '/' for every separator and "." and ".." segments
/// folded. An absolute path must be an item's path. A relative path is first resolved against the project directory
/// (<c>build_property.ProjectDir</c>); when no item is there (a file linked in from elsewhere, or no project
/// directory known), every item whose path ends with it at a folder boundary matches, and more than one is ambiguous.
/// </summary>
internal static class WeightsFileLocator
{
    /// <summary>The items <paramref name="weightsPath"/> names: none, one, or several (ambiguous).</summary>
    public static List<AdditionalText> Find(string weightsPath, string? projectDirectory, ImmutableArray<AdditionalText> files, out string resolvedPath)
    {
        string path = Normalize(weightsPath);
        bool absolute = IsAbsolute(path);
        resolvedPath = absolute || string.IsNullOrEmpty(projectDirectory) ? path : Normalize(projectDirectory!.TrimEnd('/', '\\') + "/" + path);

        var exact = new List<AdditionalText>();
        var byEnding = new List<AdditionalText>();
        string ending = "/" + path;
        foreach (AdditionalText file in files)
        {
            string candidate = Normalize(file.Path);
            if (PathEquals(candidate, resolvedPath))
            {
                exact.Add(file);
            }
            else if (!absolute && candidate.EndsWith(ending, System.StringComparison.OrdinalIgnoreCase))
            {
                byEnding.Add(file);
            }
        }

        return exact.Count > 0 ? exact : byEnding;
    }

    /// <summary>'/' for every separator, "." segments dropped and "dir/.." folded, so one file has one spelling.</summary>
    public static string Normalize(string path)
    {
        string unified = path.Replace('\\', '/');
        bool rooted = unified.StartsWith("/", System.StringComparison.Ordinal);
        var segments = new List<string>();
        foreach (string segment in unified.Split('/'))
        {
            if (segment.Length == 0 || segment == ".")
            {
                continue;
            }

            if (segment == ".." && segments.Count > 0 && segments[segments.Count - 1] != "..")
            {
                segments.RemoveAt(segments.Count - 1);
                continue;
            }

            segments.Add(segment);
        }

        return (rooted ? "/" : string.Empty) + string.Join("/", segments);
    }

    // "/x" on Unix, "C:/x" on Windows (after Normalize).
    private static bool IsAbsolute(string path) => path.StartsWith("/", System.StringComparison.Ordinal) || (path.Length >= 2 && path[1] == ':');

    // Case-insensitive, as on Windows and macOS; two AdditionalFiles that differ only in case would be ambiguous anyway.
    private static bool PathEquals(string a, string b) => string.Equals(a, b, System.StringComparison.OrdinalIgnoreCase);
}
