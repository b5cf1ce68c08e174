using System;
using System.Buffers.Binary;
using System.IO;
using System.Runtime.InteropServices;
using System.Text;
using StaticNet.Tests.Networks;

namespace StaticNet.Tests;

/// <summary>Builds safetensors files byte by byte, independently of <see cref="SafeTensors"/>, the way other writers lay them out.</summary>
internal static class SafeTensorsTestFiles
{
    /// <summary>One compact tensor entry, as serde_json (the reference writer) prints it.</summary>
    public static string Tensor(string name, string dtype, string shape, long begin, long end) =>
        $"\"{name}\":{{\"dtype\":\"{dtype}\",\"shape\":{shape},\"data_offsets\":[{begin},{end}]}}";

    /// <summary>A header object holding the given entries.</summary>
    public static string Header(params string[] entries) => "{" + string.Join(",", entries) + "}";

    /// <summary>8-byte little-endian length, the header, optionally space-padded to a multiple of 8, then the data.</summary>
    public static byte[] Build(string header, ReadOnlySpan<byte> data, bool pad = false) =>
        Build(Encoding.UTF8.GetBytes(header), data, pad);

    /// <summary>Like <see cref="Build(string, ReadOnlySpan{byte}, bool)"/> for raw header bytes.</summary>
    public static byte[] Build(byte[] header, ReadOnlySpan<byte> data, bool pad = false)
    {
        int headerLength = pad ? (header.Length + 7) / 8 * 8 : header.Length;
        var file = new byte[8 + headerLength + data.Length];
        BinaryPrimitives.WriteUInt64LittleEndian(file, (ulong)headerLength);
        header.CopyTo(file, 8);
        file.AsSpan(8 + header.Length, headerLength - header.Length).Fill((byte)' ');
        data.CopyTo(file.AsSpan(8 + headerLength));
        return file;
    }

    /// <summary>Floats as little-endian bytes, whatever the machine's byte order.</summary>
    public static byte[] LittleEndian(ReadOnlySpan<float> values)
    {
        var bytes = new byte[values.Length * 4];
        for (int i = 0; i < values.Length; i++)
        {
            BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(i * 4), values[i]);
        }

        return bytes;
    }

    /// <summary><paramref name="count"/> distinct floats: 0.5, 1.5, 2.5, …, each recognisable by its index.</summary>
    public static byte[] Sequence(int count)
    {
        var values = new float[count];
        for (int i = 0; i < count; i++)
        {
            values[i] = i + 0.5f;
        }

        return LittleEndian(values);
    }

    /// <summary>The parameters' bit patterns, so comparisons are exact even for NaN and −0.</summary>
    public static int[] Bits(ReadOnlySpan<float> values) => MemoryMarshal.Cast<float, int>(values).ToArray();
}

/// <summary>A readable stream that cannot seek, like a network or pipe stream.</summary>
internal sealed class NonSeekableStream(Stream inner) : Stream
{
    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, count);

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}

/// <summary>
/// A <see cref="DefaultNet"/> whose <see cref="INetwork.Parameters"/> throws after a given number of reads: saving
/// it fails after the file has been created and the header written, the worst moment for a non-atomic save.
/// </summary>
internal sealed class FailingNetwork(int successfulReads) : INetwork
{
    private readonly DefaultNet _inner = new(seed: 9);
    private int _reads;

    public int InputSize => DefaultNet.InputSize;

    public int OutputSize => DefaultNet.OutputSize;

    public int ParameterCount => DefaultNet.ParameterCount;

    public ReadOnlySpan<int> LayerSizes => DefaultNet.LayerSizes;

    public Span<float> Parameters => ++_reads > successfulReads ? throw new InvalidOperationException("simulated failure while reading parameters") : _inner.Parameters;

    public WeightOrder GetWeightOrder(int layer) => _inner.GetWeightOrder(layer);

    public void Initialize(int seed) => _inner.Initialize(seed);

    public void Forward(ReadOnlySpan<float> input, Span<float> output) => _inner.Forward(input, output);

    public float Backward(ReadOnlySpan<float> input, ReadOnlySpan<float> target, Span<float> gradient) => _inner.Backward(input, target, gradient);

    public float Backward(ReadOnlySpan<float> input, ReadOnlySpan<float> target, Span<float> gradient, Span<float> inputGradient) =>
        _inner.Backward(input, target, gradient, inputGradient);

    public void Backpropagate(ReadOnlySpan<float> input, ReadOnlySpan<float> outputGradient, Span<float> gradient, Span<float> inputGradient) =>
        _inner.Backpropagate(input, outputGradient, gradient, inputGradient);

    public float Loss(ReadOnlySpan<float> output, ReadOnlySpan<float> target) => ((INetwork)_inner).Loss(output, target);
}
