using System;
using System.ComponentModel;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using StaticNet.Kernels;

namespace StaticNet.CompilerServices;

/// <summary>
/// The layers a frozen network's <c>Predict</c> computes from its own layout of the trained weights: b[l] and then
/// W[l] column by column (W[:,0], W[:,1], …), each padded with zeros to <see cref="ColumnStride"/> floats. In that
/// layout z = b + Σ_k x_k·W[:,k] is broadcasts and multiply-adds over whole columns, with the activation applied in
/// registers: no horizontal sum and no second pass over the layer.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class FrozenLayers
{
    /// <summary>Columns are padded to a multiple of this many floats: one Vector512, one cache line.</summary>
    public const int ColumnAlignment = 16;

    /// <summary>The floats from one column to the next for a layer of <paramref name="units"/> units.</summary>
    /// <param name="units">The layer's size.</param>
    /// <returns><paramref name="units"/> rounded up to <see cref="ColumnAlignment"/>.</returns>
    public static int ColumnStride(int units) => (units + ColumnAlignment - 1) / ColumnAlignment * ColumnAlignment;

    /// <summary>The floats of a layer in the column layout: b and one column per input, each <see cref="ColumnStride"/> long.</summary>
    /// <param name="units">The layer's size.</param>
    /// <param name="inputs">The size of the layer below.</param>
    /// <returns>(inputs + 1) · ColumnStride(units).</returns>
    public static int ColumnsLength(int units, int inputs) => (inputs + 1) * ColumnStride(units);

    /// <summary>Writes a layer's b and W (row-major, as in the parameters) in the column layout.</summary>
    /// <param name="weights">W, row-major [units × inputs].</param>
    /// <param name="biases">b, one per unit.</param>
    /// <param name="columns">Receives the layout, <see cref="ColumnsLength"/> floats; padding lanes are set to zero.</param>
    public static void WriteColumns(ReadOnlySpan<float> weights, ReadOnlySpan<float> biases, Span<float> columns)
    {
        int units = biases.Length;
        int inputs = units == 0 ? 0 : weights.Length / units;
        SpanLength.Require(weights, units * inputs, nameof(weights));
        SpanLength.Require(columns, ColumnsLength(units, inputs), nameof(columns));
        int stride = ColumnStride(units);
        columns.Clear();
        biases.CopyTo(columns);
        for (int j = 0; j < units; j++)
        {
            for (int k = 0; k < inputs; k++)
            {
                columns[((k + 1) * stride) + j] = weights[(j * inputs) + k];
            }
        }
    }

    /// <summary>a = g(b + W·x) for one sample from the column layout of <see cref="WriteColumns"/>.</summary>
    /// <param name="columns">b and W's columns, as <see cref="WriteColumns"/> wrote them (64-byte aligned is fastest).</param>
    /// <param name="input">x.</param>
    /// <param name="output">Receives a, one value per unit; must not overlap the other arguments.</param>
    /// <param name="activation">g; not <see cref="Activation.Softmax"/>, which is a layer's function: pass Identity and apply it after.</param>
    /// <param name="leakySlope">The slope of <see cref="Activation.LeakyReLU"/> below 0; ignored otherwise.</param>
    public static void Forward(ReadOnlySpan<float> columns, ReadOnlySpan<float> input, Span<float> output, Activation activation, float leakySlope)
    {
        SpanLength.Require(columns, ColumnsLength(output.Length, input.Length), nameof(columns));
        switch (activation)
        {
            case Activation.Identity:
                Forward(new IdentityOperator(), columns, input, output);
                break;
            case Activation.Sigmoid:
                Forward(new SigmoidOperator(), columns, input, output);
                break;
            case Activation.Tanh:
                Forward(new TanhOperator(), columns, input, output);
                break;
            case Activation.ReLU:
                Forward(new ReLUOperator(), columns, input, output);
                break;
            case Activation.LeakyReLU:
                Forward(new LeakyReLUOperator(leakySlope), columns, input, output);
                break;
            case Activation.GELU:
                Forward(new GELUOperator(), columns, input, output);
                break;
            case Activation.SiLU:
                Forward(new SiLUOperator(), columns, input, output);
                break;
            case Activation.ELU:
                Forward(new ELUOperator(), columns, input, output);
                break;
            case Activation.Softplus:
                Forward(new SoftplusOperator(), columns, input, output);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(activation), activation, "Softmax is applied to the whole layer: pass Activation.Identity and apply softmax to the output.");
        }
    }

    private static void Forward<TOperator>(TOperator activation, ReadOnlySpan<float> columns, ReadOnlySpan<float> input, Span<float> output)
        where TOperator : struct, IUnaryOperator
    {
        int rows = output.Length;
        unsafe
        {
            fixed (float* block = &MemoryMarshal.GetReference(columns), x = &MemoryMarshal.GetReference(input), y = &MemoryMarshal.GetReference(output))
            {
                var call = new ColumnsCall<TOperator>(activation, block, x, y, rows, input.Length, ColumnStride(rows));
                SimdWidth.Dispatch(ref call);
            }
        }
    }

    /// <summary>a = g(b + W·x) from the column layout (<see cref="ColumnMatVec"/>), for the width dispatcher.</summary>
    private readonly unsafe struct ColumnsCall<TOperator>(TOperator activation, float* block, float* input, float* output, int rows, int inputs, nint stride) : IWidthKernel
        where TOperator : struct, IUnaryOperator
    {
        private ref float _block => ref *block;
        private ref float _input => ref *input;
        private ref float _output => ref *output;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Run<TVector, TSimd>()
            where TVector : struct
            where TSimd : struct, ISimd<TVector> =>
            ColumnMatVec.Run<TVector, TSimd, TOperator>(activation, ref _block, ref Unsafe.Add(ref _block, stride), ref _input, ref _output, rows, inputs, stride);
    }
}
