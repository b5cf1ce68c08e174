using System;
using System.ComponentModel;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using StaticNet.Kernels;

namespace StaticNet.CompilerServices;

/// <summary>
/// The dense-layer kernels generated networks call: one sample through a layer too large to unroll, and mini-batches
/// (row-major, one sample per row) through W stored row-major or, by the <c>ByColumns</c> kernels, column-major. Each
/// runs at the width <c>SimdWidth</c> chooses for every kernel (Vector512, Vector256, Vector128 or scalar code). All
/// of them allocate nothing.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static partial class DenseKernels
{
    /// <summary>y = W·x + b for one sample; W is row-major [y.Length × x.Length].</summary>
    /// <param name="weights">W, row-major.</param>
    /// <param name="biases">b, one per output.</param>
    /// <param name="input">x.</param>
    /// <param name="output">Receives y; must not overlap the other arguments.</param>
    public static void Forward(ReadOnlySpan<float> weights, ReadOnlySpan<float> biases, ReadOnlySpan<float> input, Span<float> output) =>
        Forward(weights, biases, input, output, deterministic: false);

    /// <summary>
    /// y = W·x + b, by the default kernel or, for a deterministic network, as b + the dot products of
    /// <c>FixedOrderProduct</c> (one row of x), the same bits at every width.
    /// </summary>
    internal static void Forward(ReadOnlySpan<float> weights, ReadOnlySpan<float> biases, ReadOnlySpan<float> input, Span<float> output, bool deterministic)
    {
        int rows = output.Length, columns = input.Length;
        SpanLength.Require(biases, rows, nameof(biases));
        SpanLength.Require(weights, rows * columns, nameof(weights));
        unsafe
        {
            fixed (float* w = &MemoryMarshal.GetReference(weights), b = &MemoryMarshal.GetReference(biases),
                   x = &MemoryMarshal.GetReference(input), y = &MemoryMarshal.GetReference(output))
            {
                if (deterministic)
                {
                    biases.CopyTo(output);
                    RunFixedOrderProduct(x, w, y, 1, rows, columns);
                    return;
                }

                var call = new MatVecCall(w, b, x, y, rows, columns);
                SimdWidth.Dispatch(ref call);
            }
        }
    }

    /// <summary>Z = X·Wᵀ + b for <paramref name="count"/> samples, as a blocked matrix-matrix product of rows of X with rows of W.</summary>
    /// <param name="weights">W, row-major [units × inputs], as stored in the parameters.</param>
    /// <param name="biases">b, one per unit.</param>
    /// <param name="inputs">X, [count × inputs].</param>
    /// <param name="outputs">Receives Z, [count × units].</param>
    /// <param name="count">The number of samples.</param>
    public static void ForwardBatch(ReadOnlySpan<float> weights, ReadOnlySpan<float> biases, ReadOnlySpan<float> inputs, Span<float> outputs, int count) =>
        ForwardBatch(weights, biases, inputs, outputs, count, deterministic: false);

    /// <summary>Z = X·Wᵀ + b, by the default kernel or, for a deterministic network, by <c>FixedOrderProduct</c>.</summary>
    internal static void ForwardBatch(ReadOnlySpan<float> weights, ReadOnlySpan<float> biases, ReadOnlySpan<float> inputs, Span<float> outputs, int count, bool deterministic)
    {
        int units = biases.Length;
        int columns = StartForwardBatch(weights, biases, inputs, outputs, count);
        unsafe
        {
            fixed (float* x = &MemoryMarshal.GetReference(inputs), w = &MemoryMarshal.GetReference(weights), z = &MemoryMarshal.GetReference(outputs))
            {
                if (deterministic)
                {
                    RunFixedOrderProduct(x, w, z, count, units, columns);
                    return;
                }

                var call = new TransposedProductCall(x, w, z, count, units, columns);
                SimdWidth.Dispatch(ref call);
            }
        }
    }

    /// <summary>BP3 and BP4 over a batch: ∂W += Σ_s δ[s]·a[s]ᵀ and ∂b += Σ_s δ[s].</summary>
    /// <param name="deltas">δ, [count × units].</param>
    /// <param name="inputs">a[l−1], [count × inputs].</param>
    /// <param name="weightGradient">Accumulates ∂W, [units × inputs].</param>
    /// <param name="biasGradient">Accumulates ∂b, [units].</param>
    /// <param name="count">The number of samples.</param>
    public static void AccumulateGradient(ReadOnlySpan<float> deltas, ReadOnlySpan<float> inputs, Span<float> weightGradient, Span<float> biasGradient, int count) =>
        AccumulateGradient(deltas, inputs, weightGradient, biasGradient, count, deterministic: false);

    /// <summary>BP3 and BP4 over a batch, with the default kernel's rounding or a deterministic network's (every multiply-add fused).</summary>
    internal static void AccumulateGradient(ReadOnlySpan<float> deltas, ReadOnlySpan<float> inputs, Span<float> weightGradient, Span<float> biasGradient, int count, bool deterministic)
    {
        int units = biasGradient.Length;
        int columns = StartAccumulateGradient(deltas, inputs, weightGradient, biasGradient, count);

        // ∂W = δᵀ·A: δᵀ is read straight from δ by swapping its strides.
        Multiply(
            ref MemoryMarshal.GetReference(deltas), 1, units,
            ref MemoryMarshal.GetReference(inputs), columns,
            ref MemoryMarshal.GetReference(weightGradient), columns,
            units, columns, count, accumulate: true, deterministic);
    }

    /// <summary>The matrix product of BP2 over a batch: previous[s] = W[l]ᵀ·δ[s] (the caller applies g').</summary>
    /// <param name="weights">W, row-major [units × inputs].</param>
    /// <param name="deltas">δ, [count × units].</param>
    /// <param name="previous">Receives Wᵀ·δ, [count × inputs].</param>
    /// <param name="count">The number of samples.</param>
    public static void BackpropagateError(ReadOnlySpan<float> weights, ReadOnlySpan<float> deltas, Span<float> previous, int count) =>
        BackpropagateError(weights, deltas, previous, count, deterministic: false);

    /// <summary>The product of BP2 over a batch, with the default kernel's rounding or a deterministic network's.</summary>
    internal static void BackpropagateError(ReadOnlySpan<float> weights, ReadOnlySpan<float> deltas, Span<float> previous, int count, bool deterministic)
    {
        (int units, int columns) = BackpropagationShape(weights, deltas, previous, count);
        Multiply(
            ref MemoryMarshal.GetReference(deltas), units, 1,
            ref MemoryMarshal.GetReference(weights), columns,
            ref MemoryMarshal.GetReference(previous), columns,
            count, columns, units, accumulate: false, deterministic);
    }

    /// <summary>
    /// Checks the spans of a batch forward pass (W holds units × inputs values in either order) and writes b into
    /// every row of Z, which the product then adds onto; returns the inputs per sample.
    /// </summary>
    private static int StartForwardBatch(ReadOnlySpan<float> weights, ReadOnlySpan<float> biases, ReadOnlySpan<float> inputs, Span<float> outputs, int count)
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

        return columns;
    }

    /// <summary>
    /// Checks the spans of a batch gradient (∂W holds units × inputs values in either order) and adds BP3,
    /// ∂b += Σ_s δ[s], which is the same in both orders; returns the inputs per sample.
    /// </summary>
    private static int StartAccumulateGradient(ReadOnlySpan<float> deltas, ReadOnlySpan<float> inputs, ReadOnlySpan<float> weightGradient, Span<float> biasGradient, int count)
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

        return columns;
    }

    /// <summary>Checks the spans of BP2 over a batch (W holds units × inputs values in either order); returns the units and the inputs per sample.</summary>
    private static (int Units, int Columns) BackpropagationShape(ReadOnlySpan<float> weights, ReadOnlySpan<float> deltas, ReadOnlySpan<float> previous, int count)
    {
        int units = deltas.Length / Math.Max(count, 1);
        int columns = previous.Length / Math.Max(count, 1);
        SpanLength.Require(deltas, count * units, nameof(deltas));
        SpanLength.Require(previous, count * columns, nameof(previous));
        SpanLength.Require(weights, units * columns, nameof(weights));
        return (units, columns);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Multiply(
        ref float a, nint aRowStride, nint aColumnStride,
        ref float b, nint bRowStride,
        ref float c, nint cRowStride,
        int rows, int columns, int inner, bool accumulate, bool deterministic)
    {
        unsafe
        {
            fixed (float* pa = &a, pb = &b, pc = &c)
            {
                // The product sums each output in order over the inner dimension at every width: a deterministic
                // network needs only the fixed rounding of the fused lanes.
                var call = new ProductCall(pa, aRowStride, aColumnStride, pb, bRowStride, pc, cRowStride, rows, columns, inner, accumulate);
                if (deterministic)
                {
                    DispatchFused(ref call);
                }
                else
                {
                    SimdWidth.Dispatch(ref call);
                }
            }
        }
    }

    // The deterministic halves live in CompilerServices/Deterministic/DenseKernels.Deterministic.cs, which every build
    // compiles: its FixedOrderProduct and SimdWidth.DispatchFused are the vector lanes' in the net8.0 and net10.0
    // builds and the one-float twins of Kernels/Portable in the netstandard2.1 build.

    /// <summary>Z += X·Wᵀ in the fixed order of <c>FixedOrderProduct</c> (deterministic networks).</summary>
    static unsafe partial void RunFixedOrderProduct(float* inputs, float* weights, float* outputs, int count, int units, int columns);

    /// <summary>Runs <paramref name="call"/> with every multiply-add fused (deterministic networks).</summary>
    static partial void DispatchFused(ref ProductCall call);

    /// <summary>y = W·x + b (<see cref="MatVec"/>) with its arguments, for the width dispatcher.</summary>
    private readonly unsafe struct MatVecCall(float* weights, float* biases, float* input, float* output, int rows, int columns) : IWidthKernel
    {
        private ref float _weights => ref *weights;
        private ref float _biases => ref *biases;
        private ref float _input => ref *input;
        private ref float _output => ref *output;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Run<TVector, TSimd>()
            where TVector : struct
            where TSimd : struct, ISimd<TVector> =>
            MatVec.Run<TVector, TSimd>(ref _weights, ref _biases, ref _input, ref _output, rows, columns);
    }

    /// <summary>Z += X·Wᵀ (<see cref="GemmTransposed"/>) for row-major X, W and Z, for the width dispatcher.</summary>
    private readonly unsafe struct TransposedProductCall(float* inputs, float* weights, float* outputs, int count, int units, int columns) : IWidthKernel
    {
        private ref float _inputs => ref *inputs;
        private ref float _weights => ref *weights;
        private ref float _outputs => ref *outputs;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Run<TVector, TSimd>()
            where TVector : struct
            where TSimd : struct, ISimd<TVector> =>
            GemmTransposed.Run<TVector, TSimd>(ref _inputs, columns, ref _weights, columns, ref _outputs, units, count, units, columns);
    }

    /// <summary>C (+)= A·B (<see cref="Gemm"/>) with A strided, for the width dispatcher.</summary>
    private readonly unsafe struct ProductCall(
        float* a, nint aRowStride, nint aColumnStride,
        float* b, nint bRowStride,
        float* c, nint cRowStride,
        int rows, int columns, int inner, bool accumulate) : IWidthKernel
    {
        private ref float _a => ref *a;
        private ref float _b => ref *b;
        private ref float _c => ref *c;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Run<TVector, TSimd>()
            where TVector : struct
            where TSimd : struct, ISimd<TVector> =>
            Gemm.Run<TVector, TSimd>(ref _a, aRowStride, aColumnStride, ref _b, bRowStride, ref _c, cRowStride, rows, columns, inner, accumulate);
    }
}
