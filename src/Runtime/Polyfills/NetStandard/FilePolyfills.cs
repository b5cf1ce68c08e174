using System;
using System.IO;
using System.Runtime.InteropServices;
using System.Text;
using Microsoft.Win32.SafeHandles;

namespace System.IO
{
    /// <summary>.NET 7's Unix permission bits, for netstandard2.1's build (where they are read as none and not carried over).</summary>
    [Flags]
    internal enum UnixFileMode
    {
        /// <summary>No permission bits.</summary>
        None = 0,
    }
}

namespace StaticNet
{
    /// <summary>
    /// The stream and file members of .NET 6-7 the library calls, for netstandard2.1. Reading is what .NET reads;
    /// a replaced file's permission bits are not carried over (netstandard2.1 has no API for them); a symbolic link is
    /// read with readlink(2) on Unix.
    /// </summary>
    internal static class FilePolyfills
    {
        extension(Stream stream)
        {
            public int ReadAtLeast(Span<byte> buffer, int minimumBytes, bool throwOnEndOfStream = true)
            {
                int total = 0;
                while (total < minimumBytes)
                {
                    int read = stream.Read(buffer.Slice(total));
                    if (read == 0)
                    {
                        if (throwOnEndOfStream)
                        {
                            throw new EndOfStreamException();
                        }

                        break;
                    }

                    total += read;
                }

                return total;
            }

            public void ReadExactly(Span<byte> buffer) => stream.ReadAtLeast(buffer, buffer.Length);
        }

        extension(File)
        {
            public static void Move(string source, string destination, bool overwrite)
            {
                if (overwrite && File.Exists(destination))
                {
                    File.Replace(source, destination, destinationBackupFileName: null);
                }
                else
                {
                    File.Move(source, destination);
                }
            }

            public static UnixFileMode GetUnixFileMode(string path) => UnixFileMode.None;

            public static void SetUnixFileMode(SafeFileHandle handle, UnixFileMode mode)
            {
            }
        }

        extension(FileInfo file)
        {
            public string? LinkTarget
            {
                get
                {
                    if (!file.Exists || (file.Attributes & FileAttributes.ReparsePoint) == 0 || RuntimeInformation.IsOSPlatform(OSPlatform.Windows))
                    {
                        return null;
                    }

                    byte[] target = new byte[4096];
                    nint length = ReadLink(file.FullName, target, target.Length);
                    return length <= 0 ? null : Encoding.UTF8.GetString(target, 0, (int)length);
                }
            }
        }

        [DllImport("libc", EntryPoint = "readlink", SetLastError = true)]
        private static extern nint ReadLink(string path, byte[] buffer, nint size);
    }
}
