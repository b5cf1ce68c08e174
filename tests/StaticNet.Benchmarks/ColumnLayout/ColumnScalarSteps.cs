using System;
using StaticNet.CompilerServices;

namespace StaticNet.Benchmarks.ColumnLayout;

/// <summary>
/// The scalar code a sigmoid network with mean squared error runs in the column order (<see cref="ColumnOrder"/>,
/// unpadded or padded) where Vector256 is not hardware: the fallback branch the generator would emit next to the
/// vector code.
/// </summary>
public static class ColumnScalarSteps
{
    /// <summary>The most units the fallback keeps on the stack for a[l] and δ[l] of all layers.</summary>
    private const int MaximumUnits = 256;

    /// <summary>ŷ = σ(b[L] + W[L]·σ(… σ(b[1] + W[1]·x))), reading W by columns.</summary>
    /// <param name="parameters">Every layer's b and W's columns (<see cref="ColumnOrder"/>).</param>
    /// <param name="sizes">The layer sizes, input first; at most 256 units in all.</param>
    /// <param name="strides">Per layer, the stride of its columns (its size when unpadded).</param>
    /// <param name="input">x.</param>
    /// <param name="output">Receives ŷ.</param>
    public static void Forward(ReadOnlySpan<float> parameters, ReadOnlySpan<int> sizes, ReadOnlySpan<int> strides, ReadOnlySpan<float> input, Span<float> output)
    {
        Span<float> activations = stackalloc float[MaximumUnits];
        ForwardLayers(parameters, sizes, strides, input, activations);
        activations.Slice(UnitsBefore(sizes, sizes.Length - 1), output.Length).CopyTo(output);
    }

    /// <summary>One fused SGD step (BP1–BP4 and the update) in the column order.</summary>
    /// <param name="parameters">Every layer's b and W's columns, stepped in place.</param>
    /// <param name="sizes">The layer sizes, input first; at most 256 units in all.</param>
    /// <param name="strides">Per layer, the stride of its columns (its size when unpadded).</param>
    /// <param name="input">x.</param>
    /// <param name="target">y.</param>
    /// <param name="learningRate">η.</param>
    /// <returns>C = ½ Σ (ŷ − y)², with the parameters before the step.</returns>
    public static float TrainStep(Span<float> parameters, ReadOnlySpan<int> sizes, ReadOnlySpan<int> strides, ReadOnlySpan<float> input, ReadOnlySpan<float> target, float learningRate)
    {
        Span<float> activations = stackalloc float[MaximumUnits];
        Span<float> deltas = stackalloc float[MaximumUnits];
        ForwardLayers(parameters, sizes, strides, input, activations);
        int last = sizes.Length - 1, lastStart = UnitsBefore(sizes, last);

        // BP1: δ[L] = (ŷ − y) ⊙ a[L](1 − a[L]); C = ½ Σ (ŷ − y)².
        float loss = 0f;
        for (int j = 0; j < sizes[last]; j++)
        {
            float a = activations[lastStart + j], error = a - target[j];
            loss += error * error;
            deltas[lastStart + j] = error * a * (1f - a);
        }

        // BP2, down the layers before any step: δ[l−1]_k = (W[l][:, k] · δ[l]) ⊙ a[l−1]_k(1 − a[l−1]_k).
        for (int l = last; l > 1; l--)
        {
            int units = sizes[l], inputs = sizes[l - 1], stride = strides[l - 1], columns = LayerStart(sizes, strides, l) + stride;
            int start = UnitsBefore(sizes, l), below = UnitsBefore(sizes, l - 1);
            for (int k = 0; k < inputs; k++)
            {
                float sum = 0f;
                for (int j = 0; j < units; j++)
                {
                    sum += parameters[columns + (k * stride) + j] * deltas[start + j];
                }

                float a = activations[below + k];
                deltas[below + k] = sum * a * (1f - a);
            }
        }

        // BP3/BP4 and the step: b[l] −= η·δ[l]; W[l][:, k] −= η·δ[l]·a[l−1]_k.
        for (int l = 1; l <= last; l++)
        {
            int units = sizes[l], inputs = sizes[l - 1], stride = strides[l - 1], biases = LayerStart(sizes, strides, l), start = UnitsBefore(sizes, l);
            ReadOnlySpan<float> below = l == 1 ? input : activations.Slice(UnitsBefore(sizes, l - 1), inputs);
            for (int j = 0; j < units; j++)
            {
                float step = -learningRate * deltas[start + j];
                parameters[biases + j] += step;
                for (int k = 0; k < inputs; k++)
                {
                    parameters[biases + stride + (k * stride) + j] += step * below[k];
                }
            }
        }

        return 0.5f * loss;
    }

    private static void ForwardLayers(ReadOnlySpan<float> parameters, ReadOnlySpan<int> sizes, ReadOnlySpan<int> strides, ReadOnlySpan<float> input, Span<float> activations)
    {
        for (int l = 1; l < sizes.Length; l++)
        {
            int units = sizes[l], inputs = sizes[l - 1], stride = strides[l - 1], biases = LayerStart(sizes, strides, l), start = UnitsBefore(sizes, l);
            ReadOnlySpan<float> below = l == 1 ? input : activations.Slice(UnitsBefore(sizes, l - 1), inputs);
            Span<float> z = activations.Slice(start, units);
            parameters.Slice(biases, units).CopyTo(z);
            for (int k = 0; k < inputs; k++)
            {
                ReadOnlySpan<float> column = parameters.Slice(biases + stride + (k * stride), units);
                for (int j = 0; j < units; j++)
                {
                    z[j] += below[k] * column[j];
                }
            }

            for (int j = 0; j < units; j++)
            {
                z[j] = NetworkMath.Sigmoid(z[j]);
            }
        }
    }

    /// <summary>Where layer <paramref name="layer"/>'s block (b, then W's columns) starts in the parameters.</summary>
    private static int LayerStart(ReadOnlySpan<int> sizes, ReadOnlySpan<int> strides, int layer) => ColumnOrder.Length(sizes.Slice(0, layer), strides);

    /// <summary>Where layer <paramref name="layer"/>'s units start in the a[l] and δ[l] scratch (layer 1 at 0).</summary>
    private static int UnitsBefore(ReadOnlySpan<int> sizes, int layer)
    {
        int count = 0;
        for (int l = 1; l < layer; l++)
        {
            count += sizes[l];
        }

        return count;
    }
}
