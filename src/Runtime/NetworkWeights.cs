using System;
using System.Globalization;
using StaticNet.CompilerServices;

namespace StaticNet;

/// <summary>
/// One layer's weights and biases in PyTorch's order (<c>nn.Linear</c>: W[l] is n_l × n_(l−1), row j holding unit
/// j's weights), whatever order the generator chose for the layer inside <see cref="INetwork.Parameters"/>. The
/// views the generated class offers (<c>Layer1Weights</c>, …) are the storage itself; these copy, and are what code
/// that exchanges weights with PyTorch, or sets them by hand, should use.
/// </summary>
public static class NetworkWeights
{
    /// <summary>Copies W[<paramref name="layer"/>] into <paramref name="destination"/>, row-major (n_l × n_(l−1)).</summary>
    /// <param name="network">The network to read.</param>
    /// <param name="layer">The weight layer, 1 to LayerSizes.Length − 1.</param>
    /// <param name="destination">Receives exactly n_l · n_(l−1) values.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="layer"/> names no weight layer.</exception>
    /// <exception cref="ArgumentException"><paramref name="destination"/> has the wrong length.</exception>
    public static void GetWeights(this INetwork network, int layer, Span<float> destination)
    {
        (int offset, int rows, int columns) = Locate(network, layer);
        SpanLength.Require(destination, rows * columns, nameof(destination));
        ParameterOrder.CopyWeights(network.Parameters.Slice(offset, rows * columns), network.GetWeightOrder(layer), destination, WeightOrder.RowMajor, rows, columns);
    }

    /// <summary>Sets W[<paramref name="layer"/>] from <paramref name="source"/>, row-major (n_l × n_(l−1)).</summary>
    /// <param name="network">The network to change.</param>
    /// <param name="layer">The weight layer, 1 to LayerSizes.Length − 1.</param>
    /// <param name="source">Exactly n_l · n_(l−1) values.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="layer"/> names no weight layer.</exception>
    /// <exception cref="ArgumentException"><paramref name="source"/> has the wrong length; nothing changes.</exception>
    public static void SetWeights(this INetwork network, int layer, ReadOnlySpan<float> source)
    {
        (int offset, int rows, int columns) = Locate(network, layer);
        SpanLength.Require(source, rows * columns, nameof(source));
        ParameterOrder.CopyWeights(source, WeightOrder.RowMajor, network.Parameters.Slice(offset, rows * columns), network.GetWeightOrder(layer), rows, columns);
    }

    /// <summary>Copies b[<paramref name="layer"/>] into <paramref name="destination"/>.</summary>
    /// <param name="network">The network to read.</param>
    /// <param name="layer">The weight layer, 1 to LayerSizes.Length − 1.</param>
    /// <param name="destination">Receives exactly n_l values.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="layer"/> names no weight layer.</exception>
    /// <exception cref="ArgumentException"><paramref name="destination"/> has the wrong length.</exception>
    public static void GetBiases(this INetwork network, int layer, Span<float> destination)
    {
        (int offset, int rows, int columns) = Locate(network, layer);
        SpanLength.Require(destination, rows, nameof(destination));
        network.Parameters.Slice(offset + (rows * columns), rows).CopyTo(destination);
    }

    /// <summary>Sets b[<paramref name="layer"/>] from <paramref name="source"/>.</summary>
    /// <param name="network">The network to change.</param>
    /// <param name="layer">The weight layer, 1 to LayerSizes.Length − 1.</param>
    /// <param name="source">Exactly n_l values.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="layer"/> names no weight layer.</exception>
    /// <exception cref="ArgumentException"><paramref name="source"/> has the wrong length; nothing changes.</exception>
    public static void SetBiases(this INetwork network, int layer, ReadOnlySpan<float> source)
    {
        (int offset, int rows, int columns) = Locate(network, layer);
        SpanLength.Require(source, rows, nameof(source));
        source.CopyTo(network.Parameters.Slice(offset + (rows * columns), rows));
    }

    /// <summary>Copies every parameter into <paramref name="destination"/> in PyTorch's order (W[1], b[1], W[2], …, each W row-major).</summary>
    /// <param name="network">The network to read.</param>
    /// <param name="destination">Receives exactly <see cref="INetwork.ParameterCount"/> values.</param>
    /// <exception cref="ArgumentException"><paramref name="destination"/> has the wrong length.</exception>
    public static void CopyParametersTo(this INetwork network, Span<float> destination)
    {
        SpanLength.Require(destination, network.ParameterCount, nameof(destination));
        ParameterOrder.CopyToPyTorchOrder(network, destination);
    }

