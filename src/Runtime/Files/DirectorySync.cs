using System;
using System.Runtime.InteropServices;

namespace StaticNet;

/// <summary>
/// Flushes a directory's entries to disk on Linux, so a rename into it survives a power cut: fsync of the file makes
/// its data durable, but the new name lives in the directory, and until the directory is flushed a crash can bring
/// back the old file (or none). .NET opens no handle on a directory, so this calls open(2), fsync(2) and close(2).
/// </summary>
internal static class DirectorySync
{
    // O_RDONLY | O_DIRECTORY | O_CLOEXEC in Linux's generic and x64 numbering (the same on arm64, riscv64, loongarch64).
    private const int OpenFlags = 0x0 | 0x10000 | 0x80000;

    /// <summary>
    /// Flushes <paramref name="directory"/>; true when the platform did so. Best effort: other platforms, and file
    /// systems that refuse fsync on a directory, return false, and the write stays atomic, only not yet durable.
    /// </summary>
    public static bool Flush(string directory)
    {
        if (!OperatingSystem.IsLinux())
        {
            return false;
        }

        try
        {
            int descriptor = Open(directory, OpenFlags);
            if (descriptor < 0)
            {
                return false;
            }

            bool flushed = Fsync(descriptor) == 0;
            _ = Close(descriptor);
            return flushed;
        }
        catch (Exception exception) when (exception is EntryPointNotFoundException or DllNotFoundException)
        {
            return false;
        }
    }

    [DllImport("libc", EntryPoint = "open", CharSet = CharSet.Ansi, BestFitMapping = false, ThrowOnUnmappableChar = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int Open(string path, int flags);

    [DllImport("libc", EntryPoint = "fsync")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int Fsync(int descriptor);

    [DllImport("libc", EntryPoint = "close")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int Close(int descriptor);
}
