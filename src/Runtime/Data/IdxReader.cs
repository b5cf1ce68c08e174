using System;
using System.Buffers.Binary;
using System.Globalization;
using System.IO;
using System.IO.Compression;

namespace StaticNet;

/// <summary>
/// Reads the IDX files of MNIST, Fashion-MNIST and similar image sets: a big-endian header (magic number
/// 0x00000803 and three sizes [count, rows, columns] for images, 0x00000801 and one size [count] for labels)
/// followed by unsigned bytes. Files may be gzip-compressed (as distributed, *.gz); compression is detected from the
/// gzip signature 0x1F 0x8B, not from the file name.
/// </summary>
/// <remarks>
/// Each file is read in one pass into a buffer that grows as data arrives, so a header that declares more than the
/// file holds costs what the file holds. Malformed files throw <see cref="InvalidDataException"/> naming the file and
/// the problem: a wrong magic number (with the value found), sizes whose product does not fit one array, truncated
/// data (bytes expected and found), data beyond what the header declares, corrupt gzip data, or more than the
/// limits of <see cref="ReadOptions"/> (decompressed size, data set size), which are checked before allocating.
/// </remarks>
public static class IdxReader
{
    private const int ImagesMagic = 0x00000803;
    private const int LabelsMagic = 0x00000801;

    /// <summary>Reads an images file (magic 0x00000803): Count images of Rows × Columns unsigned-byte pixels.</summary>
    /// <param name="path">The file, raw or gzip-compressed.</param>
    /// <param name="options">Limits (<see cref="ReadOptions.MaxDecompressedBytes"/>); null for <see cref="ReadOptions.Default"/>.</param>
    /// <exception cref="InvalidDataException">The file is not a well-formed IDX images file, or exceeds a limit.</exception>
    public static IdxImages ReadImages(string path, ReadOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        return ReadImagesChecked(path, options ?? ReadOptions.Default, beforeData: null);
    }

    // beforeData sees the validated sizes (count, pixels per image) before any pixel is read or decompressed.
    private static IdxImages ReadImagesChecked(string path, ReadOptions options, Action<int, int>? beforeData)
    {
        using Stream stream = Open(path);
        Span<int> sizes = stackalloc int[3];
        ReadHeader(stream, path, ImagesMagic, sizes);
        (int count, int rows, int columns) = (sizes[0], sizes[1], sizes[2]);
        if (rows < 1 || columns < 1)
        {
            throw new InvalidDataException(string.Create(
                CultureInfo.InvariantCulture,
                $"{path}: the header declares images of {rows} × {columns} pixels; rows and columns must be at least 1."));
        }

        // Multiplied step by step: three 31-bit sizes can wrap even a 64-bit product to 0 or 4.
        long pixelsPerImage = (long)rows * columns;
        if (pixelsPerImage > Array.MaxLength || (count > 0 && pixelsPerImage > Array.MaxLength / count))
        {
            throw new InvalidDataException(string.Create(
                CultureInfo.InvariantCulture,
                $"{path}: the header declares {count} images of {rows} × {columns} pixels, more bytes than one array can hold ({Array.MaxLength})."));
        }

        int length = (int)(count * pixelsPerImage);
        CheckDecompressed(stream, path, length + 16L, options);
        beforeData?.Invoke(count, (int)pixelsPerImage);
        byte[] pixels = ReadData(stream, path, length, string.Create(CultureInfo.InvariantCulture, $"{count} images of {rows} × {columns} pixels"));
        return new IdxImages(count, rows, columns, pixels);
    }

    /// <summary>Reads a labels file (magic 0x00000801): one unsigned byte per sample, the class index.</summary>
    /// <param name="path">The file, raw or gzip-compressed.</param>
    /// <param name="options">Limits (<see cref="ReadOptions.MaxDecompressedBytes"/>); null for <see cref="ReadOptions.Default"/>.</param>
    /// <exception cref="InvalidDataException">The file is not a well-formed IDX labels file, or exceeds a limit.</exception>
    public static byte[] ReadLabels(string path, ReadOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        options ??= ReadOptions.Default;
        using Stream stream = Open(path);
        Span<int> sizes = stackalloc int[1];
        ReadHeader(stream, path, LabelsMagic, sizes);
        CheckDecompressed(stream, path, sizes[0] + 8L, options);
        return ReadData(stream, path, sizes[0], string.Create(CultureInfo.InvariantCulture, $"{sizes[0]} labels"));
    }

