using System;

namespace StaticNet;

/// <summary>Images read by <see cref="IdxReader.ReadImages"/>: unsigned-byte pixels, image after image, each row-major.</summary>
/// <param name="Count">The number of images.</param>
/// <param name="Rows">The height of every image, in pixels.</param>
/// <param name="Columns">The width of every image, in pixels.</param>
/// <param name="Pixels">Count × Rows × Columns bytes; for MNIST and Fashion-MNIST 0 is background and 255 full ink.</param>
public sealed record IdxImages(int Count, int Rows, int Columns, byte[] Pixels)
{
    /// <summary>The Rows × Columns pixels of image <paramref name="index"/>, row-major.</summary>
    /// <param name="index">The image, in [0, Count).</param>
    public ReadOnlySpan<byte> PixelsOf(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Count);
        long pixels = (long)Rows * Columns;
        return Pixels.AsSpan(checked((int)(index * pixels)), checked((int)pixels));
    }
}
