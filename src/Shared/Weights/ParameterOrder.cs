using System;

namespace StaticNet;

/// <summary>
/// Converts between a network's <see cref="INetwork.Parameters"/>, whose weight matrices are in the order the
/// generator chose for each layer (<see cref="INetwork.GetWeightOrder"/>), and PyTorch's order, which every file
/// format, importer and exporter uses. The blocks themselves (W[1], b[1], W[2], b[2], …) sit at the same offsets in
/// both; only the values inside a <see cref="WeightOrder.ColumnMajor"/> weight block move.
/// </summary>
internal static class ParameterOrder
{
    /// <summary>Whether every layer of <paramref name="network"/> keeps W in PyTorch's order, so its parameters need no conversion.</summary>
    public static bool IsPyTorchOrder(INetwork network)
    {
        int layers = network.LayerSizes.Length - 1;
        for (int l = 1; l <= layers; l++)
        {
            if (network.GetWeightOrder(l) != WeightOrder.RowMajor)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// The network's parameters in PyTorch's order: <see cref="INetwork.Parameters"/> itself when no layer needs
    /// converting, otherwise a converted copy (writers call this once per file, never in a training loop).
    /// </summary>
    public static ReadOnlySpan<float> InPyTorchOrder(INetwork network)
    {
        if (IsPyTorchOrder(network))
        {
            return network.Parameters;
        }

        var copy = new float[network.ParameterCount];
        CopyToPyTorchOrder(network, copy);
        return copy;
    }

    /// <summary>Writes the network's parameters into <paramref name="destination"/> in PyTorch's order.</summary>
    public static void CopyToPyTorchOrder(INetwork network, Span<float> destination) =>
        Convert(network, network.Parameters, destination, toPyTorch: true);

    /// <summary>
    /// Sets the network's parameters from <paramref name="source"/>, which is in PyTorch's order (what a reader has
    /// checked in full): the last step of every reader, so a rejected file changes nothing.
    /// </summary>
    public static void CopyFromPyTorchOrder(INetwork network, ReadOnlySpan<float> source) =>
        Convert(network, source, network.Parameters, toPyTorch: false);

    /// <summary>
    /// Copies one weight matrix of <paramref name="rows"/> × <paramref name="columns"/> from <paramref name="from"/>'s
    /// order to <paramref name="to"/>'s order.
    /// </summary>
    public static void CopyWeights(ReadOnlySpan<float> source, WeightOrder from, Span<float> destination, WeightOrder to, int rows, int columns)
    {
        if (from == to)
        {
            source.Slice(0, rows * columns).CopyTo(destination);
            return;
        }

        // One order is the other transposed: row-major (j, k) at j·columns + k, column-major at k·rows + j. The
        // destination is written in order, so each of its cache lines is filled once.
        (int outer, int inner) = to == WeightOrder.RowMajor ? (rows, columns) : (columns, rows);
        for (int i = 0; i < outer; i++)
        {
            Span<float> line = destination.Slice(i * inner, inner);
            for (int k = 0; k < inner; k++)
            {
                line[k] = source[(k * outer) + i];
            }
        }
    }

    /// <summary>
    /// Where parameter <paramref name="index"/> of <see cref="INetwork.Parameters"/> sits in PyTorch's order (the
    /// index a file, or a state dict flattened layer by layer, gives the same value).
    /// </summary>
    public static int ToPyTorchIndex(INetwork network, int index)
    {
        ReadOnlySpan<int> sizes = network.LayerSizes;
        int offset = 0;
        for (int l = 1; l < sizes.Length; l++)
        {
            int rows = sizes[l], columns = sizes[l - 1], weights = rows * columns;
            int within = index - offset;
            if (within < weights)
            {
                // Column-major (j, k) at k·rows + j goes to row-major j·columns + k.
                return network.GetWeightOrder(l) == WeightOrder.RowMajor ? index : offset + ((within % rows) * columns) + (within / rows);
            }

            offset += weights + rows;
            if (index < offset)
            {
                return index;
            }
        }

        return index;
    }

    /// <summary>
    /// Copies a span laid out like the network's parameters into PyTorch's order (<paramref name="toPyTorch"/>) or
    /// back; the spans are ParameterCount long and do not overlap.
    /// </summary>
    public static void Convert(INetwork network, ReadOnlySpan<float> source, Span<float> destination, bool toPyTorch)
    {
        ReadOnlySpan<int> sizes = network.LayerSizes;
        int offset = 0;
        for (int l = 1; l < sizes.Length; l++)
        {
            int rows = sizes[l], columns = sizes[l - 1], weights = rows * columns;
            WeightOrder order = network.GetWeightOrder(l);
            (WeightOrder from, WeightOrder to) = toPyTorch ? (order, WeightOrder.RowMajor) : (WeightOrder.RowMajor, order);
            CopyWeights(source.Slice(offset, weights), from, destination.Slice(offset, weights), to, rows, columns);
            source.Slice(offset + weights, rows).CopyTo(destination.Slice(offset + weights, rows));
            offset += weights + rows;
        }
    }
}
