using System;
using System.Buffers;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.IO;
using System.Numerics.Tensors;
using System.Runtime.InteropServices;
using System.Text.Json;
using static StaticNet.WeightLayout;

namespace StaticNet;

/// <summary>
/// Saves and loads a network's parameters as a safetensors file (the Hugging Face format: an 8-byte little-endian
/// header length, a UTF-8 JSON header, then raw little-endian tensor data), named so that PyTorch reads them as
/// the state dict of the same multilayer perceptron and writes files this class loads.
/// </summary>
/// <remarks>
/// <para>
/// Layer l (from 1) is stored as the F32 tensors <c>{2(l−1)}.weight</c>, shape [n_l, n_(l−1)], and
/// <c>{2(l−1)}.bias</c>, shape [n_l]: the keys of <c>nn.Sequential(nn.Linear(n0, n1), activation, nn.Linear(n1, n2), …)</c>,
/// whose activation modules hold no parameters but still take an index. A 4-8-3 network written by
/// <c>safetensors.torch.save_file(model.state_dict(), path)</c> therefore loads directly, and
/// <c>model.load_state_dict(safetensors.torch.load_file(path))</c> reads what <see cref="Save(INetwork, string, IReadOnlyDictionary{string, string}, StateDictKeys)"/> wrote.
/// </para>
/// <para>
/// The header's <c>__metadata__</c> records <c>"format": "pt"</c> and <c>"staticnet.layers"</c> (e.g. <c>"4,8,3"</c>),
/// plus any entries the caller passes.
/// </para>
/// </remarks>
public static class SafeTensors
{
    // The reference implementation's limit: a real header is kilobytes, so a bigger length means a corrupt file or
    // not a safetensors file at all, and must not make the loader allocate gigabytes.
    private const int MaxHeaderLength = 100_000_000;

    private const string FormatKey = "format";

    /// <summary>
    /// Writes the parameters of <paramref name="network"/> to <paramref name="path"/>, atomically: the file is
    /// written beside the target under a temporary name, flushed to disk, then renamed over the target, so the
    /// target is either the complete old file or the complete new one, never a mixture.
    /// </summary>
    /// <remarks>
    /// A symbolic link is followed and the file it finally names is replaced (the link stays a link). An existing
    /// file's Unix permission bits are kept. A directory, device node, FIFO or socket at the path is refused. The
    /// temporary file is named <c>.{up to 40 characters of the name}.{hash}.{random}.staticnet-tmp</c>, so names of
    /// any length work, and such files that a crash left behind are deleted by the next save to the same target.
    /// </remarks>
    /// <param name="network">The network to save.</param>
    /// <param name="path">The file to create or replace; its directory must exist.</param>
    /// <param name="metadata">
    /// Extra <c>__metadata__</c> entries, written in ordinal key order. The keys <c>format</c> and
    /// <c>staticnet.layers</c> are written by this method and may not be passed.
    /// </param>
    /// <param name="keys">
    /// The state-dict keys to write, for a PyTorch module whose <c>Linear</c> layers are not at <c>0, 2, 4, …</c>
    /// (a <c>Sequential</c> with Dropout, named layers); null for those default keys.
    /// </param>
    /// <exception cref="ArgumentException">
    /// An argument is null or empty, <paramref name="metadata"/> uses a reserved key or a null value, or
    /// <paramref name="keys"/> names another number of layers than the network has.
    /// </exception>
    /// <exception cref="IOException">
    /// The file could not be written (also for a permission error, and for a path that is not a regular file); an
    /// existing file at <paramref name="path"/> is left as it was.
    /// </exception>
    public static void Save(INetwork network, string path, IReadOnlyDictionary<string, string>? metadata = null, StateDictKeys? keys = null)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentException.ThrowIfNullOrEmpty(path);

