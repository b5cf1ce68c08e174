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

    private readonly string _name;
    private readonly bool _isFile;
    private readonly StreamReader _reader;
    private int _linesRead;

    public LineReader(string path)
    {
        _name = path;
        _isFile = true;
        _reader = new StreamReader(path, Strict, detectEncodingFromByteOrderMarks: false);
    }

    /// <summary>Reads <paramref name="stream"/> (left open), naming it <paramref name="name"/> in messages.</summary>
    public LineReader(Stream stream, string name)
    {
        _name = name;
        _reader = new StreamReader(stream, Strict, detectEncodingFromByteOrderMarks: false, bufferSize: 1024, leaveOpen: true);
    }

    /// <summary>Whether the lines come from a file (rather than a stream).</summary>
    public bool IsFile => _isFile;

    /// <summary>The next line without its terminator, or null at the end of the file.</summary>
    public string? ReadLine()
    {
        try
        {
            string? line = _reader.ReadLine();
            _linesRead++;
            return line;
        }
        catch (DecoderFallbackException exception)
        {
            // A stream cannot be read again from its start: the decoder runs a buffer ahead, so only a lower bound is known.
            throw new InvalidDataException(
                _isFile ? LocateInvalidUtf8() : string.Create(CultureInfo.InvariantCulture, $"{_name}: invalid UTF-8 after line {_linesRead}; save the data as UTF-8."),
                exception);
        }
    }

    public void Dispose() => _reader.Dispose();

    // Only on the error path: the decoder reports a position inside its buffer, not in the file, so the file is
    // scanned once more from the start to name the line and byte of the first invalid sequence.
    private string LocateInvalidUtf8()
    {
        using var file = new FileStream(_name, FileMode.Open, FileAccess.Read, FileShare.Read);
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
                    return string.Create(CultureInfo.InvariantCulture, $"{_name}, line {line}: invalid UTF-8 at byte {offset + consumed} (0x{buffer[consumed]:X2}); save the file as UTF-8.");
                }

                if (final)
                {
                    return string.Create(CultureInfo.InvariantCulture, $"{_name}: invalid UTF-8; save the file as UTF-8.");
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
