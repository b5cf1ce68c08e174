using System;
using System.Collections.Generic;
using System.Text.Json;
using System.Text.Unicode;
using StaticNet.Interop;
using static StaticNet.WeightLayout;

namespace StaticNet;

/// <summary>One tensor as a safetensors header describes it.</summary>
/// <param name="Name">Its key in the header.</param>
/// <param name="DType">Its dtype string, e.g. <c>F32</c>.</param>
/// <param name="Shape">Its dimensions, each non-negative.</param>
/// <param name="Begin">Where its bytes begin, relative to the start of the data section.</param>
/// <param name="End">Where its bytes end (exclusive).</param>
internal sealed record TensorEntry(string Name, string DType, long[] Shape, ulong Begin, ulong End)
{
    /// <summary>The offsets as the messages show them, e.g. <c>[0,80]</c>.</summary>
    public string Offsets => Invariant($"[{Begin},{End}]");
}

/// <summary>
/// Parses a safetensors JSON header and checks it against a network's <see cref="WeightLayout"/>. Nothing
/// here touches tensor data: a header that passes <see cref="FindProblems"/> guarantees that reading the data
/// section fills every parameter exactly once.
/// </summary>
internal sealed class SafeTensorsHeader
{
    /// <summary>The metadata key that records the layer sizes of the network that wrote the file.</summary>
    public const string LayersKey = "staticnet.layers";

    private const string MetadataKey = "__metadata__";

    private SafeTensorsHeader(List<TensorEntry> tensors, Dictionary<string, string>? metadata)
    {
        Tensors = tensors;
        Metadata = metadata;
    }

    /// <summary>The tensors in the order the header lists them.</summary>
    public IReadOnlyList<TensorEntry> Tensors { get; }

    /// <summary>The <c>__metadata__</c> entries, or null when the header has none.</summary>
    public IReadOnlyDictionary<string, string>? Metadata { get; }

