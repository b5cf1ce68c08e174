using System;
using System.IO;
using System.Numerics.Tensors;
using Google.Protobuf;
using StaticNet.Interop;
using StaticNet.OnnxFormat;

namespace StaticNet;

/// <summary>
/// Exports a network to ONNX, for ONNX Runtime, onnxruntime-web or any other ONNX consumer, and imports the
/// parameters of an ONNX model of the same network: exported by <c>torch.onnx.export</c> from an
/// <c>nn.Sequential</c> of <c>nn.Linear</c> layers and activations, by Keras through tf2onnx (<c>MatMul</c> +
/// <c>Add</c>), or by <see cref="Save(INetwork, string)"/>.
/// </summary>
/// <remarks>
/// <para>
/// The exported model has IR version 7 and imports opset 13 of the default domain. Layer l is a <c>Gemm</c> node
/// (transB = 1) whose initializers are named as in PyTorch's <c>nn.Sequential</c> state dict (<c>{2(l−1)}.weight</c>
/// [n_l, n_(l−1)], <c>{2(l−1)}.bias</c> [n_l]), followed by <c>Sigmoid</c>, <c>Tanh</c>, <c>Relu</c>,
/// <c>LeakyRelu</c> (alpha = the network's LeakySlope) or <c>Softmax</c> (axis −1), and nothing for identity.
/// The graph input <c>input</c> is FLOAT [batch, n0] and the output <c>output</c> FLOAT [batch, nL], with a symbolic
/// batch dimension. Metadata records the producer (StaticNet and its version), the network's name, layer sizes
/// and activations.
/// </para>
/// <para>
/// Import reads opset 7 and later and IR version 3 and later. The activations of the network are those of its
/// <see cref="NetworkAttribute"/>, so only networks generated from <c>[Network(...)]</c> can be exported or imported.
/// </para>
/// </remarks>
public static class Onnx
{
    /// <summary>
    /// Writes <paramref name="network"/> with its current parameters as an ONNX model to <paramref name="path"/>,
    /// atomically: the model is written to a temporary file beside the target, flushed, then renamed over it.
    /// </summary>
    /// <param name="network">A network generated from <see cref="NetworkAttribute"/>.</param>
    /// <param name="path">The file to create or replace; its directory must exist.</param>
    /// <exception cref="ArgumentException">An argument is null or empty, or the network has no <see cref="NetworkAttribute"/>.</exception>
    /// <exception cref="IOException">The file could not be written; an existing file at <paramref name="path"/> is left as it was.</exception>
    public static void Save(INetwork network, string path)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentException.ThrowIfNullOrEmpty(path);

