using System;
using System.Globalization;

namespace StaticNet;

/// <summary>
/// Counts what parsing a model would build, straight from the protobuf wire format and without allocating, so that a
/// file of a million empty nodes is refused before Google.Protobuf builds a million objects for it. The parse turns
/// every submessage into an object of a hundred bytes or more and every repeated integer into eight, so a few bytes of
/// input can cost a hundred times their size; the counts below bound that cost by what a dense chain can use.
/// </summary>
/// <remarks>
/// Only the fields of <c>Proto/onnx_subset.proto</c> are followed: the parser discards every other field, so those
/// cost nothing. A structural error (a truncated varint, a length past the end) is left to the parser, which reports
/// it; the scan only stops counting inside it.
/// </remarks>
internal static class OnnxWireScan
{
    // The parser's own nesting limit: deeper input is rejected by it, so the scan need not follow it.
    private const int MaxDepth = 100;

    // More dimensions (or integers in one attribute) than any tensor a reader could use; safetensors has the same cap.
    private const int MaxListLength = 64;

    // Inputs and outputs of one node: Gemm has three inputs, Dropout two outputs.
    private const int MaxNodeNames = 64;

    private enum Kind
    {
        None,
        Model,
        Graph,
        Node,
        Attribute,
        Tensor,
        Sparse,
        ValueInfo,
        Type,
        TypeTensor,
        Shape,
        Leaf,
    }

    /// <summary>The counts, and the first list longer than the scan allows.</summary>
    private sealed class Counts
    {
        public long Messages;
        public long Nodes;
        public long Initializers;
        public long ValueInfos;
        public long Attributes;
        public string? LongList;
    }

    /// <summary>
    /// Null when parsing <paramref name="model"/> builds no more than a chain can need, otherwise why not: how many
    /// nodes, initializers, value descriptions, attributes or messages it holds, or which list is too long.
    /// </summary>
    /// <param name="model">The whole file.</param>
    /// <param name="maxCount">The most nodes, initializers, value descriptions or attributes (<see cref="ReadOptions.MaxTensorCount"/>).</param>
    public static string? FindExcess(ReadOnlySpan<byte> model, int maxCount)
    {
        var counts = new Counts();
        Scan(model, Kind.Model, 0, counts);
        if (counts.LongList is not null)
        {
            return counts.LongList;
        }

        string? excess = Excess(counts.Nodes, maxCount, "nodes")
            ?? Excess(counts.Initializers, maxCount, "tensors (initializers and tensor attributes)")
            ?? Excess(counts.ValueInfos, maxCount, "inputs, outputs and value_info entries")
            ?? Excess(counts.Attributes, maxCount, "node attributes");
        if (excess is not null)
        {
            return excess;
        }

        long maxMessages = 4L * maxCount;
        return counts.Messages > maxMessages
            ? Invariant($"it holds {counts.Messages} protobuf messages (nodes, tensors, attributes, shapes, dimensions), more than the {maxMessages} it may (4 × ReadOptions.MaxTensorCount); a dense chain needs a few per layer")
            : null;
    }

    private static string? Excess(long count, int maxCount, string what) => count > maxCount
        ? Invariant($"its graph has {count} {what}, more than ReadOptions.MaxTensorCount ({maxCount}); a dense chain has a few per layer")
        : null;

    // Scans the fields of one message of the given kind; returns false where the wire format breaks.
    private static bool Scan(ReadOnlySpan<byte> data, Kind kind, int depth, Counts counts)
    {
        int listLength = 0;
        int position = 0;
        while (position < data.Length)
        {
            if (!TryReadVarint(data, ref position, out ulong tag))
            {
                return false;
            }

            int field = (int)Math.Min(tag >> 3, int.MaxValue);
            int wireType = (int)(tag & 7);
            if (wireType == 2)
            {
                if (!TryReadVarint(data, ref position, out ulong length) || length > (ulong)(data.Length - position))
                {
                    return false;
                }

                ReadOnlySpan<byte> payload = data.Slice(position, (int)length);
                position += (int)length;
                Kind child = Child(kind, field);
                if (child != Kind.None)
                {
                    Count(child, counts);
                    if (depth < MaxDepth && !Scan(payload, child, depth + 1, counts))
                    {
                        return false;
                    }
                }
                else if (IsIntegerList(kind, field))
                {
                    // Packed: one integer per byte whose high bit is clear.
                    int items = 0;
                    foreach (byte b in payload)
                    {
                        items += b < 0x80 ? 1 : 0;
                    }

                    CountListItems(kind, ref listLength, items, counts);
                }
                else if (kind == Kind.Node && field is 1 or 2)
                {
                    CountListItems(kind, ref listLength, 1, counts);
                }
            }
            else if (wireType == 3)
            {
                // A group (deprecated, and in no ONNX field): the parser skips it as an unknown field.
                if (!SkipGroup(data, ref position, field, depth))
                {
                    return false;
                }
            }
            else if (!TrySkipScalar(data, ref position, wireType))
            {
                // An end-group without a start, or an invalid wire type: the parser rejects it.
                return false;
            }
            else if (wireType == 0 && IsIntegerList(kind, field))
            {
                CountListItems(kind, ref listLength, 1, counts);
            }

            if (counts.LongList is not null)
            {
                return true;
            }
        }

        return true;
    }

