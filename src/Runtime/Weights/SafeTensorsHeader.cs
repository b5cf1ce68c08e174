using System;
using System.Collections.Generic;
using StaticNet.Interop;
using static StaticNet.WeightLayout;

namespace StaticNet;

/// <summary>
/// Parses a safetensors JSON header and checks it against a network's <see cref="WeightLayout"/>. Nothing
/// here touches tensor data: a header that passes <see cref="FindProblems"/> guarantees that reading the data
/// section fills every parameter exactly once.
/// </summary>
internal sealed class SafeTensorsHeader
{
    /// <summary>The metadata key that records the layer sizes of the network that wrote the file.</summary>
    public const string LayersKey = "staticnet.layers";

    /// <summary>The header key of the string-to-string metadata object.</summary>
    public const string MetadataKey = "__metadata__";

    private SafeTensorsHeader(List<TensorEntry> tensors, Dictionary<string, string>? metadata)
    {
        Tensors = tensors;
        Metadata = metadata;
    }

    /// <summary>The tensors in the order the header lists them.</summary>
    public IReadOnlyList<TensorEntry> Tensors { get; }

    /// <summary>The length of the data section the tensors describe: where the last of them ends.</summary>
    public long DescribedDataLength
    {
        get
        {
            ulong end = 0;
            foreach (TensorEntry entry in Tensors)
            {
                end = Math.Max(end, entry.End);
            }

            return (long)end;
        }
    }

    /// <summary>The <c>__metadata__</c> entries, or null when the header has none.</summary>
    public IReadOnlyDictionary<string, string>? Metadata { get; }

    /// <summary>Wraps what <see cref="SafeTensorsHeaderParser"/> read.</summary>
    public static SafeTensorsHeader Create(List<TensorEntry> tensors, Dictionary<string, string>? metadata) => new(tensors, metadata);

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
}
