using System.ComponentModel;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using StaticNet.Kernels;

namespace StaticNet.CompilerServices;

/// <summary>
/// e^x, σ, tanh, GELU, SiLU, ELU and Softplus on whole vectors, in registers, for the layers generated code keeps in registers (the layer
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

    /// <summary>GELU for four values: z · ½ (1 + erf(z/√2)), PyTorch's exact GELU.</summary>
    /// <param name="z">Pre-activations.</param>
    /// <returns>The activations.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> GELU(Vector128<float> z) => new GELUOperator().Invoke(z);

    /// <summary>GELU for eight values: z · ½ (1 + erf(z/√2)), PyTorch's exact GELU.</summary>
    /// <param name="z">Pre-activations.</param>
    /// <returns>The activations.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> GELU(Vector256<float> z) => new GELUOperator().Invoke(z);

    /// <summary>GELU for sixteen values: z · ½ (1 + erf(z/√2)), PyTorch's exact GELU.</summary>
    /// <param name="z">Pre-activations.</param>
    /// <returns>The activations.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> GELU(Vector512<float> z) => new GELUOperator().Invoke(z);

    /// <summary>SiLU for four values: z · σ(z).</summary>
    /// <param name="z">Pre-activations.</param>
    /// <returns>The activations.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> SiLU(Vector128<float> z) => new SiLUOperator().Invoke(z);

    /// <summary>SiLU for eight values: z · σ(z).</summary>
    /// <param name="z">Pre-activations.</param>
    /// <returns>The activations.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> SiLU(Vector256<float> z) => new SiLUOperator().Invoke(z);

    /// <summary>SiLU for sixteen values: z · σ(z).</summary>
    /// <param name="z">Pre-activations.</param>
    /// <returns>The activations.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> SiLU(Vector512<float> z) => new SiLUOperator().Invoke(z);

    /// <summary>ELU for four values: z where z &gt; 0, otherwise e^z − 1 (α = 1).</summary>
    /// <param name="z">Pre-activations.</param>
    /// <returns>The activations.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> ELU(Vector128<float> z) => new ELUOperator().Invoke(z);

    /// <summary>ELU for eight values: z where z &gt; 0, otherwise e^z − 1 (α = 1).</summary>
    /// <param name="z">Pre-activations.</param>
    /// <returns>The activations.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> ELU(Vector256<float> z) => new ELUOperator().Invoke(z);

    /// <summary>ELU for sixteen values: z where z &gt; 0, otherwise e^z − 1 (α = 1).</summary>
    /// <param name="z">Pre-activations.</param>
    /// <returns>The activations.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> ELU(Vector512<float> z) => new ELUOperator().Invoke(z);

    /// <summary>Softplus for four values: log(1 + e^z), z itself above 20 (β = 1, PyTorch's threshold).</summary>
    /// <param name="z">Pre-activations.</param>
    /// <returns>The activations.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Softplus(Vector128<float> z) => new SoftplusOperator().Invoke(z);

    /// <summary>Softplus for eight values: log(1 + e^z), z itself above 20 (β = 1, PyTorch's threshold).</summary>
    /// <param name="z">Pre-activations.</param>
    /// <returns>The activations.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Softplus(Vector256<float> z) => new SoftplusOperator().Invoke(z);

    /// <summary>Softplus for sixteen values: log(1 + e^z), z itself above 20 (β = 1, PyTorch's threshold).</summary>
    /// <param name="z">Pre-activations.</param>
    /// <returns>The activations.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Softplus(Vector512<float> z) => new SoftplusOperator().Invoke(z);
}