    private static void Count(Kind kind, Counts counts)
    {
        counts.Messages++;
        switch (kind)
        {
            case Kind.Node:
                counts.Nodes++;
                break;
            case Kind.Tensor:
                counts.Initializers++;
                break;
            case Kind.ValueInfo:
                counts.ValueInfos++;
                break;
            case Kind.Attribute:
                counts.Attributes++;
                break;
        }
    }

    // Counts items of a bounded list, recording the reason once one is too long.
    private static void CountListItems(Kind kind, ref int listLength, int items, Counts counts)
    {
        listLength += items;
        int limit = kind == Kind.Node ? MaxNodeNames : MaxListLength;
        if (listLength <= limit || counts.LongList is not null)
        {
            return;
        }

        string what = kind switch
        {
            Kind.Node => "a node with more than " + limit + " inputs and outputs",
            Kind.Attribute => "an attribute with more than " + limit + " integers",
            _ => "a tensor with more than " + limit + " dimensions",
        };
        counts.LongList = Invariant($"it holds {what}; no layer of a dense chain has that many");
    }

    // The message type each length-delimited field of the subset holds, or None for strings, bytes and packed numbers.
    private static Kind Child(Kind parent, int field) => (parent, field) switch
    {
        (Kind.Model, 7) => Kind.Graph,
        (Kind.Model, 8 or 14) => Kind.Leaf,
        (Kind.Graph, 1) => Kind.Node,
        (Kind.Graph, 5) => Kind.Tensor,
        (Kind.Graph, 11 or 12 or 13) => Kind.ValueInfo,
        (Kind.Graph, 15) => Kind.Sparse,
        (Kind.Node, 5) => Kind.Attribute,
        (Kind.Attribute, 5) => Kind.Tensor,
        (Kind.Tensor, 13) => Kind.Leaf,
        (Kind.Sparse, 1 or 2) => Kind.Tensor,
        (Kind.ValueInfo, 2) => Kind.Type,
        (Kind.Type, 1) => Kind.TypeTensor,
        (Kind.TypeTensor, 2) => Kind.Shape,
        (Kind.Shape, 1) => Kind.Leaf,
        _ => Kind.None,
    };

    // The repeated int64 fields: a tensor's dims, an attribute's ints, a sparse tensor's dims.
    private static bool IsIntegerList(Kind kind, int field) =>
        (kind, field) is (Kind.Tensor, 1) or (Kind.Attribute, 8) or (Kind.Sparse, 3);

    // Skips to the end-group tag of field, past nested groups; false where the wire format breaks.
    private static bool SkipGroup(ReadOnlySpan<byte> data, ref int position, int field, int depth)
    {
        if (depth >= MaxDepth)
        {
            return false;
        }

        while (TryReadVarint(data, ref position, out ulong tag))
        {
            int inner = (int)Math.Min(tag >> 3, int.MaxValue);
            int wireType = (int)(tag & 7);
            if (wireType == 4)
            {
                return inner == field;
            }

            if (wireType == 3 ? !SkipGroup(data, ref position, inner, depth + 1) : !TrySkipScalar(data, ref position, wireType))
            {
                return false;
            }
        }

        return false;
    }

    // Skips a varint, fixed or length-delimited value; false for other wire types or where the format breaks.
    private static bool TrySkipScalar(ReadOnlySpan<byte> data, ref int position, int wireType)
    {
        switch (wireType)
        {
            case 0:
                return TryReadVarint(data, ref position, out _);
            case 1:
                position += 8;
                return true;
            case 5:
                position += 4;
                return true;
            case 2:
                if (!TryReadVarint(data, ref position, out ulong length) || length > (ulong)(data.Length - position))
                {
                    return false;
                }

                position += (int)length;
                return true;
            default:
                return false;
        }
    }

    private static bool TryReadVarint(ReadOnlySpan<byte> data, ref int position, out ulong value)
    {
        value = 0;
        for (int shift = 0; shift < 64 && position < data.Length; shift += 7)
        {
            byte b = data[position++];
            value |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                return true;
            }
        }

        return false;
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
