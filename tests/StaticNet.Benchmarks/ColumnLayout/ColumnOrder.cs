using System;

namespace StaticNet.Benchmarks.ColumnLayout;

/// <summary>
/// The parameter order of the column-layout prototypes, and the conversion from and to PyTorch's order (the order
/// of the generated trainable networks today). Per layer, PyTorch's order is W[l] row-major then b[l]; the column
/// order is b[l] then W[l] column by column (W[:,0], W[:,1], …, each column n[l] floats, unpadded), the order of the
/// runtime's <c>FrozenLayers</c> without its padding. Both hold the same number of floats, so a layer starts at the
/// same offset in either order and only the inside of each layer's block moves. A padded variant rounds every
/// column (and b) of a layer up to a stride of its own, so that each column is one whole vector.
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
        Convert(sizes, sizes.Slice(1), pytorchOrder, columnOrder, toColumns: true);

    /// <summary>Rewrites parameters in PyTorch's order into the column order with padded columns.</summary>
    /// <param name="sizes">The layer sizes, input first.</param>
    /// <param name="strides">Per layer, the floats from b to W[:,0] and from one column to the next (at least its size).</param>
    /// <param name="pytorchOrder">Every layer's W (row-major) and b.</param>
    /// <param name="columnOrder">Receives every layer's b and W's columns, <see cref="Length"/> floats; padding is set to zero.</param>
    /// <exception cref="ArgumentException">A span has the wrong length.</exception>
    public static void FromPyTorchOrder(ReadOnlySpan<int> sizes, ReadOnlySpan<int> strides, ReadOnlySpan<float> pytorchOrder, Span<float> columnOrder)
    {
        columnOrder.Clear();
        Convert(sizes, strides, pytorchOrder, columnOrder, toColumns: true);
    }

    /// <summary>Rewrites parameters in the column order back into PyTorch's order.</summary>
    /// <param name="sizes">The layer sizes, input first.</param>
    /// <param name="columnOrder">Every layer's b and W's columns.</param>
    /// <param name="pytorchOrder">Receives every layer's W (row-major) and b; the same length.</param>
    /// <exception cref="ArgumentException">A span's length is not the parameter count of <paramref name="sizes"/>.</exception>
    public static void ToPyTorchOrder(ReadOnlySpan<int> sizes, ReadOnlySpan<float> columnOrder, Span<float> pytorchOrder) =>
        Convert(sizes, sizes.Slice(1), columnOrder, pytorchOrder, toColumns: false);

    /// <summary>Rewrites parameters in the padded column order back into PyTorch's order.</summary>
    /// <param name="sizes">The layer sizes, input first.</param>
    /// <param name="strides">Per layer, the stride the columns were written with.</param>
    /// <param name="columnOrder">Every layer's b and W's columns, <see cref="Length"/> floats.</param>
    /// <param name="pytorchOrder">Receives every layer's W (row-major) and b.</param>
    /// <exception cref="ArgumentException">A span has the wrong length.</exception>
    public static void ToPyTorchOrder(ReadOnlySpan<int> sizes, ReadOnlySpan<int> strides, ReadOnlySpan<float> columnOrder, Span<float> pytorchOrder) =>
        Convert(sizes, strides, columnOrder, pytorchOrder, toColumns: false);

    /// <summary>Σ_l (n[l−1] + 1)·stride[l]: the floats of the column order with the given strides.</summary>
    /// <param name="sizes">The layer sizes, input first.</param>
    /// <param name="strides">Per layer, the stride of its columns.</param>
    /// <returns>The length of the column order.</returns>
    public static int Length(ReadOnlySpan<int> sizes, ReadOnlySpan<int> strides)
    {
        int count = 0;
        for (int l = 1; l < sizes.Length; l++)
        {
            count += (sizes[l - 1] + 1) * strides[l - 1];
        }

        return count;
    }

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

    private static void Convert(ReadOnlySpan<int> sizes, ReadOnlySpan<int> strides, ReadOnlySpan<float> source, Span<float> destination, bool toColumns)
    {
        int count = ParameterCount(sizes), length = Length(sizes, strides);
        Require(source, toColumns ? count : length, nameof(source));
        Require(destination, toColumns ? length : count, nameof(destination));
        int start = 0, columnStart = 0;
        for (int l = 1; l < sizes.Length; l++)
        {
            int inputs = sizes[l - 1], units = sizes[l], weights = inputs * units, stride = strides[l - 1];
            for (int j = 0; j < units; j++)
            {
                // Row-major W[j, k] sits at j·inputs + k; by columns after b, at stride + k·stride + j.
                int pytorchBias = start + weights + j, columnBias = columnStart + j;
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
                    int rowMajor = start + (j * inputs) + k, columnMajor = columnStart + stride + (k * stride) + j;
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
            columnStart += (inputs + 1) * stride;
        }
    }

    private static void Require(ReadOnlySpan<float> span, int expected, string name)
    {
        if (span.Length != expected)
        {
            throw new ArgumentException($"Expected {expected} floats, got {span.Length}.", name);
        }
    }
}
