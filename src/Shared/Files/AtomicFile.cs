using System;
using System.Globalization;
using System.IO;
using System.Security.Cryptography;
using System.Text;

namespace StaticNet;

/// <summary>
/// Replaces a file atomically while keeping its identity: writes go beside the real target (through symbolic
/// links), the new file gets the old one's permission bits, anything but a regular file is refused, and temporary
/// files that an earlier crash left behind are removed on the next write to the same target. On Linux the file and then
/// its directory are flushed to disk, so the new file is also the one that survives a power cut.
/// </summary>
internal static class AtomicFile
{
    /// <summary>Every temporary file ends so; the name before it says which target it belongs to.</summary>
    public const string TemporarySuffix = ".staticnet-tmp";

    // Enough of the target's name for a person to recognise a leftover; short enough that any name fits in 255 bytes.
    private const int NameCharsKept = 40;

    // Linux's own limit (MAXSYMLINKS) on links followed in one lookup.
    private const int MaxLinkHops = 40;

    /// <summary>
    /// Writes <paramref name="path"/> by calling <paramref name="write"/> on a fresh temporary file, flushing it to
    /// disk and renaming it over the target. The target is the complete old file or the complete new one at every
    /// moment; every failure but an exception from <paramref name="write"/> itself is an <see cref="IOException"/>.
    /// </summary>
    public static void Write(string path, Action<Stream> write)
    {
        string target = ResolveTarget(Path.GetFullPath(path));
        string directory = Path.GetDirectoryName(target)!;
        string name = Path.GetFileName(target);
        string? kind = Directory.Exists(target) ? "a directory" : UnixFileType.DescribeIfNotRegular(target);
        if (kind is not null)
        {
            throw new IOException($"Cannot save to '{target}': it is {kind}, not a regular file, and replacing it would destroy it. Choose a file name.");
        }

        string prefix = TemporaryPrefix(name);
        RemoveStaleTemporaries(directory, prefix);
        string temporary = Path.Combine(directory, prefix + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4)) + TemporarySuffix);
        try
        {
            using (var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                if (!OperatingSystem.IsWindows() && File.Exists(target))
                {
                    // The new file is a new inode: without this a 0600 key file would come back as 0644.
                    File.SetUnixFileMode(file.SafeFileHandle, File.GetUnixFileMode(target));
                }

                write(file);

                // Without this the rename could reach the disk before the data, and a crash would leave an empty target.
                file.Flush(flushToDisk: true);
            }

            File.Move(temporary, target, overwrite: true);
        }
        catch (Exception exception)
        {
            DeleteQuietly(temporary);
            if (exception is UnauthorizedAccessException)
            {
                // Documented as IOException: callers handle one exception type for "the disk said no".
                throw new IOException($"Cannot save to '{target}': permission denied ({exception.Message}).", exception);
            }

            throw;
        }

        // The rename is in the directory's entries: flushing them makes the new file the one a crash leaves behind.
        DirectorySync.Flush(directory);
    }

    /// <summary>
    /// The part of a temporary file's name that identifies its target: a dot (hidden on Unix), up to 40 characters of
    /// the target's name, and a hash of the whole name, so that long names that share 40 characters stay apart.
    /// </summary>
    public static string TemporaryPrefix(string name)
    {
        int kept = Math.Min(name.Length, NameCharsKept);
        if (kept > 0 && char.IsHighSurrogate(name[kept - 1]))
        {
            kept--;
        }

        string hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(name)).AsSpan(0, 6));
        return "." + name[..kept] + "." + hash + ".";
    }

    // Follows symbolic links to the file they finally name, so that saving through a link updates what it points to
    // instead of replacing the link with a regular file. Hop by hop, because a link to a file not yet created is
    // fine (the save creates it) and File.ResolveLinkTarget throws for those.
    private static string ResolveTarget(string fullPath)
    {
        string current = fullPath;
        for (int hop = 0; hop < MaxLinkHops; hop++)
        {
            string? link = new FileInfo(current).LinkTarget;
            if (link is null)
            {
                return current;
            }

            current = Path.GetFullPath(link, Path.GetDirectoryName(current)!);
        }

        throw new IOException($"Cannot save to '{fullPath}': more than {MaxLinkHops} symbolic links in a row (a loop?).");
    }

    // A temporary file of this target that no one holds open was left by a save that crashed. One still being written
    // is held with FileShare.None (an exclusive lock on Unix too), so opening it fails and it is left alone.
    private static void RemoveStaleTemporaries(string directory, string prefix)
    {
        try
        {
            // Compared exactly rather than as a search pattern, in which a '*' or '?' of the target's name would be a
            // wildcard (the hash in the prefix already keeps other targets' files out; this keeps the match literal).
            foreach (string stale in Directory.EnumerateFiles(directory, "*" + TemporarySuffix))
            {
                if (!Path.GetFileName(stale).StartsWith(prefix, StringComparison.Ordinal))
                {
                    continue;
                }

                try
                {
                    using var _ = new FileStream(stale, FileMode.Open, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.DeleteOnClose);
                }
                catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
                {
                    // In use, or not ours to delete: either way not a reason to fail the save.
                }
            }
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // An unreadable directory fails the save itself a moment later, with a clearer message.
        }
    }

    private static void DeleteQuietly(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // The caller rethrows the error that made the save fail; a leftover temporary file matters less than that.
        }
    }
}