    /// <summary>
    /// Reads an images file and its labels file into a classification dataset: features are pixel / 255 in [0, 1]
    /// (Rows × Columns per sample, row-major), targets one-hot over <paramref name="classCount"/> classes, and
    /// <see cref="Dataset.Labels"/> the class indices.
    /// </summary>
    /// <param name="imagesPath">The images file, for example train-images-idx3-ubyte.gz.</param>
    /// <param name="labelsPath">The labels file, for example train-labels-idx1-ubyte.gz.</param>
    /// <param name="classCount">The number of classes; every label must be below it. 10 for MNIST and Fashion-MNIST.</param>
    /// <param name="options">
    /// Limits (<see cref="ReadOptions.MaxDecompressedBytes"/>, <see cref="ReadOptions.MaxDatasetBytes"/>); null for
    /// <see cref="ReadOptions.Default"/>.
    /// </param>
    /// <exception cref="InvalidDataException">
    /// A file is malformed, the files hold different numbers of samples, a label is not below
    /// <paramref name="classCount"/>, or the data set would exceed a limit.
    /// </exception>
    public static Dataset ReadDataset(string imagesPath, string labelsPath, int classCount = 10, ReadOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(imagesPath);
        ArgumentException.ThrowIfNullOrEmpty(labelsPath);
        ArgumentOutOfRangeException.ThrowIfLessThan(classCount, 1);
        options ??= ReadOptions.Default;
        // The data set's size follows from the images header alone, so an oversized one is refused before a single
        // pixel is decompressed: two 48 KB gzip files of 1 × 1 images used to become a 2.5 GB data set.
        IdxImages images = ReadImagesChecked(imagesPath, options, (count, pixels) => DatasetLimits.Check(imagesPath, count, pixels, classCount, options));
        byte[] labelBytes = ReadLabels(labelsPath, options);
        if (labelBytes.Length != images.Count)
        {
            throw new InvalidDataException(string.Create(
                CultureInfo.InvariantCulture,
                $"{imagesPath} holds {images.Count} images but {labelsPath} holds {labelBytes.Length} labels; pass the labels file that belongs to these images."));
        }

        int pixelsPerImage = images.Rows * images.Columns;
        var labels = new int[labelBytes.Length];
        for (int i = 0; i < labels.Length; i++)
        {
            if (labelBytes[i] >= classCount)
            {
                throw new InvalidDataException(string.Create(
                    CultureInfo.InvariantCulture,
                    $"{labelsPath}: the label of sample {i} is {labelBytes[i]}, but classCount is {classCount} (labels must be in [0, {classCount})); pass a larger classCount if the data has more classes."));
            }

            labels[i] = labelBytes[i];
        }

        byte[] pixels = images.Pixels;
        var features = new float[pixels.Length];
        for (int i = 0; i < features.Length; i++)
        {
            // A true division, not a multiplication by 1/255, so that every feature is exactly pixel / 255f.
            features[i] = pixels[i] / 255f;
        }

        return Dataset.FromLabels(features, pixelsPerImage, labels, classCount);
    }

