using System;
using System.Diagnostics;
using System.Numerics.Tensors;

namespace StaticNet.Kernels;

/// <summary>
/// The softmax of every row of a batch: max, e^(z − max), the sum and the scaling. The vector builds compute rows of
/// up to two vectors in registers (SoftmaxRows.Vector.cs); wider rows, and every row of the portable build, take the
/// library's whole-span operations, whose own loops are long enough.
/// </summary>
internal static partial class SoftmaxRows
{
    /// <summary>Replaces each row of <paramref name="values"/> (rows of <paramref name="width"/>) by its softmax.</summary>
    public static void Run(Span<float> values, int width)
    {
        Debug.Assert(width > 0 && values.Length % width == 0);
        if (values.IsEmpty)
        {
            return;
        }

        bool done = false;
        RunInRegisters(values, width, ref done);
        if (done)
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

    /// <summary>The vector builds' narrow rows; the portable build has no body for it, and the call compiles to nothing.</summary>
    static partial void RunInRegisters(Span<float> values, int width, ref bool done);
}
