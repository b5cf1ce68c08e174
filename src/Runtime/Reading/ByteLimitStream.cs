using System;
using System.IO;

namespace StaticNet;

/// <summary>
/// A read-only view of a stream that throws <see cref="LimitExceededException"/> once more than a given number of
/// bytes have come through: a reader that consumes a stream of unknown length (one that cannot seek) uses it to stop
/// at a limit rather than read whatever the stream produces. Disposing the view leaves the stream open.
/// </summary>
internal sealed class ByteLimitStream(Stream inner, long limit) : Stream
{
    private long _read;

    /// <inheritdoc/>
    public override bool CanRead => true;

    /// <inheritdoc/>
    public override bool CanSeek => false;

    /// <inheritdoc/>
    public override bool CanWrite => false;

    /// <inheritdoc/>
    public override long Length => throw new NotSupportedException();

    /// <inheritdoc/>
    public override long Position
    {
        get => _read;
        set => throw new NotSupportedException();
    }

    /// <inheritdoc/>
    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    /// <inheritdoc/>
    public override int Read(Span<byte> buffer)
    {
        // One byte more than the limit is asked for, so that a stream of exactly the limit is accepted.
        long room = limit - _read;
        int read = inner.Read(room < buffer.Length ? buffer[..(int)(room + 1)] : buffer);
        _read += read;
        if (_read > limit)
        {
            throw new LimitExceededException();
        }

        return read;
    }

    /// <inheritdoc/>
    public override void Flush()
    {
    }

    /// <inheritdoc/>
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    /// <inheritdoc/>
    public override void SetLength(long value) => throw new NotSupportedException();

    /// <inheritdoc/>
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    /// <summary>The stream delivered more bytes than the limit.</summary>
    internal sealed class LimitExceededException : Exception
    {
    }
}
