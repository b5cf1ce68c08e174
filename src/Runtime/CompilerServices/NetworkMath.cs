using System;
using System.ComponentModel;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using StaticNet.Kernels;

namespace StaticNet.CompilerServices;

/// <summary>Scalar activation functions as generated networks compute them, numerically safe at saturation.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class NetworkMath
{
    /// <summary>σ(z) = 1 / (1 + e^-z). Saturates to exactly 0 or 1 for large |z|, never NaN.</summary>
    /// <param name="z">The pre-activation.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Sigmoid(float z) => ActivationFunctions.Sigmoid(z);

    /// <summary>tanh z.</summary>
    /// <param name="z">The pre-activation.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Tanh(float z) => MathF.Tanh(z);

    /// <summary>max(0, z); NaN stays NaN, so that a diverged network shows it.</summary>
    /// <param name="z">The pre-activation.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float ReLU(float z) => z < 0f ? 0f : z;

    /// <summary>z for z &gt; 0, otherwise <paramref name="slope"/> · z.</summary>
    /// <param name="z">The pre-activation.</param>
    /// <param name="slope">The slope for negative inputs.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float LeakyReLU(float z, float slope) => z > 0f ? z : slope * z;

    /// <summary>Replaces <paramref name="values"/> by its softmax, subtracting the maximum first so no exponent overflows.</summary>
    /// <param name="values">The pre-activations z on entry, the probabilities on return.</param>
    public static void SoftmaxInPlace(Span<float> values)
    {
        float max = TensorPrimitives.Max(values);
        TensorPrimitives.Subtract(values, max, values);
        TensorPrimitives.Exp(values, values);
        TensorPrimitives.Multiply(values, 1f / TensorPrimitives.Sum(values), values);
    }

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
