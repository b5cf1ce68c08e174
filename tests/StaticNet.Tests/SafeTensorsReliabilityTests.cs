using System;
using System.IO;
using System.Linq;
using System.Text;
using StaticNet.Tests.Networks;
using Xunit;
using static StaticNet.Tests.SafeTensorsTestFiles;

namespace StaticNet.Tests;

/// <summary>
/// The minimal examples of issue 10 for safetensors: every malformed input is an <see cref="InvalidDataException"/>
/// with the parameters unchanged, memory stays in proportion to the input, and non-finite weights are refused.
/// </summary>
public sealed class SafeTensorsReliabilityTests(Xunit.Abstractions.ITestOutputHelper output)
{
    private static readonly string[] DefaultTensors =
    {
        Tensor("0.weight", "F32", "[5,4]", 0, 80),
        Tensor("0.bias", "F32", "[5]", 80, 100),
        Tensor("2.weight", "F32", "[3,5]", 100, 160),
        Tensor("2.bias", "F32", "[3]", 160, 172),
    };

    private static InvalidDataException Rejects(byte[] file, ReadOptions? options = null, bool seekable = true)
    {
        var network = new DefaultNet(seed: 3);
        int[] before = Bits(network.Parameters);
        Stream stream = seekable ? new MemoryStream(file) : new NonSeekableStream(new MemoryStream(file));
        var exception = Assert.Throws<InvalidDataException>(() => SafeTensors.Load(network, stream, options));
        Assert.Equal(before, Bits(network.Parameters));
        return exception;
    }

    [Fact]
    public void LoneSurrogateEscape_InTheOnlyName_IsInvalidData()
    {
        // The 20-byte file: {"\udc00":0}
        byte[] file = Build("{\"\\udc00\":0}", ReadOnlySpan<byte>.Empty);
        Assert.Equal(20, file.Length);

        Assert.Contains("at byte 9 whose escapes are not valid UTF-16", Rejects(file).Message);
    }

    [Theory]
    [InlineData("\"0.bias\":{\"dtype\":\"F\\ud800\",\"shape\":[5],\"data_offsets\":[80,100]}")]
    [InlineData("\"__metadata__\":{\"format\":\"p\\udc00t\"}")]
    [InlineData("\"__metadata__\":{\"\\udc00\":\"pt\"}")]
    public void LoneSurrogateEscape_InDtypeOrMetadata_IsInvalidData(string entry)
    {
        byte[] file = Build(Header(DefaultTensors[0], entry, DefaultTensors[2], DefaultTensors[3]), Sequence(43));

        Assert.Contains("escapes are not valid UTF-16", Rejects(file).Message);
    }

    [Theory]
    [InlineData("\"extra\":{\"\\ud800\":1}")]
    [InlineData("\"extra\":{\"\\ud800\\u0041\":1}")]
    [InlineData("\"extra\":{\"a\":{\"\\udc00\":[]}}")]
    [InlineData("\"extra\":[\"x\\ud800\"]")]
    public void LoneSurrogateEscape_InsideAnIgnoredProperty_IsInvalidData(string extra)
    {
        // The reference reader buffers the whole header as JSON values before it ignores a property, so a lone
        // surrogate anywhere in it fails there (issue 18, from the first round).
        string entry = "\"0.bias\":{\"dtype\":\"F32\",\"shape\":[5],\"data_offsets\":[80,100]," + extra + "}";
        byte[] file = Build(Header(DefaultTensors[0], entry, DefaultTensors[2], DefaultTensors[3]), Sequence(43));
        var network = new DefaultNet(seed: 3);

        Reliability.Rejection rejection = Reliability.ReaderBounds.Rejects(network, file.Length, () => SafeTensors.Load(network, new MemoryStream(file)));
        output.WriteLine(rejection.ToString());

        Assert.Contains("escapes are not valid UTF-16", rejection.Exception.Message);
    }