    /// <summary>Sets every parameter from <paramref name="source"/>, in PyTorch's order (W[1], b[1], W[2], …, each W row-major).</summary>
    /// <param name="network">The network to change.</param>
    /// <param name="source">Exactly <see cref="INetwork.ParameterCount"/> values.</param>
    /// <exception cref="ArgumentException"><paramref name="source"/> has the wrong length; nothing changes.</exception>
    public static void SetParameters(this INetwork network, ReadOnlySpan<float> source)
    {
        SpanLength.Require(source, network.ParameterCount, nameof(source));
        ParameterOrder.CopyFromPyTorchOrder(network, source);
    }

    /// <summary>
    /// Copies <paramref name="source"/>, laid out like <see cref="INetwork.Parameters"/> (a gradient from
    /// <c>Backward</c>, an optimizer's state), into <paramref name="destination"/> in PyTorch's order, as
    /// <see cref="CopyParametersTo"/> does for the parameters themselves.
    /// </summary>
    /// <param name="network">The network whose layout <paramref name="source"/> has.</param>
    /// <param name="source">Exactly <see cref="INetwork.ParameterCount"/> values in the network's order.</param>
    /// <param name="destination">Receives exactly <see cref="INetwork.ParameterCount"/> values in PyTorch's order; must not overlap <paramref name="source"/>.</param>
    /// <exception cref="ArgumentException">A span has the wrong length, or the two overlap; nothing is written.</exception>
    public static void ToPyTorchOrder(this INetwork network, ReadOnlySpan<float> source, Span<float> destination)
    {
        RequireParameterSpans(network, source, destination);
        ParameterOrder.Convert(network, source, destination, toPyTorch: true);
    }

    /// <summary>
    /// Copies <paramref name="source"/>, in PyTorch's order (a gradient computed elsewhere, a state dict flattened layer
    /// by layer), into <paramref name="destination"/> laid out like <see cref="INetwork.Parameters"/>.
    /// </summary>
    /// <param name="network">The network whose layout <paramref name="destination"/> gets.</param>
    /// <param name="source">Exactly <see cref="INetwork.ParameterCount"/> values in PyTorch's order.</param>
    /// <param name="destination">Receives exactly <see cref="INetwork.ParameterCount"/> values in the network's order; must not overlap <paramref name="source"/>.</param>
    /// <exception cref="ArgumentException">A span has the wrong length, or the two overlap; nothing is written.</exception>
    public static void FromPyTorchOrder(this INetwork network, ReadOnlySpan<float> source, Span<float> destination)
    {
        RequireParameterSpans(network, source, destination);
        ParameterOrder.Convert(network, source, destination, toPyTorch: false);
    }

    private static void RequireParameterSpans(INetwork network, ReadOnlySpan<float> source, Span<float> destination)
    {
        if (network is null)
        {
            throw new ArgumentNullException(nameof(network));
        }

        SpanLength.Require(source, network.ParameterCount, nameof(source));
        SpanLength.Require(destination, network.ParameterCount, nameof(destination));
        if (source.Overlaps(destination))
        {
            // A weight block is transposed element by element, so converting in place would read values already moved.
            throw new ArgumentException("The source and destination overlap; convert into a separate buffer.", nameof(destination));
        }
    }

    // Where W[layer] starts in Parameters and its shape; b[layer] follows it.
    private static (int Offset, int Rows, int Columns) Locate(INetwork network, int layer)
    {
        if (network is null)
        {
            throw new ArgumentNullException(nameof(network));
        }

        ReadOnlySpan<int> sizes = network.LayerSizes;
        if (layer < 1 || layer >= sizes.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(layer), layer, string.Format(CultureInfo.InvariantCulture, "The network has weight layers 1 to {0}.", sizes.Length - 1));
        }

        int offset = 0;
        for (int l = 1; l < layer; l++)
        {
            offset += (sizes[l - 1] + 1) * sizes[l];
        }

        return (offset, sizes[layer], sizes[layer - 1]);
    }
}