        // Built before the disk is touched, so a network that cannot be exported leaves nothing behind.
        byte[] model = OnnxExporter.Build(network).ToByteArray();
        AtomicFile.Write(path, file => file.Write(model));
    }

    /// <summary>Writes <paramref name="network"/> as an ONNX model to <paramref name="stream"/>, which is flushed but not closed.</summary>
    /// <param name="network">A network generated from <see cref="NetworkAttribute"/>.</param>
    /// <param name="stream">A writable stream.</param>
    /// <exception cref="ArgumentException">An argument is null, the stream is not writable, or the network has no <see cref="NetworkAttribute"/>.</exception>
    public static void Save(INetwork network, Stream stream)
    {
        ArgumentNullException.ThrowIfNull(network);
        WeightStreams.RequireWritable(stream);

        OnnxExporter.Build(network).WriteTo(stream);
        stream.Flush();
    }

    /// <summary>
    /// Replaces the parameters of <paramref name="network"/> with the weights of the ONNX model at
    /// <paramref name="path"/>, after checking that the model computes exactly this network: a chain from its one
    /// input to its one output of dense layers of the network's sizes, each followed by the network's activation.
    /// Everything is checked before any parameter changes; if anything is wrong, nothing is changed.
    /// </summary>
    /// <param name="network">A network generated from <see cref="NetworkAttribute"/>.</param>
    /// <param name="path">The <c>.onnx</c> file to read.</param>
    /// <param name="options">
    /// Whether NaN and infinite weights are loaded (<see cref="ReadOptions.AllowNonFiniteWeights"/>) and the most
    /// nodes, tensors, value descriptions and attributes the model may hold (<see cref="ReadOptions.MaxTensorCount"/>);
    /// null for <see cref="ReadOptions.Default"/>.
    /// </param>
    /// <exception cref="InvalidDataException">
    /// The file is not an ONNX model, or its graph is not this network (another architecture or activation, an
    /// unsupported operator, a branch or a cycle, external or non-float weights, an opset older than 7), or it holds a
    /// NaN or infinite weight, or more nodes, tensors or attributes than <paramref name="options"/> allow. The message
    /// names the node or tensor at fault and what the network expects there.
    /// </exception>
    /// <exception cref="FileNotFoundException">There is no file at <paramref name="path"/>.</exception>
    public static void Load(INetwork network, string path, ReadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentException.ThrowIfNullOrEmpty(path);

        string fullPath = Path.GetFullPath(path);
        using var file = new FileStream(fullPath, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.SequentialScan);
        LoadCore(network, file, WeightStreams.Describe(fullPath), options ?? ReadOptions.Default);
    }

    /// <summary>
    /// Replaces the parameters of <paramref name="network"/> with the weights of the ONNX model that
    /// <paramref name="stream"/> holds from its current position to its end; see <see cref="Load(INetwork, string, ReadOptions)"/>.
    /// The stream is not closed.
    /// </summary>
    /// <param name="network">A network generated from <see cref="NetworkAttribute"/>.</param>
    /// <param name="stream">
    /// A readable stream. One that cannot seek (a decompressing stream, a network stream) may deliver at most
    /// <see cref="ReadOptions.MaxDecompressedBytes"/> bytes.
    /// </param>
    /// <param name="options">As for <see cref="Load(INetwork, string, ReadOptions)"/>; null for <see cref="ReadOptions.Default"/>.</param>
    /// <exception cref="InvalidDataException">The data is not an ONNX model of this network; the message says where and why.</exception>
    public static void Load(INetwork network, Stream stream, ReadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(network);
        WeightStreams.RequireReadable(stream);

        LoadCore(network, stream, WeightStreams.Describe(stream), options ?? ReadOptions.Default);
    }

    private static void LoadCore(INetwork network, Stream stream, string source, ReadOptions options)
    {
        NetworkArchitecture architecture = NetworkArchitecture.Of(network);
        WeightLayout layout = WeightLayout.Of(network);
        ArraySegment<byte> bytes = ReadAll(stream, source, architecture, options);

        // Google.Protobuf builds every message of the file as an object; the scan counts them first, so that a file
        // of a million empty nodes is refused before they exist. Fields outside the subset are skipped, not kept.
        if (OnnxWireScan.FindExcess(bytes, options.MaxTensorCount) is { } excess)
        {
            throw Reject(source, architecture, excess, inner: null);
        }

        ModelProto model;
        try
        {
            model = Parser.ParseFrom(bytes.Array, bytes.Offset, bytes.Count);
        }
        catch (InvalidProtocolBufferException exception)
        {
            throw Reject(source, architecture, $"it is not an ONNX model: it is not valid protobuf ({exception.Message.TrimEnd('.')})", exception);
        }

        float[] parameters;
        try
        {
            parameters = OnnxImporter.ReadParameters(model, architecture, layout, out string[] names);
            if (!options.AllowNonFiniteWeights && !TensorPrimitives.IsFiniteAll<float>(parameters))
            {
                throw new OnnxRejection(layout.DescribeNonFinite(parameters, slot => MessageText.Name(names[slot]), (_, _) => string.Empty));
            }
        }
        catch (OnnxRejection rejection)
        {
            throw Reject(source, architecture, rejection.Message, rejection);
        }

        ParameterOrder.CopyFromPyTorchOrder(network, parameters);
    }

    // The whole model. A file or seekable stream states its length, which is read into one buffer; a stream that
    // cannot seek grows its buffer as bytes arrive, up to the limit.
    private static ArraySegment<byte> ReadAll(Stream stream, string source, NetworkArchitecture architecture, ReadOptions options)
    {
        if (stream.CanSeek)
        {
            long length = Math.Max(0, stream.Length - stream.Position);
            if (length > Array.MaxLength)
            {
                throw Reject(source, architecture, $"it is {length} bytes long, more than protobuf can parse (2 GB); a model of this network is far smaller", inner: null);
            }

            byte[] whole = GC.AllocateUninitializedArray<byte>((int)length);
            return new ArraySegment<byte>(whole, 0, stream.ReadAtLeast(whole, whole.Length, throwOnEndOfStream: false));
        }

        int limit = (int)Math.Min(options.MaxDecompressedBytes, Array.MaxLength - 1);
        byte[] bytes = BoundedRead.Read(stream, limit + 1, out int found);
        if (found > limit)
        {
            throw Reject(source, architecture, $"the stream goes on past {options.MaxDecompressedBytes} bytes (ReadOptions.MaxDecompressedBytes), more than a stream that cannot seek may deliver; raise the limit if the model is genuine", inner: null);
        }

        return new ArraySegment<byte>(bytes, 0, found);
    }

    private static MessageParser<ModelProto> Parser { get; } = ModelProto.Parser.WithDiscardUnknownFields(true);

    // Problems quote names from the file; the cut keeps a message short whatever they hold.
    private static InvalidDataException Reject(string source, NetworkArchitecture architecture, string problem, Exception? inner) =>
        new($"Cannot load {source} into {architecture.Name}: {MessageText.Shorten(problem, MaxProblemLength)}. The network is {architecture.Describe()}.", inner);

    private const int MaxProblemLength = 1_000;
}
