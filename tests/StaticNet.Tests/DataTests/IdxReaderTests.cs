using System;
using System.Buffers.Binary;
using System.IO;
using System.IO.Compression;
using System.Linq;
using Xunit;

namespace StaticNet.Tests.Data;

/// <summary>MNIST/Fashion-MNIST IDX files, raw and gzip-compressed, written by the tests themselves.</summary>
public sealed class IdxReaderTests : IDisposable
{
    // Three 2×3 images; every byte value differs so that a misplaced byte shows.
    private static readonly byte[] Pixels =
    {
        0, 255, 128, 1, 2, 3,
        10, 20, 30, 40, 50, 60,
        254, 127, 64, 32, 16, 8,
    };

    private static readonly byte[] Labels = { 0, 9, 4 };

    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    /// <summary>An IDX file: magic, big-endian sizes, then the bytes.</summary>
    internal static byte[] Idx(int magic, int[] sizes, byte[] data)
    {
        var file = new byte[4 + (4 * sizes.Length) + data.Length];
        BinaryPrimitives.WriteInt32BigEndian(file, magic);
        for (int d = 0; d < sizes.Length; d++)
        {
            BinaryPrimitives.WriteInt32BigEndian(file.AsSpan(4 + (4 * d)), sizes[d]);
        }

        data.CopyTo(file, 4 + (4 * sizes.Length));
        return file;
    }

    private static byte[] ImagesFile(int count = 3, byte[]? pixels = null) => Idx(0x00000803, new[] { count, 2, 3 }, pixels ?? Pixels);

    private static byte[] LabelsFile(byte[]? labels = null) => Idx(0x00000801, new[] { (labels ?? Labels).Length }, labels ?? Labels);

