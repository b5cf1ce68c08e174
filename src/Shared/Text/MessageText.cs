// Shared by the runtime (net10.0), the ONNX reader and the generator (netstandard2.0): every message that quotes
// text from a file (a tensor or node name, a key) cuts it here, so one megabyte-long name cannot make a
// megabyte-long exception or diagnostic.
namespace StaticNet.Interop;

/// <summary>How messages quote text taken from a file.</summary>
internal static class MessageText
{
    /// <summary>The most characters a quoted name keeps, ellipsis included.</summary>
    public const int QuotedLength = 80;

    /// <summary>
    /// <paramref name="text"/> as is when it has at most <paramref name="length"/> characters, otherwise its first
    /// <paramref name="length"/> − 3 characters and "...".
    /// </summary>
    public static string Shorten(string text, int length) =>
        text.Length <= length ? text : text.Substring(0, length - 3) + "...";

    /// <summary>A name from a file as messages quote it: cut to <see cref="QuotedLength"/> characters.</summary>
    public static string Name(string name) => Shorten(name, QuotedLength);
}
