using System;
using System.IO;

namespace StaticNet.Tests;

/// <summary>Where the repository's own files are, for tests that read README, docs/ or shipped data.</summary>
internal static class Repository
{
    private static readonly Lazy<string> RootDirectory = new(FindRoot);

    /// <summary>The folder that holds StaticNet.sln, found by walking up from the test assembly.</summary>
    public static string Root => RootDirectory.Value;

    private static string FindRoot()
    {
        for (DirectoryInfo? directory = new(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "StaticNet.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No StaticNet.sln above {AppContext.BaseDirectory}.");
    }
}
