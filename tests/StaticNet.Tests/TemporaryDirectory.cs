using System;
using System.IO;

namespace StaticNet.Tests;

/// <summary>A fresh directory for one test class's files, deleted with everything in it when the class is disposed.</summary>
public abstract class TemporaryDirectory : IDisposable
{
    /// <summary>Creates the directory, named after <paramref name="purpose"/> for anyone who finds it left behind.</summary>
    protected TemporaryDirectory(string purpose)
    {
        Directory = System.IO.Directory.CreateTempSubdirectory("staticnet-" + purpose + "-");
    }

    /// <summary>The directory.</summary>
    protected DirectoryInfo Directory { get; }

    /// <summary>Deletes the directory.</summary>
    public void Dispose()
    {
        Directory.Delete(recursive: true);
        GC.SuppressFinalize(this);
    }

    /// <summary>The path of <paramref name="name"/> inside the directory.</summary>
    protected string PathOf(string name) => Path.Combine(Directory.FullName, name);
}
