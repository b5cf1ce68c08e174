using System;
using System.IO;

namespace StaticNet;

/// <summary>
/// Reads a length that a file's header declares without trusting it: the buffer grows as bytes actually arrive, so
/// a header that claims gigabytes in front of a few bytes of data costs at most twice what was really read.
/// </summary>
internal static class BoundedRead
{
    private const int FirstChunk = 1 << 16;

    /// <summary>
    /// Reads up to <paramref name="declared"/> bytes; returns the buffer, exactly <paramref name="declared"/> long when
    /// the stream held that many, and in <paramref name="found"/> how many it held (fewer means it ended early).
    /// </summary>
    public static byte[] Read(Stream stream, int declared, out int found)
    {
        byte[] buffer = GC.AllocateUninitializedArray<byte>(Math.Min(declared, FirstChunk));
        found = 0;
        while (true)
        {
            int read = stream.ReadAtLeast(buffer.AsSpan(found), buffer.Length - found, throwOnEndOfStream: false);
            found += read;
            if (found < buffer.Length || buffer.Length == declared)
            {
                return buffer;
            }

            // Doubling keeps the copies' total below the final size; the data so far proves the stream is still going.
            byte[] larger = GC.AllocateUninitializedArray<byte>((int)Math.Min(declared, 2L * buffer.Length));
            buffer.AsSpan(0, found).CopyTo(larger);
            buffer = larger;
        }
    }
}
