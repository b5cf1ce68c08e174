using System.ComponentModel;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using StaticNet.Kernels;

namespace StaticNet.CompilerServices;

/// <summary>
/// e^x, σ and tanh on whole vectors, in registers, for the layers generated code keeps in registers (the layer
/// kernels run the same functions). Each is accurate to about 3e-7 relative (tested to 1e-6 against double
/// precision), saturates to exactly 0, ±1 or +∞ without NaN, and passes NaN through. Call an overload only where its
/// width is hardware (<c>IsHardwareAccelerated</c>; elsewhere it is emulated element by element).
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class VectorActivations
{
    /// <summary>e^x for four values.</summary>
    /// <param name="x">The exponents.</param>
    /// <returns>e^x, +∞ above 88.3, the smallest normal floats' range below −87.3.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Exp(Vector128<float> x) => ActivationFunctions.Exp<Simd128, Vector128<float>>(x);

    /// <summary>e^x for eight values.</summary>
    /// <param name="x">The exponents.</param>
    /// <returns>e^x, +∞ above 88.3, the smallest normal floats' range below −87.3.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Exp(Vector256<float> x) => ActivationFunctions.Exp<Simd256, Vector256<float>>(x);

    /// <summary>e^x for sixteen values.</summary>
    /// <param name="x">The exponents.</param>
    /// <returns>e^x, +∞ above 88.3, the smallest normal floats' range below −87.3.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Exp(Vector512<float> x) => ActivationFunctions.Exp<Simd512, Vector512<float>>(x);

    /// <summary>σ(z) = 1 / (1 + e^−z) for four values; exactly 0 below z ≈ −88.3.</summary>
    /// <param name="z">Pre-activations.</param>
    /// <returns>The activations.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Sigmoid(Vector128<float> z) => ActivationFunctions.Sigmoid<Simd128, Vector128<float>>(z);

    /// <summary>σ(z) = 1 / (1 + e^−z) for eight values; exactly 0 below z ≈ −88.3.</summary>
    /// <param name="z">Pre-activations.</param>
    /// <returns>The activations.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Sigmoid(Vector256<float> z) => ActivationFunctions.Sigmoid<Simd256, Vector256<float>>(z);

    /// <summary>σ(z) = 1 / (1 + e^−z) for sixteen values; exactly 0 below z ≈ −88.3.</summary>
    /// <param name="z">Pre-activations.</param>
    /// <returns>The activations.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Sigmoid(Vector512<float> z) => ActivationFunctions.Sigmoid<Simd512, Vector512<float>>(z);

    /// <summary>tanh(z) for four values; exactly ±1 beyond |z| = 9.1.</summary>
    /// <param name="z">Pre-activations.</param>
    /// <returns>The activations.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Tanh(Vector128<float> z) => ActivationFunctions.Tanh<Simd128, Vector128<float>>(z);

    /// <summary>tanh(z) for eight values; exactly ±1 beyond |z| = 9.1.</summary>
    /// <param name="z">Pre-activations.</param>
    /// <returns>The activations.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Tanh(Vector256<float> z) => ActivationFunctions.Tanh<Simd256, Vector256<float>>(z);

    /// <summary>tanh(z) for sixteen values; exactly ±1 beyond |z| = 9.1.</summary>
    /// <param name="z">Pre-activations.</param>
    /// <returns>The activations.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Tanh(Vector512<float> z) => ActivationFunctions.Tanh<Simd512, Vector512<float>>(z);
}
