using System;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using StaticNet.CompilerServices;

namespace StaticNet.Benchmarks.ColumnLayout;

public sealed partial class ColumnSigmoid453<TStrides>
    where TStrides : struct, IColumnStrides453
{
    /// <summary>
    /// One step of plain SGD on one sample fused with backpropagation, as the generated
    /// <see cref="Sigmoid453.TrainStep"/> does, in the column layout: θ ← θ − η·∂C/∂θ, returning C before the step.
    /// </summary>
    /// <param name="input">x, exactly 4 values.</param>
    /// <param name="target">y, exactly 3 values.</param>
    /// <param name="learningRate">η.</param>
    /// <returns>C = ½ Σ (ŷ − y)², with the parameters before the step.</returns>
    /// <exception cref="ArgumentException">A span has the wrong length.</exception>
    /// <remarks>
    /// By columns, BP2's (W[2]ᵀδ[2])_k is the dot product of column k with δ[2] (three products), and the rank-1 step
    /// W −= η·δ·aᵀ is one multiply-add per column: W[:,k] += (−η·δ)·a_k. Every load comes before the first store, and
    /// the stores go up the buffer in order, so the overhang lanes an unpadded store writes into the next column are
    /// written again by that column's own store; their steps are zero, so even meanwhile they hold the value they had.
    /// </remarks>
    public float TrainStep(ReadOnlySpan<float> input, ReadOnlySpan<float> target, float learningRate)
    {
        SpanLength.Require(input, 4, nameof(input));
        SpanLength.Require(target, 3, nameof(target));
        if (!Vector256.IsHardwareAccelerated)
        {
            return ColumnScalarSteps.TrainStep(Parameters, Sizes, stackalloc int[] { TStrides.Layer1, TStrides.Layer2 }, input, target, learningRate);
        }

        Span<float> parameters = Parameters;
        ref float p = ref MemoryMarshal.GetReference(parameters);
        Vector128<float> a2 = ForwardLayers(ref p, input, out Vector256<float> a1);

        // BP1, mean squared error: δ[2] = (ŷ − y) ⊙ σ'(z[2]), with σ' = a[2](1 − a[2]); C = ½ Σ (ŷ − y)².
        // Lane 3 is cleared: it is the overhang of every layer-2 store, whose step must be zero.
        Vector128<float> error = a2 - Vector128.Create(target[0], target[1], target[2], 0f);
        float error0 = error[0], error1 = error[1], error2 = error[2];
        float loss = 0.5f * ((error0 * error0) + (error1 * error1) + (error2 * error2));
        Vector128<float> delta2 = (error * a2 * (Vector128<float>.One - a2)).WithElement(3, 0f);

        // BP2: δ[1] = (W[2]ᵀ·δ[2]) ⊙ σ'(z[1]); (W[2]ᵀ·δ[2])_k = W[2][:, k] · δ[2], a column's dot product.
        // Lanes 5–7 are zero, so the step of layer 1 leaves the overhang lanes as they are.
        float d0 = delta2[0], d1 = delta2[1], d2 = delta2[2];
        Vector256<float> back = Vector256.Create(
            (parameters[Layer2Column(0) + 0] * d0) + (parameters[Layer2Column(0) + 1] * d1) + (parameters[Layer2Column(0) + 2] * d2),
            (parameters[Layer2Column(1) + 0] * d0) + (parameters[Layer2Column(1) + 1] * d1) + (parameters[Layer2Column(1) + 2] * d2),
            (parameters[Layer2Column(2) + 0] * d0) + (parameters[Layer2Column(2) + 1] * d1) + (parameters[Layer2Column(2) + 2] * d2),
            (parameters[Layer2Column(3) + 0] * d0) + (parameters[Layer2Column(3) + 1] * d1) + (parameters[Layer2Column(3) + 2] * d2),
            (parameters[Layer2Column(4) + 0] * d0) + (parameters[Layer2Column(4) + 1] * d1) + (parameters[Layer2Column(4) + 2] * d2),
            0f, 0f, 0f);
        Vector256<float> delta1 = back * a1 * (Vector256<float>.One - a1);

        // The step, gradient taken at the old θ: every load first, then the stores from the bottom of the buffer up.
        Vector256<float> step1 = Vector256.Create(-learningRate) * delta1;
        Vector128<float> step2 = Vector128.Create(-learningRate) * delta2;
        // b[1] −= η·δ[1]; W[1][:, k] −= η·δ[1]·x_k
        Vector256<float> b1 = Load256(ref p, 0) + step1;
        Vector256<float> w1c0 = Vector256.MultiplyAddEstimate(step1, Vector256.Create(input[0]), Load256(ref p, Layer1Column(0)));
        Vector256<float> w1c1 = Vector256.MultiplyAddEstimate(step1, Vector256.Create(input[1]), Load256(ref p, Layer1Column(1)));
        Vector256<float> w1c2 = Vector256.MultiplyAddEstimate(step1, Vector256.Create(input[2]), Load256(ref p, Layer1Column(2)));
        Vector256<float> w1c3 = Vector256.MultiplyAddEstimate(step1, Vector256.Create(input[3]), Load256(ref p, Layer1Column(3)));
        // b[2] −= η·δ[2]; W[2][:, k] −= η·δ[2]·a[1]_k
        Vector128<float> b2 = Load128(ref p, Layer2Biases) + step2;
        Vector128<float> w2c0 = Vector128.MultiplyAddEstimate(step2, Vector128.Create(a1[0]), Load128(ref p, Layer2Column(0)));
        Vector128<float> w2c1 = Vector128.MultiplyAddEstimate(step2, Vector128.Create(a1[1]), Load128(ref p, Layer2Column(1)));
        Vector128<float> w2c2 = Vector128.MultiplyAddEstimate(step2, Vector128.Create(a1[2]), Load128(ref p, Layer2Column(2)));
        Vector128<float> w2c3 = Vector128.MultiplyAddEstimate(step2, Vector128.Create(a1[3]), Load128(ref p, Layer2Column(3)));
        Vector128<float> w2c4 = Vector128.MultiplyAddEstimate(step2, Vector128.Create(a1[4]), Load128(ref p, Layer2Column(4)));
        b1.StoreUnsafe(ref p, 0);
        w1c0.StoreUnsafe(ref p, (nuint)Layer1Column(0));
        w1c1.StoreUnsafe(ref p, (nuint)Layer1Column(1));
        w1c2.StoreUnsafe(ref p, (nuint)Layer1Column(2));
        w1c3.StoreUnsafe(ref p, (nuint)Layer1Column(3));
        b2.StoreUnsafe(ref p, (nuint)Layer2Biases);
        w2c0.StoreUnsafe(ref p, (nuint)Layer2Column(0));
        w2c1.StoreUnsafe(ref p, (nuint)Layer2Column(1));
        w2c2.StoreUnsafe(ref p, (nuint)Layer2Column(2));
        w2c3.StoreUnsafe(ref p, (nuint)Layer2Column(3));
        w2c4.StoreUnsafe(ref p, (nuint)Layer2Column(4));
        return loss;
    }
}
