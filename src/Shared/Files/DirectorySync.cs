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
    // O_CLOEXEC is 0x80000 on every Linux architecture .NET runs on; O_DIRECTORY is 0x10000 in x64's and the generic
    // numbering (riscv64, loongarch64) but 0x4000 on arm64 (arm's own fcntl.h), where 0x10000 would be O_DIRECT.
    private const int CloseOnExec = 0x80000;

    /// <summary>
    /// Flushes <paramref name="directory"/>; true when the platform did so. Best effort: other platforms and
    /// architectures, and file systems that refuse fsync on a directory, return false, and the write stays atomic,
    /// only not yet durable.
    /// </summary>
    public static bool Flush(string directory)
    {
        int? openDirectory = RuntimeInformation.ProcessArchitecture switch
        {
            Architecture.X64 or LinuxArchitecture.RiscV64 or LinuxArchitecture.LoongArch64 => 0x10000,
            Architecture.Arm64 => 0x4000,
            _ => null,
        };
        if (!OperatingSystem.IsLinux() || openDirectory is not int directoryFlag)
        {
            return false;
        }

        try
        {
            // O_RDONLY (0) | O_DIRECTORY | O_CLOEXEC: O_DIRECTORY makes a path that is not a directory fail here.
            int descriptor = Open(directory, directoryFlag | CloseOnExec);
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
