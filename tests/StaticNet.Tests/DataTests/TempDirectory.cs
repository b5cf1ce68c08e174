using System;
using System.IO;
using System.Runtime.CompilerServices;

namespace StaticNet.Tests.Data;

/// <summary>A fresh directory under the system temp directory, deleted on dispose.</summary>
internal sealed class TempDirectory : IDisposable
{
    public TempDirectory() => FullName = Directory.CreateTempSubdirectory("staticnet-data-").FullName;

    public string FullName { get; }

    /// <summary>Writes <paramref name="contents"/> exactly as given (no newline translation, no byte-order mark).</summary>
    public string WriteText(string name, string contents)
    {
        string path = Path.Combine(FullName, name);
        File.WriteAllText(path, contents);
        return path;
    }

    public string WriteBytes(string name, byte[] contents)
    {
        string path = Path.Combine(FullName, name);
        File.WriteAllBytes(path, contents);
        return path;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(FullName, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp directory must not fail a test.
        }
    }

    /// <summary>
    /// The Iris CSV shipped with the sample: copied next to the tests through the Iris project reference, otherwise
    /// found from this source file's location in the repository.
    /// </summary>
    public static string IrisCsv([CallerFilePath] string thisFile = "")
    {
        string copied = Path.Combine(AppContext.BaseDirectory, "Data", "iris.csv");
        if (File.Exists(copied))
        {
            return copied;
        }

        return Path.GetFullPath(Path.Combine(Path.GetDirectoryName(thisFile)!, "..", "..", "..", "samples", "Iris", "Data", "iris.csv"));
    }
}
