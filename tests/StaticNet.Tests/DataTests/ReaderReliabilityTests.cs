using System;
using System.Buffers.Binary;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Text;
using Xunit;

namespace StaticNet.Tests.Data;

/// <summary>
/// The minimal examples of issue 10 for CSV, IDX and <see cref="Dataset"/>: bad input is an
/// <see cref="InvalidDataException"/> (never an overflow or out-of-memory), memory stays bounded, nothing is misread.
/// </summary>
public sealed class ReaderReliabilityTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    private static byte[] IdxHeader(int magic, params int[] sizes)
    {
        var file = new byte[4 + (4 * sizes.Length)];
        BinaryPrimitives.WriteInt32BigEndian(file, magic);
        for (int d = 0; d < sizes.Length; d++)
        {
            BinaryPrimitives.WriteInt32BigEndian(file.AsSpan(4 + (4 * d)), sizes[d]);
        }

        return file;
    }

    private static byte[] Gzip(byte[] header, long zeros)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.SmallestSize))
        {
            gzip.Write(header);
            var chunk = new byte[1 << 20];
            for (long left = zeros; left > 0; left -= chunk.Length)
            {
                gzip.Write(chunk, 0, (int)Math.Min(left, chunk.Length));
            }
        }

        return buffer.ToArray();
    }

    internal static long Allocated(Action action)
    {
        long before = GC.GetAllocatedBytesForCurrentThread();
        action();
        return GC.GetAllocatedBytesForCurrentThread() - before;
    }

    // ---------------------------------------------------------------- IDX

    [Theory]
    [InlineData(int.MaxValue, int.MaxValue, 4)] // wraps a 64-bit product to −2^34 + 4: was an OverflowException
    [InlineData(1 << 30, 1 << 30, 16)] // wraps to 0: was accepted as 2^30 images of no pixels
    [InlineData(1, 65536, 65536)] // 4 GiB in one image
    public void IdxImages_WhoseSizesOverflow_AreInvalidData(int count, int rows, int columns)
    {
        string path = _directory.WriteBytes("wrap.idx", IdxHeader(0x803, count, rows, columns));

        var exception = Assert.Throws<InvalidDataException>(() => IdxReader.ReadImages(path));

        Assert.Contains($"declares {count} images of {rows} × {columns} pixels, more bytes than one array can hold", exception.Message);
    }

    [Fact]
    public void IdxLabels_ClaimingTwoBillionInEightBytes_AreTruncated_WithoutAllocatingThem()
    {
        string path = _directory.WriteBytes("labels.idx", IdxHeader(0x801, int.MaxValue));
        InvalidDataException? exception = null;

        long allocated = Allocated(() => exception = Assert.Throws<InvalidDataException>(() => IdxReader.ReadLabels(path)));

        Assert.Contains("truncated data: the header declares 2147483647 labels, expected 2147483647 bytes, found 0", exception!.Message);
        Assert.True(allocated < 1 << 20, $"{allocated} bytes allocated");
    }

    [Fact]
    public void IdxGzip_DeclaringMoreThanTheDecompressionLimit_IsRejectedBeforeDecompressing()
    {
        string path = _directory.WriteBytes("big.idx.gz", Gzip(IdxHeader(0x803, 1000, 1000, 300), 0));

        var exception = Assert.Throws<InvalidDataException>(() => IdxReader.ReadImages(path));

        Assert.Contains("declares 300000016 bytes of decompressed data, more than ReadOptions.MaxDecompressedBytes (268435456)", exception.Message);

        // With the limit raised the reader goes on, and finds that the file does not hold what its header declares.
        exception = Assert.Throws<InvalidDataException>(() => IdxReader.ReadImages(path, new ReadOptions { MaxDecompressedBytes = 400_000_000 }));
        Assert.Contains("truncated data: the header declares 1000 images of 1000 × 300 pixels, expected 300000000 bytes, found 0", exception.Message);
    }

    [Fact]
    public void IdxDataset_WhoseOneHotExpansionExceedsTheLimit_IsRejectedBeforeDecompressingAPixel()
    {
        // The example: fifty million 1×1 images in 48 KB of gzip, 50 MB decompressed, 2.4 GB as floats and
        // one-hot rows of ten classes. Only the 16-byte header is decompressed before the rejection.
        const int count = 50_000_000;
        string images = _directory.WriteBytes("images.gz", Gzip(IdxHeader(0x803, count, 1, 1), count));
        string labels = _directory.WriteBytes("labels.gz", Gzip(IdxHeader(0x801, count), count));
        Assert.InRange(new FileInfo(images).Length, 1_000, 100_000);
        InvalidDataException? exception = null;

        long allocated = Allocated(() => exception = Assert.Throws<InvalidDataException>(() => IdxReader.ReadDataset(images, labels)));

        Assert.Contains("50000000 samples of 1 features and 10 targets would take 2400000000 bytes, more than ReadOptions.MaxDatasetBytes (1073741824)", exception!.Message);
        Assert.True(allocated < 1 << 20, $"{allocated} bytes allocated");
    }

    // ---------------------------------------------------------------- CSV

    private static string DistinctLabels(int classes)
    {
        var text = new StringBuilder("x,label\n");
        for (int i = 0; i < classes; i++)
        {
            text.Append("1,c").Append(i).Append('\n');
        }

        return text.ToString();
    }

    [Fact]
    public void Csv_With46341DistinctLabels_IsInvalidData_NotOverflow()
    {
        string path = _directory.WriteText("classes.csv", DistinctLabels(46_341));
        Assert.InRange(new FileInfo(path).Length, 400_000, 600_000);

        var byClassLimit = Assert.Throws<InvalidDataException>(() => CsvReader.ReadClassification(path, "label"));
        Assert.Contains("line 10002, column 2 (label): 'c10000' would be class 10001, more than ReadOptions.MaxClassCount (10000)", byClassLimit.Message);

        var bySizeLimit = Assert.Throws<InvalidDataException>(() => CsvReader.ReadClassification(path, "label", new ReadOptions { MaxClassCount = 100_000 }));
        Assert.Contains("more than ReadOptions.MaxDatasetBytes (1073741824)", bySizeLimit.Message);
    }

    [Fact]
    public void Csv_With20000Classes_StaysFarBelowTheOneHotSize()
    {
        string path = _directory.WriteText("classes.csv", DistinctLabels(20_000));
        InvalidDataException? exception = null;

        long allocated = Allocated(() => exception = Assert.Throws<InvalidDataException>(() => CsvReader.ReadClassification(path, "label", new ReadOptions { MaxClassCount = 100_000 })));

        // 20,000 × 20,000 one-hot floats would be 1.6 GB; the limit stops the read at the row that crosses 1 GiB.
        Assert.Contains("classes.csv, line 16385: 16384 samples of 1 features and 16384 targets would take 1073872896 bytes", exception!.Message);
        Assert.True(allocated < 20 << 20, $"{allocated} bytes allocated");
    }

    [Fact]
    public void Csv_InvalidUtf8InAClassName_IsInvalidData_NamingLineAndByte()
    {
        byte[] file = [.. "x,label\n1,a"u8, 0xFF, .. "\n2,a"u8, 0xFE, .. "\n"u8];
        string path = _directory.WriteBytes("utf8.csv", file);

        var exception = Assert.Throws<InvalidDataException>(() => CsvReader.ReadClassification(path, "label"));

        Assert.Contains("utf8.csv, line 2: invalid UTF-8 at byte 11 (0xFF)", exception.Message);
    }

    [Fact]
    public void Csv_ByteOrderMark_IsStillSkipped_WithTheStrictDecoder()
    {
        string path = _directory.WriteBytes("bom.csv", [0xEF, 0xBB, 0xBF, .. "x,label\n1.5,a\n"u8]);

        CsvDataset data = CsvReader.ReadClassification(path, "label");

        Assert.Equal(["x"], data.FeatureNames);
        Assert.Equal([1.5f], data.Data.Features);
    }

    [Theory]
    [InlineData("1\0", "column 1 (x): the cell holds the control character U+0000")]
    [InlineData("\"2\u0001\"", "column 1 (x): the cell holds the control character U+0001")]
    public void Csv_ControlCharactersInANumber_AreInvalidData_NotIgnored(string cell, string fragment)
    {
        string path = _directory.WriteText("nul.csv", $"x,label\n{cell},a\n");

        var exception = Assert.Throws<InvalidDataException>(() => CsvReader.ReadClassification(path, "label"));

        Assert.Contains("line 2, " + fragment, exception.Message);
    }

    [Fact]
    public void Csv_MessagesStayShort_WhenTheHeaderIsHuge()
    {
        string header = string.Join(",", Enumerable.Range(0, 5_000).Select(i => new string('h', 200) + i));
        string path = _directory.WriteText("wide.csv", header + "\n");

        var exception = Assert.Throws<InvalidDataException>(() => CsvReader.ReadClassification(path, "label"));

        Assert.Contains("no column named 'label'; the header has: hhhh", exception.Message);
        Assert.Contains("and 4980 more. Pass one of these names", exception.Message);
        Assert.True(exception.Message.Length < 1_500, $"a message of {exception.Message.Length} characters");
    }

    [Fact]
    public void DatasetFromLabels_TooManyOneHotValues_IsArgumentException_NotOverflow()
    {
        int[] labels = Enumerable.Range(0, 46_341).ToArray();

        var exception = Assert.Throws<ArgumentException>(() => Dataset.FromLabels(new float[46_341], 1, labels, 46_341));

        Assert.Equal("classCount", exception.ParamName);
        Assert.Contains("46341 samples × 46341 classes is 2147488281 one-hot values", exception.Message);
    }
}