    internal static byte[] Gzip(byte[] data)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Optimal))
        {
            gzip.Write(data);
        }

        return buffer.ToArray();
    }

    private string Write(string name, byte[] contents, bool compressed) => _directory.WriteBytes(name, compressed ? Gzip(contents) : contents);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void ReadImages_CountRowsColumnsAndExactPixels(bool compressed)
    {
        // The name never ends in .gz: compression is found from the content.
        string path = Write("t10k-images-idx3-ubyte", ImagesFile(), compressed);
        IdxImages images = IdxReader.ReadImages(path);
        Assert.Equal(3, images.Count);
        Assert.Equal(2, images.Rows);
        Assert.Equal(3, images.Columns);
        Assert.Equal(Pixels, images.Pixels);
        Assert.Equal(new byte[] { 10, 20, 30, 40, 50, 60 }, images.PixelsOf(1).ToArray());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void ReadLabels_ExactBytes(bool compressed)
    {
        string path = Write("t10k-labels-idx1-ubyte", LabelsFile(), compressed);
        Assert.Equal(Labels, IdxReader.ReadLabels(path));
    }

    [Fact]
    public void RawFileNamedGz_IsReadAsRaw()
    {
        string path = Write("images.gz", ImagesFile(), compressed: false);
        Assert.Equal(Pixels, IdxReader.ReadImages(path).Pixels);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void ReadDataset_FeaturesArePixelOver255_TargetsOneHot(bool compressed)
    {
        string images = Write("images", ImagesFile(), compressed);
        string labels = Write("labels", LabelsFile(), compressed);
        Dataset data = IdxReader.ReadDataset(images, labels);
        Assert.Equal(3, data.Count);
        Assert.Equal(6, data.FeatureCount);
        Assert.Equal(10, data.TargetCount);
        Assert.Equal(Pixels.Select(p => p / 255f), data.Features);
        Assert.Equal(1f, data.Features[1]);
        Assert.Equal(0f, data.Features[0]);
        Assert.Equal(new[] { 0, 9, 4 }, data.Labels);
        for (int i = 0; i < 3; i++)
        {
            float[] expected = new float[10];
            expected[Labels[i]] = 1f;
            Assert.Equal(expected, data.TargetsOf(i).ToArray());
        }
    }

    [Fact]
    public void ReadDataset_LargerClassCount_WidensTheOneHotTargets()
    {
        string images = Write("images", ImagesFile(), compressed: false);
        string labels = Write("labels", LabelsFile(), compressed: false);
        Dataset data = IdxReader.ReadDataset(images, labels, classCount: 12);
        Assert.Equal(12, data.TargetCount);
        Assert.Equal(1f, data.TargetsOf(1)[9]);
    }

    [Fact]
    public void ZeroImages_GiveAnEmptyDataset()
    {
        string images = Write("images", Idx(0x00000803, new[] { 0, 28, 28 }, Array.Empty<byte>()), compressed: true);
        string labels = Write("labels", Idx(0x00000801, new[] { 0 }, Array.Empty<byte>()), compressed: true);
        Dataset data = IdxReader.ReadDataset(images, labels);
        Assert.Equal(0, data.Count);
        Assert.Equal(784, data.FeatureCount);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void WrongMagic_ShowsTheValueFound(bool compressed)
    {
        string path = Write("images", Idx(0x12345678, new[] { 3, 2, 3 }, Pixels), compressed);
        var e = Assert.Throws<InvalidDataException>(() => IdxReader.ReadImages(path));
        Assert.StartsWith(path, e.Message);
        Assert.Contains("wrong magic number 0x12345678; expected 0x00000803", e.Message);
    }

    [Fact]
    public void LabelsFileReadAsImages_ReportsDimensionsAndSwap()
    {
        string path = Write("labels", LabelsFile(), compressed: false);
        var e = Assert.Throws<InvalidDataException>(() => IdxReader.ReadImages(path));
        Assert.Contains("wrong magic number 0x00000801", e.Message);
        Assert.Contains("declares 1 dimension(s), not 3", e.Message);
        Assert.Contains("swapped", e.Message);

        path = Write("images", ImagesFile(), compressed: false);
        e = Assert.Throws<InvalidDataException>(() => IdxReader.ReadLabels(path));
        Assert.Contains("wrong magic number 0x00000803; expected 0x00000801", e.Message);
    }

    [Fact]
    public void NonByteElementType_IsNamed()
    {
        string path = Write("floats", Idx(0x00000D03, new[] { 1, 1, 1 }, new byte[4]), compressed: false);
        var e = Assert.Throws<InvalidDataException>(() => IdxReader.ReadImages(path));
        Assert.Contains("element type is 0x0D", e.Message);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void TruncatedPixels_ReportsExpectedAndFoundBytes(bool compressed)
    {
        string path = Write("images", ImagesFile(pixels: Pixels[..10]), compressed);
        var e = Assert.Throws<InvalidDataException>(() => IdxReader.ReadImages(path));
        Assert.StartsWith(path, e.Message);
        Assert.Contains("truncated data", e.Message);
        Assert.Contains("expected 18 bytes, found 10", e.Message);
    }

    [Fact]
    public void TruncatedHeader_Throws()
    {
        string path = Write("images", ImagesFile()[..9], compressed: false);
        var e = Assert.Throws<InvalidDataException>(() => IdxReader.ReadImages(path));
        Assert.Contains("truncated header: expected 12 bytes", e.Message);

        path = Write("tiny", new byte[] { 0, 0 }, compressed: false);
        e = Assert.Throws<InvalidDataException>(() => IdxReader.ReadLabels(path));
        Assert.Contains("found 2 bytes", e.Message);
    }

    [Fact]
    public void ExtraData_Throws()
    {
        string path = Write("images", ImagesFile(count: 2), compressed: false);
        var e = Assert.Throws<InvalidDataException>(() => IdxReader.ReadImages(path));
        Assert.Contains("more data than the header declares (2 images of 2 × 3 pixels, 12 bytes)", e.Message);
    }

    [Fact]
    public void CorruptGzip_NamesTheFile()
    {
        byte[] compressed = Gzip(ImagesFile());
        for (int i = 10; i < compressed.Length - 8; i++)
        {
            compressed[i] ^= 0xA5;
        }

        string path = _directory.WriteBytes("images", compressed);
        var e = Assert.Throws<InvalidDataException>(() => IdxReader.ReadImages(path));
        Assert.StartsWith(path, e.Message);
    }

    [Fact]
    public void TruncatedGzip_NamesTheFile()
    {
        byte[] compressed = Gzip(Idx(0x00000803, new[] { 100, 28, 28 }, Enumerable.Range(0, 78400).Select(i => (byte)(i * 7)).ToArray()));
        string path = _directory.WriteBytes("images", compressed[..(compressed.Length / 2)]);
        var e = Assert.Throws<InvalidDataException>(() => IdxReader.ReadImages(path));
        Assert.StartsWith(path, e.Message);
    }

    [Fact]
    public void LabelCountDiffersFromImageCount_NamesBothFiles()
    {
        string images = Write("images", ImagesFile(), compressed: false);
        string labels = Write("labels", LabelsFile(new byte[] { 0, 9 }), compressed: false);
        var e = Assert.Throws<InvalidDataException>(() => IdxReader.ReadDataset(images, labels));
        Assert.Contains($"{images} holds 3 images but {labels} holds 2 labels", e.Message);
    }

    [Fact]
    public void LabelOutOfRange_NamesTheSample()
    {
        string images = Write("images", ImagesFile(), compressed: false);
        string labels = Write("labels", LabelsFile(new byte[] { 0, 12, 4 }), compressed: true);
        var e = Assert.Throws<InvalidDataException>(() => IdxReader.ReadDataset(images, labels, classCount: 10));
        Assert.StartsWith(labels, e.Message);
        Assert.Contains("the label of sample 1 is 12, but classCount is 10", e.Message);
    }

    [Fact]
    public void BadArguments_Throw()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => IdxReader.ReadDataset("a", "b", classCount: 0));
        Assert.Throws<FileNotFoundException>(() => IdxReader.ReadImages(Path.Combine(_directory.FullName, "missing")));
    }
}
