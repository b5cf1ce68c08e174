using System;
using System.Buffers;
using System.Globalization;
using System.IO;
using System.Text;
using System.Text.Unicode;

namespace StaticNet;

/// <summary>
/// Reads a text file line by line as strict UTF-8 (a UTF-8 byte-order mark is skipped). Invalid bytes are an
/// <see cref="InvalidDataException"/> naming the line and byte offset of the first one, rather than U+FFFD, which
/// would quietly merge distinct names.
/// </summary>
internal sealed class LineReader : IDisposable
{
    // With a preamble, StreamReader skips a leading byte-order mark itself and keeps this strict decoder; detecting
    // encodings instead would swap in Encoding.UTF8, which replaces invalid bytes.
    private static readonly UTF8Encoding Strict = new(encoderShouldEmitUTF8Identifier: true, throwOnInvalidBytes: true);

    private readonly string _path;
    private readonly StreamReader _reader;

    public LineReader(string path)
    {
        _path = path;
        _reader = new StreamReader(path, Strict, detectEncodingFromByteOrderMarks: false);
    }

    /// <summary>The next line without its terminator, or null at the end of the file.</summary>
    public string? ReadLine()
    {
        try
        {
            return _reader.ReadLine();
        }
        catch (DecoderFallbackException exception)
        {
            throw new InvalidDataException(LocateInvalidUtf8(), exception);
        }
    }

    public void Dispose() => _reader.Dispose();

    // Only on the error path: the decoder reports a position inside its buffer, not in the file, so the file is
    // scanned once more from the start to name the line and byte of the first invalid sequence.
    private string LocateInvalidUtf8()
    {
        using var file = new FileStream(_path, FileMode.Open, FileAccess.Read, FileShare.Read);
        byte[] buffer = ArrayPool<byte>.Shared.Rent(1 << 16);
        char[] chars = ArrayPool<char>.Shared.Rent(1 << 16);
        try
        {
            long offset = 0;
            int line = 1, carried = 0;
            while (true)
            {
                int read = file.Read(buffer, carried, buffer.Length - carried);
                int available = carried + read;
                bool final = read == 0;
                OperationStatus status = Utf8.ToUtf16(buffer.AsSpan(0, available), chars, out int consumed, out _, replaceInvalidSequences: false, isFinalBlock: final);
                line += buffer.AsSpan(0, consumed).Count((byte)'\n');
                if (status == OperationStatus.InvalidData || (final && status == OperationStatus.NeedMoreData))
                {
                    return string.Create(CultureInfo.InvariantCulture, $"{_path}, line {line}: invalid UTF-8 at byte {offset + consumed} (0x{buffer[consumed]:X2}); save the file as UTF-8.");
                }

                if (final)
                {
                    return string.Create(CultureInfo.InvariantCulture, $"{_path}: invalid UTF-8; save the file as UTF-8.");
                }

                offset += consumed;
                carried = available - consumed;
                buffer.AsSpan(consumed, carried).CopyTo(buffer);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
            ArrayPool<char>.Shared.Return(chars);
        }
    }
}
