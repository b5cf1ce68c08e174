using System;
using System.Globalization;
using System.IO;
using System.Text;
using StaticNet.Interop;
using static StaticNet.WeightLayout;

namespace StaticNet;

/// <summary>
/// Saves and loads a network's parameters as JSON: an object whose keys are PyTorch state-dict names and whose
/// values are nested arrays, exactly what <c>json.dump({k: v.tolist() for k, v in model.state_dict().items()}, f)</c>
/// writes and <c>model.load_state_dict({k: torch.tensor(v) for k, v in json.load(f).items()})</c> reads.
/// </summary>
/// <remarks>
/// <para>
/// Layer l is a weight <c>[n_l][n_(l−1)]</c> (rows are output units, as in <c>nn.Linear</c>) and a bias <c>[n_l]</c>.
/// <see cref="Save(INetwork, string, StateDictKeys)"/> writes the <c>nn.Sequential</c> names <c>0.weight, 0.bias, 2.weight, …</c>
/// (or the keys a <see cref="StateDictKeys"/> gives)
/// and every float in its shortest form that reads back to the same bits. <see cref="Load(INetwork, string, ReadOptions)"/>
/// accepts the names of any multilayer perceptron's state dict by the same rules as
/// <see cref="SafeTensors.Load(INetwork, string, ReadOptions)"/> (Dropout gaps, named layers, a wrapper prefix).
/// </para>
/// <para>The frozen-network generator reads these files with the same reader and name rules.</para>
/// </remarks>
public static class WeightsJson
{
    // Strict, so that a file mangled into invalid UTF-8 is rejected rather than read with replacement characters.
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Writes the parameters of <paramref name="network"/> to <paramref name="path"/>, atomically (a temporary file renamed over the target).</summary>
    /// <param name="network">The network to save.</param>
    /// <param name="path">The file to create or replace; its directory must exist.</param>
    /// <param name="keys">
    /// The state-dict keys to write, for a PyTorch module whose <c>Linear</c> layers are not at <c>0, 2, 4, …</c>
    /// (a <c>Sequential</c> with Dropout, named layers); null for those default keys.
    /// </param>
    /// <exception cref="ArgumentException">
    /// A parameter is NaN or infinite, which JSON cannot hold, or <paramref name="keys"/> names another number of
    /// layers than the network has; nothing is written.
    /// </exception>
    /// <exception cref="IOException">The file could not be written; an existing file at <paramref name="path"/> is left as it was.</exception>
    public static void Save(INetwork network, string path, StateDictKeys? keys = null)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentException.ThrowIfNullOrEmpty(path);

