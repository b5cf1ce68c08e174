using System;
using System.Runtime.InteropServices;
using StaticNet.Kernels;

namespace StaticNet.CompilerServices;

/// <summary>
/// The batch kernels for a layer whose W is stored <see cref="WeightOrder.ColumnMajor"/>: W[j, k] at k·units + j, so
/// the block is S = Wᵀ, row-major [inputs × units]. The same products as the row-major kernels, with S's strides in
/// place of W's: no transposed copy. Deterministic networks keep every layer row-major and never call these.
/// </summary>
public static partial class DenseKernels
{
    /// <summary>
    /// The units of a one-sample column product computed by vectors: a multiple of the widest vector, so no load runs
    /// past a column; the rest are computed one float at a time.
    /// </summary>
    private const int ColumnVectorUnits = 16;

    /// <summary>
    /// y = W·x + b for one sample with W stored column-major: y = b + Σ_k x_k·S[k, :], every term one broadcast input
    /// times a contiguous row of S (one input's weights to every unit), the sums of many units growing side by side
    /// in vector accumulators.
    /// </summary>
    /// <param name="weights">W, column-major: S = Wᵀ, row-major [inputs × units], as stored in the parameters.</param>
    /// <param name="biases">b, one per unit.</param>
    /// <param name="input">x.</param>
    /// <param name="output">Receives y; must not overlap the other arguments.</param>
    public static void ForwardByColumns(ReadOnlySpan<float> weights, ReadOnlySpan<float> biases, ReadOnlySpan<float> input, Span<float> output)
    {
        int units = output.Length, columns = input.Length;
        SpanLength.Require(biases, units, nameof(biases));
        SpanLength.Require(weights, units * columns, nameof(weights));
        int vectorUnits = units - (units % ColumnVectorUnits);
        unsafe
        {
            fixed (float* w = &MemoryMarshal.GetReference(weights), b = &MemoryMarshal.GetReference(biases),
                   x = &MemoryMarshal.GetReference(input), y = &MemoryMarshal.GetReference(output))
            {
                var call = new ColumnProductCall(w, b, x, y, vectorUnits, columns, units);
                SimdWidth.Dispatch(ref call);
            }
        }

        for (int j = vectorUnits; j < units; j++)
        {
            float sum = biases[j];
            for (int k = 0; k < columns; k++)
            {
                sum = (weights[(k * units) + j] * input[k]) + sum;
            }

            output[j] = sum;
        }
    }

    /// <summary>Z = X·Wᵀ + b for <paramref name="count"/> samples with W stored column-major: Z = X·S + b, S = Wᵀ as stored.</summary>
    /// <param name="weights">W, column-major: S = Wᵀ, row-major [inputs × units], as stored in the parameters.</param>
    /// <param name="biases">b, one per unit.</param>
    /// <param name="inputs">X, [count × inputs].</param>
    /// <param name="outputs">Receives Z, [count × units].</param>
    /// <param name="count">The number of samples.</param>
    public static void ForwardBatchByColumns(ReadOnlySpan<float> weights, ReadOnlySpan<float> biases, ReadOnlySpan<float> inputs, Span<float> outputs, int count)
    {
        int units = biases.Length;
        int columns = StartForwardBatch(weights, biases, inputs, outputs, count);

        // Z += X·S: each step of the inner dimension broadcasts one input and adds it times a contiguous row of S
        // (one input's weights to every unit).
        Multiply(
            ref MemoryMarshal.GetReference(inputs), columns, 1,
            ref MemoryMarshal.GetReference(weights), units,
            ref MemoryMarshal.GetReference(outputs), units,
            count, units, columns, accumulate: true, deterministic: false);
    }

    /// <summary>BP3 and BP4 over a batch with ∂W stored column-major: ∂S += Aᵀ·δ (S = Wᵀ) and ∂b += Σ_s δ[s].</summary>
    /// <param name="deltas">δ, [count × units].</param>
    /// <param name="inputs">a[l−1], [count × inputs].</param>
    /// <param name="weightGradient">Accumulates ∂W, column-major: ∂S, row-major [inputs × units].</param>
    /// <param name="biasGradient">Accumulates ∂b, [units].</param>
    /// <param name="count">The number of samples.</param>
    public static void AccumulateGradientByColumns(ReadOnlySpan<float> deltas, ReadOnlySpan<float> inputs, Span<float> weightGradient, Span<float> biasGradient, int count)
    {
        int units = biasGradient.Length;
        int columns = StartAccumulateGradient(deltas, inputs, weightGradient, biasGradient, count);

        // ∂S = Aᵀ·δ: Aᵀ is read straight from A by swapping its strides.
        Multiply(
            ref MemoryMarshal.GetReference(inputs), 1, columns,
            ref MemoryMarshal.GetReference(deltas), units,
            ref MemoryMarshal.GetReference(weightGradient), units,
            columns, units, count, accumulate: true, deterministic: false);
    }

    /// <summary>
    /// The matrix product of BP2 over a batch with W stored column-major: previous[s] = W[l]ᵀ·δ[s], i.e. δ·Sᵀ with
    /// S = Wᵀ as stored (the caller applies g').
    /// </summary>
    /// <param name="weights">W, column-major: S = Wᵀ, row-major [inputs × units].</param>
    /// <param name="deltas">δ, [count × units].</param>
    /// <param name="previous">Receives Wᵀ·δ, [count × inputs].</param>
    /// <param name="count">The number of samples.</param>
    public static void BackpropagateErrorByColumns(ReadOnlySpan<float> weights, ReadOnlySpan<float> deltas, Span<float> previous, int count)
    {
        (int units, int columns) = BackpropagationShape(weights, deltas, previous, count);

        // Each previous[s, k] is the dot product of δ's row s with S's row k, both contiguous: the forward pass's
        // X·Wᵀ kernel with δ for X and S for W. It adds onto its output, so the output starts from zero.
        previous.Clear();
        unsafe
        {
            fixed (float* d = &MemoryMarshal.GetReference(deltas), s = &MemoryMarshal.GetReference(weights), p = &MemoryMarshal.GetReference(previous))
            {
                var call = new TransposedProductCall(d, s, p, count, columns, units);
                SimdWidth.Dispatch(ref call);
            }
        }
    }

    /// <summary>y = b + Σ_k x_k·S[k, :] (<see cref="ColumnMatVec"/>) over the first <c>rows</c> units, for the width dispatcher.</summary>
    private readonly unsafe struct ColumnProductCall(float* weights, float* biases, float* input, float* output, int rows, int columns, nint stride) : IWidthKernel
    {
        private ref float _weights => ref *weights;
        private ref float _biases => ref *biases;
        private ref float _input => ref *input;
        private ref float _output => ref *output;

        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
        public void Run<TVector, TSimd>()
            where TVector : struct
            where TSimd : struct, ISimd<TVector> =>
            ColumnMatVec.Run<TVector, TSimd, IdentityOperator>(default, ref _biases, ref _weights, ref _input, ref _output, rows, columns, stride);
    }
}
