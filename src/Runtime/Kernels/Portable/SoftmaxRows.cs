using System;
using System.Diagnostics;
using System.Numerics.Tensors;

namespace StaticNet.Kernels;

/// <summary>The softmax rows of the portable build: max, e^(z − max), the sum and the scaling, one row at a time.</summary>
internal static class SoftmaxRows
{
    /// <summary>Replaces each row of <paramref name="values"/> (rows of <paramref name="width"/>) by its softmax.</summary>
    public static void Run(Span<float> values, int width)
    {
        Debug.Assert(width > 0 && values.Length % width == 0);
        if (values.IsEmpty)
        {
            return;
        }

        for (int start = 0; start < values.Length; start += width)
        {
            Span<float> row = values.Slice(start, width);
            float max = TensorPrimitives.Max(row);
            TensorPrimitives.Subtract(row, max, row);
            TensorPrimitives.Exp(row, row);
            TensorPrimitives.Multiply(row, 1f / TensorPrimitives.Sum(row), row);
        }
    }
}