        // Everything that can be checked is checked before the disk is touched, so bad arguments leave nothing behind.
        WeightLayout layout = WeightLayout.Of(network);
        byte[] header = BuildHeader(layout, metadata, keys);
        AtomicFile.Write(path, file => Write(file, header, network));
    }

    /// <summary>
    /// Writes the parameters of <paramref name="network"/> as a safetensors file to <paramref name="stream"/>, from
    /// its current position. The stream is flushed but not closed.
    /// </summary>
    /// <param name="network">The network to save.</param>
    /// <param name="stream">A writable stream.</param>
    /// <param name="metadata">Extra <c>__metadata__</c> entries, as for <see cref="Save(INetwork, string, IReadOnlyDictionary{string, string}, StateDictKeys)"/>.</param>
    /// <param name="keys">The state-dict keys to write; null for <c>0, 2, 4, …</c>.</param>
    /// <exception cref="ArgumentException">
    /// An argument is null, the stream is not writable, <paramref name="metadata"/> uses a reserved key or a null
    /// value, or <paramref name="keys"/> names another number of layers than the network has.
    /// </exception>
    public static void Save(INetwork network, Stream stream, IReadOnlyDictionary<string, string>? metadata = null, StateDictKeys? keys = null)
    {
        ArgumentNullException.ThrowIfNull(network);
        WeightStreams.RequireWritable(stream);

        WeightLayout layout = WeightLayout.Of(network);
        Write(stream, BuildHeader(layout, metadata, keys), network);
        stream.Flush();
    }

    /// <summary>
    /// Replaces the parameters of <paramref name="network"/> with those in the safetensors file at
    /// <paramref name="path"/>. The whole file is validated first; if anything is wrong, nothing is changed.
    /// </summary>
    /// <param name="network">The network to load into; its architecture must match the file's tensors.</param>
    /// <param name="path">The file to read.</param>
    /// <param name="options">
    /// Limits, whether NaN or infinite weights are allowed, and whether tensors named neither <c>*.weight</c> nor
    /// <c>*.bias</c> (buffers) are skipped; null for <see cref="ReadOptions.Default"/>.
    /// </param>
    /// <remarks>
    /// The tensors are matched to layers by the state-dict name rules, not by fixed names: any
    /// <c>&lt;prefix&gt;.weight</c>/<c>&lt;prefix&gt;.bias</c> pairs whose prefixes, in natural order (<c>fc10</c>
    /// after <c>fc9</c>), chain the network's layer sizes. So <c>nn.Sequential</c> files with Dropout between layers
    /// (<c>0, 3, 6</c>), named modules (<c>fc1, fc2</c>) and wrapped models (<c>net.0, net.2</c>) all load.
    /// </remarks>
    /// <exception cref="InvalidDataException">
    /// The file is not a well-formed safetensors file, its tensors do not match the network (names, F32 dtype,
    /// shapes, offsets), it exceeds a limit of <paramref name="options"/>, or it holds a NaN or infinite weight that
    /// the options do not allow. The message names the file, the problems found (tensor, byte offset), and the
    /// tensors the network expects.
    /// </exception>
    /// <exception cref="FileNotFoundException">There is no file at <paramref name="path"/>.</exception>
    public static void Load(INetwork network, string path, ReadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentException.ThrowIfNullOrEmpty(path);

        WeightLayout layout = WeightLayout.Of(network);
        string fullPath = Path.GetFullPath(path);
        using var file = new FileStream(fullPath, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 4096, FileOptions.SequentialScan);
        LoadCore(network, layout, file, WeightStreams.Describe(fullPath), options ?? ReadOptions.Default);
    }

    /// <summary>
    /// Replaces the parameters of <paramref name="network"/> with those of the safetensors file that
    /// <paramref name="stream"/> holds from its current position to its end. Everything is validated first; if
    /// anything is wrong, nothing is changed. The stream is not closed.
    /// </summary>
    /// <param name="network">The network to load into; its architecture must match the file's tensors.</param>
    /// <param name="stream">
    /// A readable stream. One that cannot seek is read once, front to back: the header, then exactly the bytes its
    /// tensors need, then one more byte to make sure nothing follows; it is never copied whole.
    /// </param>
    /// <param name="options">Limits and whether NaN or infinite weights are allowed; null for <see cref="ReadOptions.Default"/>.</param>
    /// <exception cref="InvalidDataException">
    /// The data is not a well-formed safetensors file, or its tensors do not match the network, as for
    /// <see cref="Load(INetwork, string, ReadOptions)"/>. The message names the file (for a <see cref="FileStream"/>).
    /// </exception>
    public static void Load(INetwork network, Stream stream, ReadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(network);
        WeightStreams.RequireReadable(stream);

        WeightLayout layout = WeightLayout.Of(network);
        string source = WeightStreams.Describe(stream);
        LoadCore(network, layout, stream, source, options ?? ReadOptions.Default);
    }

    /// <summary>
    /// The <c>__metadata__</c> entries of the safetensors file at <paramref name="path"/> (what
    /// <see cref="Save(INetwork, string, IReadOnlyDictionary{string, string}, StateDictKeys)"/> wrote with
    /// <c>format</c> and <c>staticnet.layers</c>), for example a <see cref="Standardizer"/> saved with the weights.
    /// Only the header is read, with the same limits and checks as <see cref="Load(INetwork, string, ReadOptions)"/>.
    /// </summary>
    /// <param name="path">The file to read.</param>
    /// <param name="options">Limits (the header's size is the format's; <see cref="ReadOptions.MaxTensorCount"/> bounds the entries); null for <see cref="ReadOptions.Default"/>.</param>
    /// <returns>The entries, in ordinal key order; empty when the header has no <c>__metadata__</c>.</returns>
    /// <exception cref="InvalidDataException">The header is malformed or beyond a limit; the message names the file and the problem.</exception>
    /// <exception cref="FileNotFoundException">There is no file at <paramref name="path"/>.</exception>
    public static IReadOnlyDictionary<string, string> ReadMetadata(string path, ReadOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        string fullPath = Path.GetFullPath(path);
        using var file = new FileStream(fullPath, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 4096);
        return ReadMetadataCore(file, WeightStreams.Describe(fullPath), options ?? ReadOptions.Default);
    }

    /// <summary>
    /// The <c>__metadata__</c> entries of the safetensors file <paramref name="stream"/> holds from its current
    /// position, as <see cref="ReadMetadata(string, ReadOptions)"/>. Only the length field and the header are read; the
    /// stream is left after the header, not closed.
    /// </summary>
    /// <param name="stream">A readable stream.</param>
    /// <param name="options">Limits; null for <see cref="ReadOptions.Default"/>.</param>
    /// <returns>The entries, in ordinal key order; empty when the header has no <c>__metadata__</c>.</returns>
    /// <exception cref="InvalidDataException">The header is malformed or beyond a limit.</exception>
    public static IReadOnlyDictionary<string, string> ReadMetadata(Stream stream, ReadOptions? options = null)
    {
        WeightStreams.RequireReadable(stream);
        return ReadMetadataCore(stream, WeightStreams.Describe(stream), options ?? ReadOptions.Default);
    }

    private static SortedDictionary<string, string> ReadMetadataCore(Stream stream, string source, ReadOptions options)
    {
        Func<string, Exception?, InvalidDataException> reject =
            (problem, inner) => new InvalidDataException(Invariant($"Cannot read the metadata of {source}: {StaticNet.Interop.MessageText.Shorten(problem, 300)}."), inner);
        SafeTensorsHeader header = SafeTensorsHeaderParser.Parse(ReadHeader(stream, reject, out _), reject, options);
        var metadata = new SortedDictionary<string, string>(StringComparer.Ordinal);
        if (header.Metadata is { } entries)
        {
            foreach (KeyValuePair<string, string> entry in entries)
            {
                metadata.Add(entry.Key, entry.Value);
            }
        }

        return metadata;
    }

    private static void LoadCore(INetwork network, WeightLayout layout, Stream stream, string source, ReadOptions options)
    {
        Func<string, Exception?, InvalidDataException> reject = (problem, inner) => layout.Reject(source, problem, inner);
        byte[] headerBytes = ReadHeader(stream, reject, out long? available);
        ulong headerLength = (ulong)headerBytes.Length;
        Span<byte> prefix = stackalloc byte[1];
        SafeTensorsHeader header = SafeTensorsHeaderParser.Parse(headerBytes, reject, options);
        long dataLength = available is long size ? size - 8 - (long)headerLength : header.DescribedDataLength;
        List<string> problems = header.FindProblems(layout, dataLength, 8 + (long)headerLength + dataLength, options.IgnoreBuffers, out TensorEntry[] matches, out string? note);
        if (problems.Count > 0)
        {
            throw layout.Reject(source, problems, note ?? header.LayersNote(layout));
        }

        // The header guarantees that the data section is exactly the file's tensors, tiled without gaps, and that
        // each of the network's tensors is one of them. They are read front to back (skipping ignored buffers, so
        // that a stream that cannot seek is still read once) into a staging buffer, and only a complete read is
        // copied into the network, so that a read error cannot leave it half loaded.
        var order = new int[matches.Length];
        for (int i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }

        Array.Sort(order, (a, b) => matches[a].Begin.CompareTo(matches[b].Begin));
        var staging = new float[layout.ParameterCount];
        ulong position = 0;
        foreach (int i in order)
        {
            TensorSlot slot = layout.Slots[i];
            Skip(stream, matches[i].Begin - position, reject);
            ReadExactly(stream, MemoryMarshal.AsBytes(staging.AsSpan(slot.ParameterOffset, slot.Length)), reject);
            position = matches[i].End;
        }

        Skip(stream, (ulong)dataLength - position, reject);
        if (available is null && stream.ReadAtLeast(prefix, 1, throwOnEndOfStream: false) != 0)
        {
            throw layout.Reject(source, Invariant($"the stream goes on after the last tensor, which ends at byte {8 + (long)headerLength + dataLength}"));
        }

        if (!BitConverter.IsLittleEndian)
        {
            Span<int> bits = MemoryMarshal.Cast<float, int>(staging.AsSpan());
            BinaryPrimitives.ReverseEndianness(bits, bits);
        }

        if (!options.AllowNonFiniteWeights && !TensorPrimitives.IsFiniteAll<float>(staging))
        {
            throw layout.Reject(source, layout.DescribeNonFinite(staging, matches, 8 + (long)headerLength));
        }

        ParameterOrder.CopyFromPyTorchOrder(network, staging);
    }

    /// <summary>
    /// Reads the 8-byte length and the JSON header it announces, bounded: the length is checked against the format's
    /// limit and, for a stream that can seek, against the bytes that follow; a stream that cannot seek grows its
    /// buffer as bytes arrive. <paramref name="available"/> is the bytes from the stream's position to its end, or null
    /// for a stream that cannot seek (its data section is then taken to be what the header describes).
    /// </summary>
    private static byte[] ReadHeader(Stream stream, Func<string, Exception?, InvalidDataException> reject, out long? available)
    {
        available = stream.CanSeek ? Math.Max(0, stream.Length - stream.Position) : null;
        Span<byte> prefix = stackalloc byte[8];
        int prefixRead = stream.ReadAtLeast(prefix, 8, throwOnEndOfStream: false);
        if (prefixRead < 8)
        {
            throw reject(Invariant($"it is {prefixRead} bytes long, too short for the 8-byte header length every safetensors file starts with"), null);
        }

        ulong headerLength = BinaryPrimitives.ReadUInt64LittleEndian(prefix);
        if (headerLength > MaxHeaderLength)
        {
            throw reject(Invariant($"its header length field says {headerLength} bytes, more than the format's limit of {MaxHeaderLength}: it is not a safetensors file, or it is corrupt"), null);
        }

        if (available is long total && headerLength > (ulong)(total - 8))
        {
            throw reject(Invariant($"its header length field says {headerLength} bytes, but only {total - 8} bytes follow it: the file is truncated, or not a safetensors file"), null);
        }

        // A length already checked against the file is allocated at once; a stream's grows as its bytes arrive.
        byte[] headerBytes;
        int headerRead = (int)headerLength;
        if (available is null)
        {
            headerBytes = BoundedRead.Read(stream, (int)headerLength, out headerRead);
        }
        else
        {
            headerBytes = GC.AllocateUninitializedArray<byte>((int)headerLength);
            ReadExactly(stream, headerBytes, reject);
        }

        if (headerRead < (int)headerLength)
        {
            throw reject(Invariant($"its header length field says {headerLength} bytes, but only {headerRead} bytes follow it: the file is truncated, or not a safetensors file"), null);
        }

        return headerBytes;
    }

    /// <summary>Passes over the bytes of tensors the network does not take (ignored buffers), seeking where the stream can.</summary>
    private static void Skip(Stream stream, ulong count, Func<string, Exception?, InvalidDataException> reject)
    {
        if (count == 0)
        {
            return;
        }

        if (stream.CanSeek)
        {
            stream.Seek((long)count, SeekOrigin.Current);
            return;
        }

        Span<byte> discard = stackalloc byte[4096];
        while (count > 0)
        {
            int chunk = (int)Math.Min(count, (ulong)discard.Length);
            ReadExactly(stream, discard[..chunk], reject);
            count -= (ulong)chunk;
        }
    }

    private static void ReadExactly(Stream stream, Span<byte> buffer, Func<string, Exception?, InvalidDataException> reject)
    {
        try
        {
            stream.ReadExactly(buffer);
        }
        catch (EndOfStreamException exception)
        {
            // A file's length was checked against the header first, so for a file this means it shrank while being read;
            // a stream that cannot seek is simply shorter than its header says.
            throw reject("it ended before the end of the data its header describes (truncated, or modified while being read)", exception);
        }
    }

    private static byte[] BuildHeader(WeightLayout layout, IReadOnlyDictionary<string, string>? metadata, StateDictKeys? keys)
    {
        string[] names = StateDictKeys.TensorNames(keys, layout.Sizes.Length - 1, nameof(keys));
        var json = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(json))
        {
            writer.WriteStartObject();
            writer.WriteStartObject("__metadata__");
            writer.WriteString(FormatKey, "pt");
            writer.WriteString(SafeTensorsHeader.LayersKey, layout.LayersText);
            if (metadata is not null)
            {
                // Sorted, so that saving the same network with the same metadata always produces the same bytes.
                var metadataKeys = new List<string>(metadata.Keys);
                metadataKeys.Sort(StringComparer.Ordinal);
                foreach (string key in metadataKeys)
                {
                    if (key is null || key == FormatKey || key == SafeTensorsHeader.LayersKey)
                    {
                        throw new ArgumentException(
                            Invariant($"The metadata key '{key}' is reserved: '{FormatKey}' and '{SafeTensorsHeader.LayersKey}' are written by SafeTensors.Save itself."),
                            nameof(metadata));
                    }

                    string value = metadata[key]
                        ?? throw new ArgumentException(Invariant($"The metadata value for '{key}' is null; safetensors metadata values must be strings."), nameof(metadata));
                    writer.WriteString(key, value);
                }
            }

            writer.WriteEndObject();

            // Tensors in layer order, which is the parameter buffer's order, so the data section is that buffer as is.
            ulong offset = 0;
            for (int i = 0; i < layout.Slots.Count; i++)
            {
                TensorSlot slot = layout.Slots[i];
                writer.WriteStartObject(names[i]);
                writer.WriteString("dtype", "F32");
                writer.WriteStartArray("shape");
                foreach (long dimension in slot.Shape)
                {
                    writer.WriteNumberValue(dimension);
                }

                writer.WriteEndArray();
                writer.WriteStartArray("data_offsets");
                writer.WriteNumberValue(offset);
                offset += sizeof(float) * (ulong)slot.Length;
                writer.WriteNumberValue(offset);
                writer.WriteEndArray();
                writer.WriteEndObject();
            }

            writer.WriteEndObject();
        }

        // Padded with spaces to a multiple of 8, as the reference writer does, so the data section starts 8-byte
        // aligned and readers that map the file can view the floats in place.
        int length = (json.WrittenCount + 7) / 8 * 8;
        if (length > MaxHeaderLength)
        {
            throw new ArgumentException(Invariant($"The metadata makes the header {length} bytes, more than the format's limit of {MaxHeaderLength}."), nameof(metadata));
        }

        var header = new byte[length];
        json.WrittenSpan.CopyTo(header);
        header.AsSpan(json.WrittenCount).Fill((byte)' ');
        return header;
    }

    private static void Write(Stream stream, byte[] header, INetwork network)
    {
        Span<byte> prefix = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(prefix, (ulong)header.Length);
        stream.Write(prefix);
        stream.Write(header);

        // The file holds PyTorch's order whatever order the generator chose for a layer in memory.
        ReadOnlySpan<float> parameters = ParameterOrder.InPyTorchOrder(network);
        if (BitConverter.IsLittleEndian)
        {
            stream.Write(MemoryMarshal.AsBytes(parameters));
            return;
        }

        // A big-endian machine converts through a small buffer rather than copying the whole network.
        Span<byte> chunk = stackalloc byte[1024];
        while (!parameters.IsEmpty)
        {
            int count = Math.Min(parameters.Length, chunk.Length / sizeof(float));
            for (int i = 0; i < count; i++)
            {
                BinaryPrimitives.WriteSingleLittleEndian(chunk.Slice(i * sizeof(float)), parameters[i]);
            }

            stream.Write(chunk.Slice(0, count * sizeof(float)));
            parameters = parameters.Slice(count);
        }
    }
}
