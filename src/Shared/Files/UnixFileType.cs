using System;
using System.Runtime.InteropServices;

namespace StaticNet;

/// <summary>
/// Tells a regular file from a device node, FIFO or socket on Linux, which .NET's file APIs do not expose (their
/// <c>UnixFileMode</c> is the permission bits only, and opening a FIFO to look at it would block).
/// </summary>
internal static class UnixFileType
{
    private const int TypeMask = 0xF000;
    private const int Regular = 0x8000;
    private const int Directory = 0x4000;

    /// <summary>
    /// What <paramref name="path"/> (following links) is: a description such as "a FIFO" when it exists and is not a
    /// regular file; null when it is a regular file, does not exist, or the platform cannot tell.
    /// </summary>
    public static string? DescribeIfNotRegular(string path)
    {
        // st_mode's offset in glibc's struct stat: after dev, ino and nlink (8 bytes each) on x64, after dev and ino on
        // the generic layout of arm64 and riscv64. Other platforms keep .NET's own checks (a directory still fails).
        int offset = RuntimeInformation.ProcessArchitecture switch
        {
            Architecture.X64 => 24,
            Architecture.Arm64 or LinuxArchitecture.RiscV64 or LinuxArchitecture.LoongArch64 => 16,
            _ => -1,
        };
        if (!OperatingSystem.IsLinux() || offset < 0)
        {
            return null;
        }

        // struct stat is 144 bytes on x64 and 128 on arm64; the rest is slack.
        var buffer = new byte[256];
        try
        {
            if (Stat(path, buffer) != 0)
            {
                return null;
            }
        }
        catch (Exception exception) when (exception is EntryPointNotFoundException or DllNotFoundException)
        {
            // A C library without a plain "stat" export (glibc before 2.33, or none at all): nothing to go on.
            return null;
        }

        int mode = BitConverter.ToInt32(buffer, offset) & TypeMask;
        return mode switch
        {
            Regular => null,
            Directory => "a directory",
            0x1000 => "a FIFO (named pipe)",
            0x2000 => "a character device",
            0x6000 => "a block device",
            0xC000 => "a socket",
            _ => "not a regular file",
        };
    }

    [DllImport("libc", EntryPoint = "stat", CharSet = CharSet.Ansi, BestFitMapping = false, ThrowOnUnmappableChar = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int Stat(string path, [Out] byte[] buffer);
}