        byte[] json = Utf8.GetBytes(Format(network, keys));
        AtomicFile.Write(path, file => file.Write(json));
    }

    /// <summary>Writes the parameters of <paramref name="network"/> as JSON (UTF-8, no byte order mark) to <paramref name="stream"/>, which is flushed but not closed.</summary>
    /// <param name="network">The network to save.</param>
    /// <param name="stream">A writable stream.</param>
    /// <param name="keys">The state-dict keys to write; null for <c>0, 2, 4, …</c>.</param>
    /// <exception cref="ArgumentException">
    /// A parameter is NaN or infinite, which JSON cannot hold, or <paramref name="keys"/> names another number of
    /// layers than the network has; nothing is written.
    /// </exception>
    public static void Save(INetwork network, Stream stream, StateDictKeys? keys = null)
    {
        ArgumentNullException.ThrowIfNull(network);
        WeightStreams.RequireWritable(stream);

        stream.Write(Utf8.GetBytes(Format(network, keys)));
        stream.Flush();
    }

    /// <summary>
    /// Replaces the parameters of <paramref name="network"/> with those in the JSON weights file at
    /// <paramref name="path"/>. The whole file is validated first; if anything is wrong, nothing is changed.
    /// </summary>
    /// <param name="network">The network to load into.</param>
    /// <param name="path">The file to read.</param>
    /// <param name="options">
    /// Whether entries named neither <c>*.weight</c> nor <c>*.bias</c> (such as BatchNorm statistics) are skipped
    /// (<see cref="ReadOptions.IgnoreBuffers"/>), whether <c>NaN</c> and <c>Infinity</c> are loaded
    /// (<see cref="ReadOptions.AllowNonFiniteWeights"/>), and the most tensors the file may list
    /// (<see cref="ReadOptions.MaxTensorCount"/>); null for <see cref="ReadOptions.Default"/>.
    /// </param>
    /// <exception cref="InvalidDataException">
    /// The file is not UTF-8 JSON, not an object of rectangular arrays of finite numbers (the message gives the line
    /// and column), lists more than <see cref="ReadOptions.MaxTensorCount"/> tensors, or its tensors do not chain the
    /// network's layer sizes (the message lists what it found).
    /// </exception>
    /// <exception cref="FileNotFoundException">There is no file at <paramref name="path"/>.</exception>
    public static void Load(INetwork network, string path, ReadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentException.ThrowIfNullOrEmpty(path);

        WeightLayout layout = WeightLayout.Of(network);
        string fullPath = Path.GetFullPath(path);
        using var file = new FileStream(fullPath, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.SequentialScan);
        LoadCore(network, layout, file, WeightStreams.Describe(fullPath), options ?? ReadOptions.Default);
    }

    /// <summary>
    /// Replaces the parameters of <paramref name="network"/> with those of the JSON weights that
    /// <paramref name="stream"/> holds from its current position to its end. Everything is validated first; if
    /// anything is wrong, nothing is changed. The stream is not closed.
    /// </summary>
    /// <param name="network">The network to load into.</param>
    /// <param name="stream">
    /// A readable stream. One that cannot seek (a decompressing stream, a network stream) may deliver at most
    /// <see cref="ReadOptions.MaxDecompressedBytes"/> bytes.
    /// </param>
    /// <param name="options">As for <see cref="Load(INetwork, string, ReadOptions)"/>; null for <see cref="ReadOptions.Default"/>.</param>
    /// <exception cref="InvalidDataException">The data is not valid JSON weights for this network, or a stream that cannot seek goes on past <see cref="ReadOptions.MaxDecompressedBytes"/>; see <see cref="Load(INetwork, string, ReadOptions)"/>.</exception>
    public static void Load(INetwork network, Stream stream, ReadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(network);
        WeightStreams.RequireReadable(stream);

        WeightLayout layout = WeightLayout.Of(network);
        LoadCore(network, layout, stream, WeightStreams.Describe(stream), options ?? ReadOptions.Default);
    }

    // One pass over the text: the reader keeps only each tensor's values (none of a tensor larger than any the network
    // has), so memory is bounded by the text and by the network. A stream that cannot seek has no length, so the bytes
    // it may deliver are bounded too, or a valid file followed by endless whitespace would be read for ever.
    private static void LoadCore(INetwork network, WeightLayout layout, Stream stream, string source, ReadOptions options)
    {
        var limits = new JsonWeightsLimits(options.MaxTensorCount, layout.LargestSlotLength, options.AllowNonFiniteWeights, " (ReadOptions.MaxTensorCount)");
        using var bounded = new ByteLimitStream(stream, stream.CanSeek ? long.MaxValue : options.MaxDecompressedBytes);
        using var reader = new StreamReader(bounded, Utf8, detectEncodingFromByteOrderMarks: false, bufferSize: 16 * 1024, leaveOpen: true);
        JsonWeights weights;
        try
        {
            weights = JsonWeights.Read(reader, limits);
        }
        catch (DecoderFallbackException exception)
        {
            throw layout.Reject(source, "it is not valid UTF-8 text", exception);
        }
        catch (ByteLimitStream.LimitExceededException exception)
        {
            throw layout.Reject(source, Invariant($"the stream goes on past {options.MaxDecompressedBytes} bytes (ReadOptions.MaxDecompressedBytes), more than a stream that cannot seek may deliver; raise the limit if the file is genuine"), exception);
        }
        catch (JsonFormatException exception)
        {
            string what = exception.Kind == JsonProblemKind.Syntax ? "it is not valid JSON: " : string.Empty;
            string hint = exception.Kind == JsonProblemKind.NonFiniteValue ? " (pass ReadOptions { AllowNonFiniteWeights = true } to load it anyway)" : string.Empty;
            throw layout.Reject(source, what + exception.Message + hint, exception);
        }

        StateDictMatch match = StateDictMatcher.Match(weights.Tensors, layout.Sizes, options.IgnoreBuffers);
        if (match.Problems.Count > 0)
        {
            throw layout.Reject(source, match.Problems, Note(match, layersNote: null));
        }

        // Everything is checked; only now does the network change, in one copy. A matched tensor has a layer's shape,
        // so its values were kept.
        var staging = new float[layout.ParameterCount];
        for (int l = 0; l < match.Weights.Length; l++)
        {
            weights.Values[match.Weights[l]]!.CopyTo(staging.AsSpan(layout.Slots[2 * l].ParameterOffset));
            weights.Values[match.Biases[l]]!.CopyTo(staging.AsSpan(layout.Slots[2 * l + 1].ParameterOffset));
        }

        ParameterOrder.CopyFromPyTorchOrder(network, staging);
    }

    private static string Format(INetwork network, StateDictKeys? keys)
    {
        WeightLayout layout = WeightLayout.Of(network);
        string[] names = StateDictKeys.TensorNames(keys, layout.Sizes.Length - 1, nameof(keys));
        ReadOnlySpan<float> parameters = ParameterOrder.InPyTorchOrder(network);
        var json = new StringBuilder(16 * layout.ParameterCount + 64);
        json.Append('{');
        for (int i = 0; i < layout.Slots.Count; i++)
        {
            TensorSlot slot = layout.Slots[i];
            json.Append(i == 0 ? "\n  \"" : ",\n  \"").Append(names[i]).Append("\": ");
            ReadOnlySpan<float> values = parameters.Slice(slot.ParameterOffset, slot.Length);
            if (slot.Shape.Length == 1)
            {
                AppendRow(json, values);
                continue;
            }

            // One weight row (one output unit) per line: readable, and diffs of retrained files stay local.
            int columns = (int)slot.Shape[1];
            json.Append('[');
            for (int row = 0; row < slot.Shape[0]; row++)
            {
                json.Append(row == 0 ? "\n    " : ",\n    ");
                AppendRow(json, values.Slice(row * columns, columns));
            }

            json.Append("\n  ]");
        }

        return json.Append("\n}\n").ToString();
    }

    private static void AppendRow(StringBuilder json, ReadOnlySpan<float> values)
    {
        json.Append('[');
        for (int i = 0; i < values.Length; i++)
        {
            if (!float.IsFinite(values[i]))
            {
                // JSON has no NaN or infinity, and a file Python would write with them could not be loaded back.
                throw new ArgumentException(Invariant($"The network's parameters hold {values[i]}, which JSON cannot represent; weights must be finite."), "network");
            }

            // Since .NET Core 3.0 the default float format is the shortest text that parses back to the same bits.
            json.Append(i == 0 ? string.Empty : ", ").Append(values[i].ToString("R", CultureInfo.InvariantCulture));
        }

        json.Append(']');
    }
}
