using System;
using System.ComponentModel;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using StaticNet.Kernels;

namespace StaticNet.CompilerServices;

/// <summary>
/// The dense-layer kernels generated networks call for layers too large to unroll, for one sample and for
/// mini-batches (row-major, one sample per row). Each picks its width once per process: Vector512 where AVX-512F
/// exists (even where the runtime prefers 256-bit vectors, because the wider FMA is still faster), otherwise
/// Vector256 with FMA, otherwise Vector128 (NEON on ARM64), otherwise scalar code. All of them allocate nothing.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class DenseKernels
{
    /// <summary>y = W·x + b for one sample; W is row-major [y.Length × x.Length].</summary>
    /// <param name="weights">W, row-major.</param>
    /// <param name="biases">b, one per output.</param>
    /// <param name="input">x.</param>
    /// <param name="output">Receives y; must not overlap the other arguments.</param>
    public static void Forward(ReadOnlySpan<float> weights, ReadOnlySpan<float> biases, ReadOnlySpan<float> input, Span<float> output)
    {
        int rows = output.Length, columns = input.Length;
        SpanLength.Require(biases, rows, nameof(biases));
        SpanLength.Require(weights, rows * columns, nameof(weights));
        ref float w = ref MemoryMarshal.GetReference(weights);
        ref float b = ref MemoryMarshal.GetReference(biases);
        ref float x = ref MemoryMarshal.GetReference(input);
        ref float y = ref MemoryMarshal.GetReference(output);
        if (Avx512F.IsSupported)
        {
            MatVec.Run<Vector512<float>, Simd512>(ref w, ref b, ref x, ref y, rows, columns);
        }
        else if (Fma.IsSupported && Vector256.IsHardwareAccelerated)
        {
            MatVec.Run<Vector256<float>, Simd256>(ref w, ref b, ref x, ref y, rows, columns);
        }
        else if (Vector128.IsHardwareAccelerated)
        {
            MatVec.Run<Vector128<float>, Simd128>(ref w, ref b, ref x, ref y, rows, columns);
        }
        else
        {
            MatVec.Run<float, SimdScalar>(ref w, ref b, ref x, ref y, rows, columns);
        }
    }

    /// <summary>Z = X·Wᵀ + b for <paramref name="count"/> samples, as a blocked matrix-matrix product of rows of X with rows of W.</summary>
    /// <param name="weights">W, row-major [units × inputs], as stored in the parameters.</param>
    /// <param name="biases">b, one per unit.</param>
    /// <param name="inputs">X, [count × inputs].</param>
    /// <param name="outputs">Receives Z, [count × units].</param>
    /// <param name="count">The number of samples.</param>
    public static void ForwardBatch(ReadOnlySpan<float> weights, ReadOnlySpan<float> biases, ReadOnlySpan<float> inputs, Span<float> outputs, int count)
    {
        int units = biases.Length;
        int columns = inputs.Length / Math.Max(count, 1);
        SpanLength.Require(inputs, count * columns, nameof(inputs));
        SpanLength.Require(outputs, count * units, nameof(outputs));
        SpanLength.Require(weights, units * columns, nameof(weights));
        for (int s = 0; s < count; s++)
        {
            biases.CopyTo(outputs.Slice(s * units, units));
        }

        ref float x = ref MemoryMarshal.GetReference(inputs);
        ref float w = ref MemoryMarshal.GetReference(weights);
        ref float z = ref MemoryMarshal.GetReference(outputs);
        if (Avx512F.IsSupported)
        {
            GemmTransposed.Run<Vector512<float>, Simd512>(ref x, columns, ref w, columns, ref z, units, count, units, columns);
        }
        else if (Fma.IsSupported && Vector256.IsHardwareAccelerated)
        {
            GemmTransposed.Run<Vector256<float>, Simd256>(ref x, columns, ref w, columns, ref z, units, count, units, columns);
        }
        else if (Vector128.IsHardwareAccelerated)
        {
            GemmTransposed.Run<Vector128<float>, Simd128>(ref x, columns, ref w, columns, ref z, units, count, units, columns);
        }
        else
        {
            GemmTransposed.Run<float, SimdScalar>(ref x, columns, ref w, columns, ref z, units, count, units, columns);
        }
    }

    /// <summary>BP3 and BP4 over a batch: ∂W += Σ_s δ[s]·a[s]ᵀ and ∂b += Σ_s δ[s].</summary>
    /// <param name="deltas">δ, [count × units].</param>
    /// <param name="inputs">a[l−1], [count × inputs].</param>
    /// <param name="weightGradient">Accumulates ∂W, [units × inputs].</param>
    /// <param name="biasGradient">Accumulates ∂b, [units].</param>
    /// <param name="count">The number of samples.</param>
    public static void AccumulateGradient(ReadOnlySpan<float> deltas, ReadOnlySpan<float> inputs, Span<float> weightGradient, Span<float> biasGradient, int count)
    {
        int units = biasGradient.Length;
        int columns = inputs.Length / Math.Max(count, 1);
        SpanLength.Require(deltas, count * units, nameof(deltas));
        SpanLength.Require(inputs, count * columns, nameof(inputs));
        SpanLength.Require(weightGradient, units * columns, nameof(weightGradient));
        for (int s = 0; s < count; s++)
        {
            System.Numerics.Tensors.TensorPrimitives.Add(biasGradient, deltas.Slice(s * units, units), biasGradient);
        }

        // ∂W = δᵀ·A: δᵀ is read straight from δ by swapping its strides.
        Multiply(
            ref MemoryMarshal.GetReference(deltas), 1, units,
            ref MemoryMarshal.GetReference(inputs), columns,
            ref MemoryMarshal.GetReference(weightGradient), columns,
            units, columns, count, accumulate: true);
    }

    /// <summary>The matrix product of BP2 over a batch: previous[s] = W[l]ᵀ·δ[s] (the caller applies g').</summary>
    /// <param name="weights">W, row-major [units × inputs].</param>
    /// <param name="deltas">δ, [count × units].</param>
    /// <param name="previous">Receives Wᵀ·δ, [count × inputs].</param>
    /// <param name="count">The number of samples.</param>
    public static void BackpropagateError(ReadOnlySpan<float> weights, ReadOnlySpan<float> deltas, Span<float> previous, int count)
    {
        int units = deltas.Length / Math.Max(count, 1);
        int columns = previous.Length / Math.Max(count, 1);
        SpanLength.Require(deltas, count * units, nameof(deltas));
        SpanLength.Require(previous, count * columns, nameof(previous));
        SpanLength.Require(weights, units * columns, nameof(weights));
        Multiply(
            ref MemoryMarshal.GetReference(deltas), units, 1,
            ref MemoryMarshal.GetReference(weights), columns,
            ref MemoryMarshal.GetReference(previous), columns,
            count, columns, units, accumulate: false);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Multiply(
        ref float a, nint aRowStride, nint aColumnStride,
        ref float b, nint bRowStride,
        ref float c, nint cRowStride,
        int rows, int columns, int inner, bool accumulate)
    {
        if (Avx512F.IsSupported)
        {
            Gemm.Run<Vector512<float>, Simd512>(ref a, aRowStride, aColumnStride, ref b, bRowStride, ref c, cRowStride, rows, columns, inner, accumulate);
        }
        else if (Fma.IsSupported && Vector256.IsHardwareAccelerated)
        {
            Gemm.Run<Vector256<float>, Simd256>(ref a, aRowStride, aColumnStride, ref b, bRowStride, ref c, cRowStride, rows, columns, inner, accumulate);
        }
        else if (Vector128.IsHardwareAccelerated)
        {
            Gemm.Run<Vector128<float>, Simd128>(ref a, aRowStride, aColumnStride, ref b, bRowStride, ref c, cRowStride, rows, columns, inner, accumulate);
        }
        else
        {
            Gemm.Run<float, SimdScalar>(ref a, aRowStride, aColumnStride, ref b, bRowStride, ref c, cRowStride, rows, columns, inner, accumulate);
        }
    }
}