    /// <summary>
    /// Parses <paramref name="json"/>, rejecting anything that is not a JSON object of well-formed tensor entries
    /// and an optional string-to-string <c>__metadata__</c>. Unknown properties inside a tensor entry are ignored,
    /// as the reference implementation ignores them.
    /// </summary>
    public static SafeTensorsHeader Parse(byte[] json, WeightLayout layout, string source)
    {
        // JsonDocument would accept some invalid UTF-8 inside strings it never decodes; the format requires all of it valid.
        if (!Utf8.IsValid(json))
        {
            throw layout.Reject(source, "its header is not valid UTF-8");
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException exception)
        {
            throw layout.Reject(source, Invariant($"its header is not valid JSON ({exception.Message})"), exception);
        }

        using (document)
        {
            JsonElement root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw layout.Reject(source, Invariant($"its header is a JSON {Describe(root.ValueKind)}, not the object of tensors a safetensors header must be"));
            }

            var tensors = new List<TensorEntry>();
            var names = new HashSet<string>(StringComparer.Ordinal);
            Dictionary<string, string>? metadata = null;
            foreach (JsonProperty property in root.EnumerateObject())
            {
                // JsonDocument keeps duplicate keys; which one a PyTorch reader would use is unclear, so refuse both.
                if (!names.Add(property.Name))
                {
                    throw layout.Reject(source, Invariant($"its header lists '{property.Name}' more than once"));
                }

                if (property.Name == MetadataKey)
                {
                    metadata = ParseMetadata(property.Value, layout, source);
                }
                else
                {
                    tensors.Add(ParseTensor(property.Name, property.Value, layout, source));
                }
            }

            return new SafeTensorsHeader(tensors, metadata);
        }
    }

    /// <summary>
    /// Everything that stops this header's data from filling <paramref name="layout"/>: tensors that do not follow
    /// the state-dict name rules (<see cref="StateDictMatcher"/>) or do not chain in the network's shapes, layers
    /// that are not F32, and offsets that do not exactly tile a data section of <paramref name="dataLength"/> bytes.
    /// </summary>
    /// <param name="layout">What the network needs.</param>
    /// <param name="dataLength">The bytes after the header: the file's length minus 8 minus the header length.</param>
    /// <param name="fileLength">The whole file's length, for the trailing-bytes message.</param>
    /// <param name="ignoreBuffers">Whether tensors named neither <c>*.weight</c> nor <c>*.bias</c> are skipped.</param>
    /// <param name="matches">For each slot of <paramref name="layout"/>, the entry that fills it; meaningful only when no problems are found.</param>
    /// <param name="note">What the rejection should add after the problems: the pairs found, and hints; null when there is nothing to add.</param>
    public List<string> FindProblems(WeightLayout layout, long dataLength, long fileLength, bool ignoreBuffers, out TensorEntry[] matches, out string? note)
    {
        var described = new List<StateDictTensor>(Tensors.Count);
        foreach (TensorEntry entry in Tensors)
        {
            described.Add(new StateDictTensor(entry.Name, entry.Shape, entry.DType, string.Empty));
        }

        StateDictMatch match = StateDictMatcher.Match(described, layout.Sizes, ignoreBuffers);
        List<string> problems = match.Problems;
        matches = new TensorEntry[layout.Slots.Count];
        for (int l = 0; l < match.Weights.Length; l++)
        {
            FillSlot(layout, 2 * l, match.Weights[l], matches, problems);
            FillSlot(layout, 2 * l + 1, match.Biases[l], matches, problems);
        }

        note = problems.Count == 0 ? null : WeightLayout.Note(match, LayersNote(layout));
        FindOffsetProblems(dataLength, fileLength, problems);
        return problems;
    }

    private void FillSlot(WeightLayout layout, int slot, int entryIndex, TensorEntry[] matches, List<string> problems)
    {
        if (entryIndex < 0)
        {
            return;
        }

        TensorEntry entry = Tensors[entryIndex];
        matches[slot] = entry;
        if (entry.DType != "F32")
        {
            problems.Add(Invariant($"{layout.Slots[slot].Description} ('{entry.Name}'): file has dtype {entry.DType}, network expects F32"));
        }
    }

    /// <summary>A sentence for the rejection when the file's recorded layer sizes differ from the network's, else null.</summary>
    public string? LayersNote(WeightLayout layout)
    {
        if (Metadata is null || !Metadata.TryGetValue(LayersKey, out string? layers) || layers == layout.LayersText)
        {
            return null;
        }

        return Invariant($"The file's metadata says it was saved from a network with layers {layers}, but this network has layers {layout.LayersText}.");
    }

    // The reference implementation's validation: sorted by offset, every tensor must start where the previous one
    // ended, span exactly shape × dtype size, and the last must end at the end of the file.
    private void FindOffsetProblems(long dataLength, long fileLength, List<string> problems)
    {
        var ordered = new List<TensorEntry>(Tensors.Count);
        foreach (TensorEntry entry in Tensors)
        {
            if (entry.Begin > entry.End)
            {
                problems.Add(Invariant($"tensor '{entry.Name}' has data_offsets {entry.Offsets}, which end before they begin"));
                continue;
            }

            int elementSize = ElementSize(entry.DType);
            if (elementSize > 0)
            {
                ulong? needed = ByteSize(entry.Shape, elementSize);
                if (needed is null)
                {
                    problems.Add(Invariant($"tensor '{entry.Name}' has shape {FormatShape(entry.Shape)}, too large to exist"));
                }
                else if (entry.End - entry.Begin != needed)
                {
                    problems.Add(Invariant($"tensor '{entry.Name}' has data_offsets {entry.Offsets}, which span {entry.End - entry.Begin} bytes, but {entry.DType} {FormatShape(entry.Shape)} needs {needed}"));
                }
            }

            if (entry.End > (ulong)dataLength)
            {
                problems.Add(Invariant($"tensor '{entry.Name}' has data_offsets {entry.Offsets}, past the end of the data section, which holds {dataLength} bytes (the file is truncated or its offsets are wrong)"));
            }

            ordered.Add(entry);
        }

        ordered.Sort((a, b) => a.Begin != b.Begin ? a.Begin.CompareTo(b.Begin) : a.End.CompareTo(b.End));
        ulong covered = 0;
        TensorEntry? previous = null;
        foreach (TensorEntry entry in ordered)
        {
            if (entry.Begin < covered)
            {
                problems.Add(Invariant($"tensors '{previous!.Name}' {previous.Offsets} and '{entry.Name}' {entry.Offsets} overlap"));
            }
            else if (entry.Begin > covered)
            {
                problems.Add(Invariant($"bytes [{covered},{entry.Begin}) of the data section belong to no tensor (a gap before '{entry.Name}')"));
            }

            if (entry.End >= covered)
            {
                covered = entry.End;
                previous = entry;
            }
        }

        if (covered < (ulong)dataLength)
        {
            problems.Add(Invariant($"the file has {(ulong)dataLength - covered} trailing bytes after the last tensor (it is {fileLength} bytes, but its header and tensors account for {fileLength - dataLength + (long)covered})"));
        }
    }

    // The bytes per element of the dtypes the reference implementation knows, so that offsets of tensors this
    // loader cannot use are still checked; 0 for a dtype it does not know (or packs below one byte).
    private static int ElementSize(string dtype) => dtype switch
    {
        "BOOL" or "U8" or "I8" or "F8_E5M2" or "F8_E4M3" or "F8_E8M0" => 1,
        "I16" or "U16" or "F16" or "BF16" => 2,
        "I32" or "U32" or "F32" => 4,
        "I64" or "U64" or "F64" or "C64" => 8,
        _ => 0,
    };

    private static ulong? ByteSize(long[] shape, int elementSize)
    {
        ulong size = (ulong)elementSize;
        foreach (long dimension in shape)
        {
            if (dimension != 0 && size > ulong.MaxValue / (ulong)dimension)
            {
                return null;
            }

            size *= (ulong)dimension;
        }

        return size;
    }

    private static Dictionary<string, string> ParseMetadata(JsonElement value, WeightLayout layout, string source)
    {
        if (value.ValueKind != JsonValueKind.Object)
        {
            throw layout.Reject(source, Invariant($"its \"{MetadataKey}\" is a JSON {Describe(value.ValueKind)}, not an object of strings"));
        }

        var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (JsonProperty entry in value.EnumerateObject())
        {
            if (entry.Value.ValueKind != JsonValueKind.String)
            {
                throw layout.Reject(source, Invariant($"its \"{MetadataKey}\" entry '{entry.Name}' is a JSON {Describe(entry.Value.ValueKind)}, but metadata values must be strings"));
            }

            if (!metadata.TryAdd(entry.Name, entry.Value.GetString()!))
            {
                throw layout.Reject(source, Invariant($"its \"{MetadataKey}\" lists '{entry.Name}' more than once"));
            }
        }

        return metadata;
    }

    private static TensorEntry ParseTensor(string name, JsonElement value, WeightLayout layout, string source)
    {
        if (value.ValueKind != JsonValueKind.Object)
        {
            throw layout.Reject(source, Invariant($"tensor '{name}' is a JSON {Describe(value.ValueKind)}, not an object with dtype, shape and data_offsets"));
        }

        JsonElement dtype = Required(name, value, "dtype", layout, source);
        if (dtype.ValueKind != JsonValueKind.String)
        {
            throw layout.Reject(source, Invariant($"tensor '{name}' has a \"dtype\" that is a JSON {Describe(dtype.ValueKind)}, not a string such as \"F32\""));
        }

        JsonElement shapeElement = Required(name, value, "shape", layout, source);
        long[]? shape = ReadIntegers(shapeElement);
        if (shape is null)
        {
            throw layout.Reject(source, Invariant($"tensor '{name}' has a \"shape\" that is not an array of non-negative integers: {Abbreviate(shapeElement)}"));
        }

        JsonElement offsetsElement = Required(name, value, "data_offsets", layout, source);
        long[]? offsets = ReadIntegers(offsetsElement);
        if (offsets is null || offsets.Length != 2)
        {
            throw layout.Reject(source, Invariant($"tensor '{name}' has \"data_offsets\" that are not two non-negative integers [begin, end]: {Abbreviate(offsetsElement)}"));
        }

        return new TensorEntry(name, dtype.GetString()!, shape, (ulong)offsets[0], (ulong)offsets[1]);
    }

    private static JsonElement Required(string name, JsonElement tensor, string property, WeightLayout layout, string source)
    {
        if (!tensor.TryGetProperty(property, out JsonElement value))
        {
            throw layout.Reject(source, Invariant($"tensor '{name}' has no \"{property}\""));
        }

        return value;
    }

    // Non-negative integers that fit a long: nothing larger can describe a real file, so a bigger number is as
    // wrong as a fraction or a string.
    private static long[]? ReadIntegers(JsonElement array)
    {
        if (array.ValueKind != JsonValueKind.Array)
        {
            return null;
        }

        var values = new long[array.GetArrayLength()];
        int i = 0;
        foreach (JsonElement item in array.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Number || !item.TryGetInt64(out long value) || value < 0)
            {
                return null;
            }

            values[i++] = value;
        }

        return values;
    }

    private static string Abbreviate(JsonElement element)
    {
        string text = element.GetRawText();
        return text.Length <= 60 ? text : string.Concat(text.AsSpan(0, 57), "...");
    }

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "object",
        JsonValueKind.Array => "array",
        JsonValueKind.String => "string",
        JsonValueKind.Number => "number",
        JsonValueKind.True or JsonValueKind.False => "boolean",
        JsonValueKind.Null => "null",
        _ => "value of unknown kind",
    };
}
