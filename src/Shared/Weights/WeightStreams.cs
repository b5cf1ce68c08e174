using System;
using System.IO;

namespace StaticNet;

/// <summary>
/// What every weight format (safetensors, JSON, ONNX) checks of a stream argument, and how its rejection messages
/// name the source: one wording for all of them.
/// </summary>
internal static class WeightStreams
{
    /// <summary>Throws unless <paramref name="stream"/> is non-null and writable.</summary>
    public static void RequireWritable(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        if (!stream.CanWrite)
        {
            throw new ArgumentException("The stream must be writable.", nameof(stream));
        }
    }

    /// <summary>Throws unless <paramref name="stream"/> is non-null and readable.</summary>
    public static void RequireReadable(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        if (!stream.CanRead)
        {
            throw new ArgumentException("The stream must be readable.", nameof(stream));
        }
    }

    /// <summary>The source as messages name it: the file's full path in quotes.</summary>
    public static string Describe(string fullPath) => "'" + fullPath + "'";

    /// <summary>The source as messages name it: a file stream's path, otherwise "the stream".</summary>
    public static string Describe(Stream stream) => stream is FileStream file ? Describe(file.Name) : "the stream";
}