    private static Stream Open(string path)
    {
        var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1 << 16, FileOptions.SequentialScan);
        try
        {
            Span<byte> signature = stackalloc byte[2];
            int found = file.ReadAtLeast(signature, 2, throwOnEndOfStream: false);
            file.Position = 0;

            // IDX starts with two zero bytes, so the gzip signature cannot be a valid raw header.
            return found == 2 && signature[0] == 0x1F && signature[1] == 0x8B
                ? new GZipStream(file, CompressionMode.Decompress, leaveOpen: false)
                : file;
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    private static void ReadHeader(Stream stream, string path, int expectedMagic, Span<int> sizes)
    {
        Span<byte> header = stackalloc byte[16];
        Span<byte> magicBytes = header[..4];
        int found = Read(stream, path, magicBytes);
        if (found < 4)
        {
            throw new InvalidDataException(string.Create(
                CultureInfo.InvariantCulture,
                $"{path}: too short for an IDX file: expected a 4-byte magic number, found {found} bytes."));
        }

        int magic = BinaryPrimitives.ReadInt32BigEndian(magicBytes);
        if (magic != expectedMagic)
        {
            throw new InvalidDataException(WrongMagic(path, magic, expectedMagic, sizes.Length));
        }

        Span<byte> sizeBytes = header.Slice(4, 4 * sizes.Length);
        found = Read(stream, path, sizeBytes);
        if (found < sizeBytes.Length)
        {
            throw new InvalidDataException(string.Create(
                CultureInfo.InvariantCulture,
                $"{path}: truncated header: expected {sizeBytes.Length} bytes of dimension sizes after the magic number, found {found}."));
        }

        for (int d = 0; d < sizes.Length; d++)
        {
            sizes[d] = BinaryPrimitives.ReadInt32BigEndian(sizeBytes.Slice(4 * d, 4));
            if (sizes[d] < 0)
            {
                throw new InvalidDataException(string.Create(
                    CultureInfo.InvariantCulture,
                    $"{path}: dimension {d + 1} of the header is {sizes[d]}; sizes must not be negative."));
            }
        }
    }

    private static string WrongMagic(string path, int magic, int expected, int dimensions)
    {
        string what = dimensions == 3 ? "images (3 dimensions: count, rows, columns)" : "labels (1 dimension: count)";
        string prefix = string.Create(
            CultureInfo.InvariantCulture,
            $"{path}: wrong magic number 0x{magic:X8}; expected 0x{expected:X8} for IDX {what} of unsigned bytes");

        // Bytes 0-1 are zero, byte 2 is the element type (0x08 = unsigned byte) and byte 3 the dimension count.
        if ((magic >>> 16) != 0)
        {
            return prefix + ". This is not an IDX file (or it is compressed with something other than gzip).";
        }

        int type = (magic >> 8) & 0xFF;
        int found = magic & 0xFF;
        if (type != 0x08)
        {
            return prefix + string.Create(CultureInfo.InvariantCulture, $". Its element type is 0x{type:X2}; only unsigned bytes (0x08) are supported.");
        }

        string swapped = (dimensions, found) is (3, 1) or (1, 3) ? " Are the images and labels files swapped?" : string.Empty;
        return prefix + string.Create(CultureInfo.InvariantCulture, $". It declares {found} dimension(s), not {dimensions}.{swapped}");
    }

    // gzip expands up to about 1,000 times: the header's sizes decide how much is decompressed, so they are held to the
    // limit before anything is.
    private static void CheckDecompressed(Stream stream, string path, long declared, ReadOptions options)
    {
        if (stream is GZipStream && declared > options.MaxDecompressedBytes)
        {
            throw new InvalidDataException(string.Create(
                CultureInfo.InvariantCulture,
                $"{path}: the header declares {declared} bytes of decompressed data, more than ReadOptions.MaxDecompressedBytes ({options.MaxDecompressedBytes}); raise the limit if the file is genuine."));
        }
    }

    private static byte[] ReadData(Stream stream, string path, int length, string declared)
    {
        // The buffer grows as data arrives, so a header that lies about its sizes costs what the file really holds.
        byte[] data;
        int found;
        try
        {
            data = BoundedRead.Read(stream, length, out found);
        }
        catch (InvalidDataException e)
        {
            throw Corrupt(path, e);
        }

        if (found < length)
        {
            throw new InvalidDataException(string.Create(
                CultureInfo.InvariantCulture,
                $"{path}: truncated data: the header declares {declared}, expected {length} bytes, found {found}."));
        }

        // Extra bytes mean the header's sizes do not describe the file: a corrupt header or two files concatenated.
        Span<byte> probe = stackalloc byte[1];
        if (Read(stream, path, probe) != 0)
        {
            throw new InvalidDataException(string.Create(
                CultureInfo.InvariantCulture,
                $"{path}: more data than the header declares ({declared}, {length} bytes); the header or the file is corrupt."));
        }

        return data;
    }

    /// <summary>Reads until <paramref name="buffer"/> is full or the stream ends; returns the bytes read.</summary>
    private static int Read(Stream stream, string path, Span<byte> buffer)
    {
        try
        {
            return stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
        }
        catch (InvalidDataException e)
        {
            throw Corrupt(path, e);
        }
    }

    // GZipStream's own message does not say which file.
    private static InvalidDataException Corrupt(string path, InvalidDataException e) =>
        new($"{path}: the gzip data is corrupt: {e.Message}", e);
}
