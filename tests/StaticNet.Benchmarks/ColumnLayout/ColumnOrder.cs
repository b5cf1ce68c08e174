using System;

namespace StaticNet.Benchmarks.ColumnLayout;

/// <summary>
/// The parameter order of the column-layout prototypes, and the conversion from and to PyTorch's order (the order
/// of the generated trainable networks today). Per layer, PyTorch's order is W[l] row-major then b[l]; the column
/// order is b[l] then W[l] column by column (W[:,0], W[:,1], …, each column n[l] floats, unpadded), the order of the
/// runtime's <c>FrozenLayers</c> without its padding. Both hold the same number of floats, so a layer starts at the
/// same offset in either order and only the inside of each layer's block moves.
/// </summary>
/// <remarks>
/// b comes first because it is the accumulator's starting value: Forward loads it, then adds one column per input,
/// walking the block from start to end.
/// </remarks>
public static class ColumnOrder
{
    /// <summary>Rewrites parameters in PyTorch's order into the column order.</summary>
    /// <param name="sizes">The layer sizes, input first.</param>
    /// <param name="pytorchOrder">Every layer's W (row-major) and b, as the generated networks hold them.</param>
    /// <param name="columnOrder">Receives every layer's b and W's columns; the same length.</param>
    /// <exception cref="ArgumentException">A span's length is not the parameter count of <paramref name="sizes"/>.</exception>
    public static void FromPyTorchOrder(ReadOnlySpan<int> sizes, ReadOnlySpan<float> pytorchOrder, Span<float> columnOrder) =>
        Convert(sizes, pytorchOrder, columnOrder, toColumns: true);

    /// <summary>Rewrites parameters in the column order back into PyTorch's order.</summary>
    /// <param name="sizes">The layer sizes, input first.</param>
    /// <param name="columnOrder">Every layer's b and W's columns.</param>
    /// <param name="pytorchOrder">Receives every layer's W (row-major) and b; the same length.</param>
    /// <exception cref="ArgumentException">A span's length is not the parameter count of <paramref name="sizes"/>.</exception>
    public static void ToPyTorchOrder(ReadOnlySpan<int> sizes, ReadOnlySpan<float> columnOrder, Span<float> pytorchOrder) =>
        Convert(sizes, columnOrder, pytorchOrder, toColumns: false);

    /// <summary>Σ_l (n[l−1] + 1)·n[l], as in the generated networks.</summary>
    /// <param name="sizes">The layer sizes, input first.</param>
    /// <returns>The number of weights and biases.</returns>
    public static int ParameterCount(ReadOnlySpan<int> sizes)
    {
        int count = 0;
        for (int l = 1; l < sizes.Length; l++)
        {
            count += (sizes[l - 1] + 1) * sizes[l];
        }

        return count;
    }

    private static void Convert(ReadOnlySpan<int> sizes, ReadOnlySpan<float> source, Span<float> destination, bool toColumns)
    {
        int count = ParameterCount(sizes);
        Require(source, count, nameof(source));
        Require(destination, count, nameof(destination));
        int start = 0;
        for (int l = 1; l < sizes.Length; l++)
        {
            int inputs = sizes[l - 1], units = sizes[l], weights = inputs * units;
            for (int j = 0; j < units; j++)
            {
                // Row-major W[j, k] sits at j·inputs + k; column-major after b, at units + k·units + j.
                int pytorchBias = start + weights + j, columnBias = start + j;
                if (toColumns)
                {
                    destination[columnBias] = source[pytorchBias];
                }
                else
                {
                    destination[pytorchBias] = source[columnBias];
                }

                for (int k = 0; k < inputs; k++)
                {
                    int rowMajor = start + (j * inputs) + k, columnMajor = start + units + (k * units) + j;
                    if (toColumns)
                    {
                        destination[columnMajor] = source[rowMajor];
                    }
                    else
                    {
                        destination[rowMajor] = source[columnMajor];
                    }
                }
            }

            start += weights + units;
        }
    }

    private static void Require(ReadOnlySpan<float> span, int expected, string name)
    {
        if (span.Length != expected)
        {
            throw new ArgumentException($"Expected {expected} parameters, got {span.Length}.", name);
        }
    }
}