    [Fact]
    public void SurrogatePairEscape_InsideAnIgnoredProperty_Loads()
    {
        string entry = "\"0.bias\":{\"dtype\":\"F32\",\"shape\":[5],\"data_offsets\":[80,100],\"extra\":{\"\\ud83d\\ude00\":[\"\\u00e9\"]}}";
        byte[] file = Build(Header(DefaultTensors[0], entry, DefaultTensors[2], DefaultTensors[3]), Sequence(43));
        var network = new DefaultNet(seed: 3);

        SafeTensors.Load(network, new MemoryStream(file));

        Assert.Equal(1.5f, PyTorchOrder.ParametersOf(network)[1]);
    }

    [Fact]
    public void RepeatedKeyInsideATensorEntry_IsRejected_NotLastWins()
    {
        string entry = "\"2.bias\":{\"dtype\":\"F32\",\"shape\":[3],\"data_offsets\":[0,12],\"data_offsets\":[160,172]}";
        byte[] file = Build(Header(DefaultTensors[0], DefaultTensors[1], DefaultTensors[2], entry), Sequence(43));

        Assert.Contains("tensor '2.bias' lists \"data_offsets\" more than once", Rejects(file).Message);
    }

    [Fact]
    public void HugeShapeOfZeros_IsRejectedWithoutLargeAllocations_AndAShortMessage()
    {
        // 2 MB header: one tensor whose shape is about a million zeros.
        string shape = "[" + string.Join(",", Enumerable.Repeat("0", 1_000_000)) + "]";
        byte[] file = Build(Header(DefaultTensors[0], DefaultTensors[1], DefaultTensors[2], DefaultTensors[3], Tensor("x", "F32", shape, 172, 172)), Sequence(43));

        long allocated = GC.GetAllocatedBytesForCurrentThread();
        InvalidDataException exception = Rejects(file);
        allocated = GC.GetAllocatedBytesForCurrentThread() - allocated;

        Assert.Contains("tensor 'x' has a \"shape\" that is not an array of non-negative integers: [0,0,0", exception.Message);
        Assert.True(exception.Message.Length < 1_000, $"message of {exception.Message.Length} characters");

        // The MemoryStream of the file itself is 2 MB; the reader adds the header once more and a little.
        Assert.True(allocated < 3 * file.Length, $"{allocated} bytes allocated for a {file.Length}-byte file");
    }

    [Fact]
    public void MoreTensorsThanTheLimit_AreRejectedBeforeDescribingThem()
    {
        var entries = DefaultTensors.Concat(Enumerable.Range(0, 20_000).Select(i => Tensor("extra" + i, "F32", "[0]", 172, 172))).ToArray();
        byte[] file = Build(Header(entries), Sequence(43));

        InvalidDataException exception = Rejects(file);
        Assert.Contains("its header lists more than 10000 tensors (ReadOptions.MaxTensorCount)", exception.Message);

        exception = Rejects(file, new ReadOptions { MaxTensorCount = 100 });
        Assert.Contains("more than 100 tensors", exception.Message);
    }

    [Fact]
    public void MoreMetadataEntriesThanTheLimit_AreRejected_AndMemoryStaysNearTheHeadersSize()
    {
        string metadata = "\"__metadata__\":{" + string.Join(",", Enumerable.Range(0, 200_000).Select(i => $"\"k{i}\":\"v\"")) + "}";
        byte[] file = Build(Header([metadata, .. DefaultTensors]), Sequence(43));

        long allocated = GC.GetAllocatedBytesForCurrentThread();
        InvalidDataException exception = Rejects(file);
        allocated = GC.GetAllocatedBytesForCurrentThread() - allocated;

        Assert.Contains("its \"__metadata__\" has more than 10000 entries (ReadOptions.MaxTensorCount)", exception.Message);
        Assert.True(allocated < 3 * file.Length, $"{allocated} bytes allocated for a {file.Length}-byte file");
    }

