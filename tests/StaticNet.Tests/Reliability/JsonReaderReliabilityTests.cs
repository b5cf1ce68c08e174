using System;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Text;
using StaticNet.Tests.Networks;
using Xunit;
using Xunit.Abstractions;

namespace StaticNet.Tests.Reliability;

/// <summary>
/// Issue 18, classes 5, 7 and 8: JSON weights whose first items promise a huge (or overflowing, or wrapping) shape,
/// files with a huge extra tensor, a million rows or a megabyte key, and a stream that never ends. Each is an
/// <see cref="InvalidDataException"/> within <see cref="ReaderBounds"/>; the figures go to the test output.
/// </summary>
public sealed class JsonReaderReliabilityTests(ITestOutputHelper output)
{
    private Rejection Rejects(string json, ReadOptions? options = null)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(json);
        var network = new DefaultNet(seed: 3);
        Rejection rejection = ReaderBounds.Rejects(network, bytes.Length, () => WeightsJson.Load(network, new MemoryStream(bytes), options));
        output.WriteLine($"{bytes.Length:N0}-byte file: {rejection}");
        return rejection;
    }

    // An array whose first item is first, followed by count − 1 empty arrays: the first items promise count at this level.
    private static string Promise(string first, int count) => "[" + first + string.Concat(Enumerable.Repeat(",[]", count - 1)) + "]";

    private static string Valid()
    {
        using var stream = new MemoryStream();
        WeightsJson.Save(new DefaultNet(seed: 1), stream);
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    [Fact]
    public void FirstItemsPromisingA512CubedTensor_AreRejected_WithoutAllocatingIt()
    {
        string leaves = "[" + string.Join(",", Enumerable.Repeat("0", 512)) + "]";
        string json = "{\"0.weight\": " + Promise(Promise(leaves, 512), 512) + "}";

        Rejection rejection = Rejects(json);

        Assert.Contains("tensor '0.weight' is not rectangular: the first array at this depth has 512 items, so this should be an array of 512, but it is an array of 0", rejection.Exception.Message);
    }

    [Theory]
    [InlineData(12, 100)] // 100^12 overflows a long
    [InlineData(8, 256)] // 256^8 = 2^64 wraps to 0
    public void FirstItemsWhoseShapeOverflowsOrWraps_AreRejected(int depth, int width)
    {
        string value = "[" + string.Join(",", Enumerable.Repeat("0", width)) + "]";
        for (int level = 1; level < depth; level++)
        {
            value = Promise(value, width);
        }

        Rejection rejection = Rejects("{\"0.weight\": " + Promise(value, width) + "}");

        Assert.Contains($"is not rectangular: the first array at this depth has {width} items, so this should be an array of {width}, but it is an array of 0", rejection.Exception.Message);
    }

    [Fact]
    public void HugeExtraTensor_IsRejected_WithoutKeepingItsValues()
    {
        string valid = Valid();
        string json = valid[..valid.LastIndexOf('}')] + ", \"9.running_mean\": [" + string.Join(",", Enumerable.Repeat("0", 4_000_000)) + "]}";

        Rejection rejection = Rejects(json);

        Assert.Contains("unexpected tensor '9.running_mean' ([4000000]", rejection.Exception.Message);
    }

    [Fact]
    public void AMillionRowsOfOneValue_AreRejected()
    {
        string json = "{\"0.weight\": [" + string.Join(",", Enumerable.Repeat("[0]", 1_000_000)) + "]}";

        Rejection rejection = Rejects(json);

        Assert.Contains("layer 1 weight: file has [1000000,1], network expects [5,4]", rejection.Exception.Message);
    }

    [Fact]
    public void MegabyteKey_GivesAShortMessage()
    {
        string json = "{\"" + new string('k', 4_000_000) + "\": [1]}";

        Rejection rejection = Rejects(json);

        Assert.Contains("unexpected tensor 'kkkkkkkkkk", rejection.Exception.Message);
    }

    [Fact]
    public void ManyTinyTensors_StopAtMaxTensorCount()
    {
        string json = "{" + string.Join(",", Enumerable.Range(0, 20_000).Select(i => $"\"t{i}\":0")) + "}";

        Rejection rejection = Rejects(json);

        Assert.Contains("the file lists more than 10000 tensors (ReadOptions.MaxTensorCount)", rejection.Exception.Message);
    }

    [Fact]
    public void GzipOfAValidFileFollowedBy300MBOfSpaces_IsRejected_WithBoundedMemory()
    {
        using var compressed = new MemoryStream();
        using (var gzip = new GZipStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
        {
            gzip.Write(Encoding.UTF8.GetBytes(Valid()));
            byte[] spaces = new byte[1 << 20];
            spaces.AsSpan().Fill((byte)' ');
            for (int i = 0; i < 300; i++)
            {
                gzip.Write(spaces);
            }
        }

        byte[] file = compressed.ToArray();
        var network = new DefaultNet(seed: 3);
        Rejection rejection = ReaderBounds.Rejects(network, file.Length, () => WeightsJson.Load(network, new GZipStream(new MemoryStream(file), CompressionMode.Decompress)));
        output.WriteLine($"{file.Length:N0}-byte gzip stream: {rejection}");

        Assert.Contains("the stream goes on past 268435456 bytes (ReadOptions.MaxDecompressedBytes)", rejection.Exception.Message);
    }

    [Fact]
    public void NonSeekableStream_OfExactlyTheLimit_Loads()
    {
        byte[] file = Encoding.UTF8.GetBytes(Valid());
        var network = new DefaultNet(seed: 3);

        WeightsJson.Load(network, new NonSeekableStream(new MemoryStream(file)), new ReadOptions { MaxDecompressedBytes = file.Length });

        Assert.Equal(SafeTensorsTestFiles.Bits(new DefaultNet(seed: 1).Parameters), SafeTensorsTestFiles.Bits(network.Parameters));
        Assert.Throws<InvalidDataException>(() => WeightsJson.Load(network, new NonSeekableStream(new MemoryStream(file)), new ReadOptions { MaxDecompressedBytes = file.Length - 1 }));
    }

    [Fact]
    public void NonFiniteValues_LoadOnlyWhenAllowed()
    {
        // The last tensor of a saved file is 2.bias [3]; it is replaced by one holding NaN and -Infinity.
        string valid = Valid();
        string json = valid[..valid.IndexOf("\"2.bias\"", StringComparison.Ordinal)] + "\"2.bias\": [NaN, -Infinity, 0.5]\n}\n";

        Rejection rejection = Rejects(json);
        Assert.Contains("tensor '2.bias' holds NaN; weights must be finite at line", rejection.Exception.Message);
        Assert.Contains("AllowNonFiniteWeights = true", rejection.Exception.Message);

        var network = new DefaultNet(seed: 3);
        WeightsJson.Load(network, new MemoryStream(Encoding.UTF8.GetBytes(json)), new ReadOptions { AllowNonFiniteWeights = true });
        Assert.True(float.IsNaN(network.Parameters[^3]));
        Assert.Equal(float.NegativeInfinity, network.Parameters[^2]);
        Assert.Equal(0.5f, network.Parameters[^1]);
    }
}
