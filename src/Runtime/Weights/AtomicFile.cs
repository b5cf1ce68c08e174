using System;
using System.IO;

namespace StaticNet;

/// <summary>
/// Writes a file so that readers see either the complete old file or the complete new one, never a mixture: the
/// content goes to a temporary file beside the target, is flushed to disk, then renamed over the target. Every
/// weight format's <c>Save</c> uses it.
/// </summary>
internal static class AtomicFile
{
    /// <summary>Writes <paramref name="path"/> atomically with what <paramref name="write"/> puts into the stream it is given.</summary>
    /// <exception cref="IOException">The file could not be written; an existing file at <paramref name="path"/> is left as it was.</exception>
    public static void Write(string path, Action<Stream> write)
    {
        string fullPath = Path.GetFullPath(path);

        // Same directory as the target, so the final rename never crosses file systems and stays atomic.
        string temporary = fullPath + ".tmp-" + Guid.NewGuid().ToString("N");
        try
        {
            using (var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                write(file);

                // Without this the rename could reach the disk before the data, and a crash would leave an empty target.
                file.Flush(flushToDisk: true);
            }

            File.Move(temporary, fullPath, overwrite: true);
        }
        catch
        {
            DeleteQuietly(temporary);
            throw;
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