    [Fact]
    public void MessagesAreCapped_WhateverTheFileQuotes()
    {
        string longName = new('n', 1_000_000);
        byte[] file = Build(Header(DefaultTensors[0], DefaultTensors[1], DefaultTensors[2], DefaultTensors[3], Tensor(longName, "F32", "[0]", 172, 172)), Sequence(43));

        InvalidDataException exception = Rejects(file);

        Assert.Contains("unexpected tensor 'nnnn", exception.Message);
        Assert.True(exception.Message.Length < 1_000, $"message of {exception.Message.Length} characters");
    }

    [Fact]
    public void NonSeekableStream_IsNotCopiedWhole_ExtraDataIsRejectedAfterOneByte()
    {
        byte[] valid = Build(Header(DefaultTensors), Sequence(43));
        var network = new DefaultNet(seed: 3);
        int[] before = Bits(network.Parameters);
        var endless = new EndlessStream(valid);

        var exception = Assert.Throws<InvalidDataException>(() => SafeTensors.Load(network, endless));

        Assert.Contains("the stream goes on after the last tensor, which ends at byte " + valid.Length, exception.Message);
        Assert.Equal(valid.Length + 1, endless.Served);
        Assert.Equal(before, Bits(network.Parameters));
    }

    [Fact]
    public void NonSeekableStream_WithALyingHeaderLength_AllocatesWhatArrives_NotWhatIsClaimed()
    {
        byte[] file = new byte[18];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt64LittleEndian(file, 99_000_000);

        long allocated = GC.GetAllocatedBytesForCurrentThread();
        InvalidDataException exception = Rejects(file, seekable: false);
        allocated = GC.GetAllocatedBytesForCurrentThread() - allocated;

        Assert.Contains("says 99000000 bytes, but only 10 bytes follow it", exception.Message);
        Assert.True(allocated < 1_000_000, $"{allocated} bytes allocated");
    }

    [Fact]
    public void NonSeekableStream_ShorterThanItsTensors_IsTruncated()
    {
        byte[] file = Build(Header(DefaultTensors), Sequence(43));

        Assert.Contains("it ended before the end of the data its header describes", Rejects(file[..^4], seekable: false).Message);
    }

    [Theory]
    [InlineData(float.PositiveInfinity, 7, "layer 1 weight ('0.weight') holds Infinity at index 7 (byte")]
    [InlineData(float.NaN, 42, "layer 2 bias ('2.bias') holds NaN at index 2 (byte")]
    public void NonFiniteWeights_AreRejectedByDefault_AndLoadWhenAllowed(float value, int index, string fragment)
    {
        // index is the parameter's place in PyTorch's order, which the file and the message use.
        var saved = new DefaultNet(seed: 1);
        float[] values = PyTorchOrder.ParametersOf(saved);
        values[index] = value;
        saved.SetParameters(values);
        using var memory = new MemoryStream();
        SafeTensors.Save(saved, memory);
        byte[] file = memory.ToArray();

        InvalidDataException exception = Rejects(file);
        Assert.Contains(fragment, exception.Message);
        Assert.Contains("1 non-finite weights in all", exception.Message);
        Assert.Contains("AllowNonFiniteWeights = true", exception.Message);

        var loaded = new DefaultNet(seed: 2);
        SafeTensors.Load(loaded, new MemoryStream(file), new ReadOptions { AllowNonFiniteWeights = true });
        Assert.Equal(Bits(saved.Parameters), Bits(loaded.Parameters));
    }

    /// <summary>Serves a file, then zeros for ever, one read at a time, counting what it served.</summary>
    private sealed class EndlessStream(byte[] head) : Stream
    {
        public long Served { get; private set; }

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            for (int i = 0; i < count; i++)
            {
                buffer[offset + i] = Served + i < head.Length ? head[Served + i] : (byte)0;
            }

            Served += count;
            return count;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
