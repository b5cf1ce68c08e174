using System.Runtime.CompilerServices;

namespace StaticNet.Kernels;

/// <summary>
/// a = g(b + Σ_k x_k·W[:,k]) for one sample from W stored by columns (a frozen network's column layout, or a trainable
/// layer stored by columns), one float at a time: each unit starts from its bias and adds its column entries in input
/// order, and g runs on the sum.
/// </summary>
internal static class ColumnMatVec
{
    /// <summary>Computes the layer; the type arguments only match the vector builds' signature.</summary>
    public static void Run<TVector, TSimd, TOperator>(TOperator activation, ref float biases, ref float weights, ref float input, ref float output, int rows, int columns, nint stride)
        where TVector : struct
        where TSimd : struct, ISimd<TVector>
        where TOperator : struct, IUnaryOperator
    {
        for (int row = 0; row < rows; row++)
        {
            float sum = Unsafe.Add(ref biases, row);
            ref float entry = ref Unsafe.Add(ref weights, row);
            for (int k = 0; k < columns; k++)
            {
                sum = (entry * Unsafe.Add(ref input, k)) + sum;
                entry = ref Unsafe.Add(ref entry, stride);
            }

            Unsafe.Add(ref output, row) = activation.Invoke(sum);
        }
    }
}
