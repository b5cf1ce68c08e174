using System;

namespace StaticNet;

/// <summary>
/// Limits and choices shared by every reader (<see cref="SafeTensors"/>, <see cref="CsvReader"/>,
/// <see cref="IdxReader"/>). Each limit is checked before the memory it guards is allocated, so a hostile or
/// corrupt file is rejected with an <see cref="System.IO.InvalidDataException"/> instead of exhausting memory;
/// raise a limit when a real file needs more. A limit below 1 would reject every file, so setting one throws
/// <see cref="ArgumentOutOfRangeException"/> instead.
/// </summary>
public sealed class ReadOptions
{
    private readonly int _maxClassCount = 10_000, _maxTensorCount = 10_000;
    private readonly long _maxDecompressedBytes = 256L << 20, _maxDatasetBytes = 1L << 30;

    /// <summary>The defaults: the limits listed on each property, non-finite weights rejected.</summary>
    public static ReadOptions Default { get; } = new();

    /// <summary>
    /// The most classes a classification file may name (one-hot targets take rows × classes floats). Default 10,000.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is below 1.</exception>
    public int MaxClassCount
    {
        get => _maxClassCount;
        init => _maxClassCount = AtLeastOne(value, nameof(MaxClassCount));
    }

    /// <summary>
    /// The most bytes a gzip-compressed file may expand to, and the most a stream that cannot seek may deliver to
    /// <see cref="WeightsJson"/> or the ONNX reader (such a stream has no length to check first). Default 256 MiB
    /// (Fashion-MNIST's training images are 47 MB); gzip expands up to about 1,000 times, so this bounds what a small
    /// file can make the reader hold or read.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is below 1.</exception>
    public long MaxDecompressedBytes
    {
        get => _maxDecompressedBytes;
        init => _maxDecompressedBytes = AtLeastOne(value, nameof(MaxDecompressedBytes));
    }

    /// <summary>
    /// The most bytes the features, targets and labels of a <see cref="Dataset"/> built by a reader may take.
    /// Default 1 GiB (Fashion-MNIST's training set takes 191 MB).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is below 1.</exception>
    public long MaxDatasetBytes
    {
        get => _maxDatasetBytes;
        init => _maxDatasetBytes = AtLeastOne(value, nameof(MaxDatasetBytes));
    }

    /// <summary>
    /// The most tensors a safetensors header or a JSON weights file may list, the most entries a safetensors
    /// <c>__metadata__</c> may hold, and the most nodes, tensors, value descriptions and attributes an ONNX model may
    /// hold (4 times as many protobuf messages in all). Default 10,000 (a network of 5,000 layers); every tensor beyond
    /// the network's own is an error anyway, so the limit only bounds the memory and work spent on a file of millions
    /// of tiny entries.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is below 1.</exception>
    public int MaxTensorCount
    {
        get => _maxTensorCount;
        init => _maxTensorCount = AtLeastOne(value, nameof(MaxTensorCount));
    }

    /// <summary>
    /// Whether <see cref="SafeTensors"/>, <see cref="WeightsJson"/> and the ONNX reader may load NaN or infinite
    /// weights. Default false: such a weight is almost always a diverged or corrupt file, and one infinity gives
    /// plausible outputs for most inputs.
    /// </summary>
    public bool AllowNonFiniteWeights { get; init; }

    /// <summary>
    /// Whether weight files may hold tensors named neither <c>*.weight</c> nor <c>*.bias</c> (BatchNorm statistics,
    /// registered buffers), which are then skipped. Off by default: a file holding them is usually not the network
    /// one meant to load.
    /// </summary>
    public bool IgnoreBuffers { get; init; }

    // Two overloads rather than one over IBinaryInteger<T>, which netstandard2.1 lacks.
    private static int AtLeastOne(int value, string name) => (int)AtLeastOne((long)value, name);

    private static long AtLeastOne(long value, string name)
    {
        if (value < 1)
        {
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be at least 1 (it bounds what a reader may allocate; a limit below 1 would reject every file); got {value}.");
        }

        return value;
    }
}
