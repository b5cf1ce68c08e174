using System;
using System.ComponentModel;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using StaticNet.Kernels;

namespace StaticNet.CompilerServices;

/// <summary>
/// Scalar activation functions as generated networks compute them, numerically safe at saturation: each is the scalar
/// form of the activation's operator struct (<c>Kernels/Activations/</c>), the struct the kernels run.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class NetworkMath
{
    /// <summary>σ(z) = 1 / (1 + e^-z). Saturates to exactly 0 or 1 for large |z|, never NaN.</summary>
    /// <param name="z">The pre-activation.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Sigmoid(float z) => new SigmoidOperator().Invoke(z);

    /// <summary>tanh z.</summary>
    /// <param name="z">The pre-activation.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Tanh(float z) => new TanhOperator().Invoke(z);

    /// <summary>max(0, z); NaN stays NaN, so that a diverged network shows it.</summary>
    /// <param name="z">The pre-activation.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float ReLU(float z) => new ReLUOperator().Invoke(z);

    /// <summary>z for z &gt; 0, otherwise <paramref name="slope"/> · z.</summary>
    /// <param name="z">The pre-activation.</param>
    /// <param name="slope">The slope for negative inputs.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float LeakyReLU(float z, float slope) => new LeakyReLUOperator(slope).Invoke(z);

    /// <summary>z · ½ (1 + erf(z/√2)), PyTorch's exact GELU.</summary>
    /// <param name="z">The pre-activation.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float GELU(float z) => new GELUOperator().Invoke(z);

    /// <summary>value · g'(z) for GELU, as its derivative kernel computes it.</summary>
    /// <param name="value">The factor, e.g. ∂C/∂a.</param>
    /// <param name="z">The pre-activation.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float MultiplyGELUDerivative(float value, float z) => new GELUOperator().Invoke(value, z);

    /// <summary>z · σ(z).</summary>
    /// <param name="z">The pre-activation.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float SiLU(float z) => new SiLUOperator().Invoke(z);

    /// <summary>value · g'(z) for SiLU, as its derivative kernel computes it.</summary>
    /// <param name="value">The factor, e.g. ∂C/∂a.</param>
    /// <param name="z">The pre-activation.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float MultiplySiLUDerivative(float value, float z) => new SiLUOperator().Invoke(value, z);

    /// <summary>z where z &gt; 0, otherwise e^z − 1 (α = 1).</summary>
    /// <param name="z">The pre-activation.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float ELU(float z) => new ELUOperator().Invoke(z);

    /// <summary>value · g'(z) for ELU, as its derivative kernel computes it.</summary>
    /// <param name="value">The factor, e.g. ∂C/∂a.</param>
    /// <param name="z">The pre-activation.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float MultiplyELUDerivative(float value, float z) => new ELUOperator().Invoke(value, z);

    /// <summary>log(1 + e^z), z itself above 20 (β = 1, PyTorch's threshold).</summary>
    /// <param name="z">The pre-activation.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Softplus(float z) => new SoftplusOperator().Invoke(z);

    /// <summary>value · g'(z) for Softplus, as its derivative kernel computes it.</summary>
    /// <param name="value">The factor, e.g. ∂C/∂a.</param>
    /// <param name="z">The pre-activation.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float MultiplySoftplusDerivative(float value, float z) => new SoftplusOperator().Invoke(value, z);

    /// <summary>Replaces <paramref name="values"/> by its softmax, subtracting the maximum first so no exponent overflows.</summary>
    /// <param name="values">The pre-activations z on entry, the probabilities on return.</param>
    public static void SoftmaxInPlace(Span<float> values) => SoftmaxRows.Run(values, values.Length);

    /// <summary>
    /// δ = Jᵀ·g for a softmax layer with outputs <paramref name="softmax"/>: δ_j = a_j (g_j − Σ_k g_k a_k).
    /// This is the exact Jacobian-vector product, computed without forming the Jacobian.
    /// </summary>
    /// <param name="softmax">The softmax outputs a.</param>
    /// <param name="upstream">The upstream gradient g = ∂L/∂a.</param>
    /// <param name="delta">Receives ∂L/∂z; may alias neither input.</param>
    public static void SoftmaxBackward(ReadOnlySpan<float> softmax, ReadOnlySpan<float> upstream, Span<float> delta)
    {
        float dot = 0f;
        for (int k = 0; k < softmax.Length; k++)
        {
            dot += upstream[k] * softmax[k];
        }

        for (int j = 0; j < softmax.Length; j++)
        {
            delta[j] = softmax[j] * (upstream[j] - dot);
        }
    }
}
