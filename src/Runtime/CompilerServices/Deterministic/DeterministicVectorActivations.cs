using System.ComponentModel;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using StaticNet.Kernels;

namespace StaticNet.CompilerServices;

/// <summary>
/// <see cref="VectorActivations"/> for networks declared with <c>Deterministic = true</c>: the activation's one form
/// over the lanes with fused multiply-adds, so every lane holds the bits <see cref="DeterministicNetworkMath"/> gives for
/// that value, at every width and with or without hardware FMA (without it, the fused multiply-add is exact in
/// software, and slow).
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class DeterministicVectorActivations
{
    /// <inheritdoc cref="VectorActivations.Sigmoid(Vector128{float})"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Sigmoid(Vector128<float> z) => new SigmoidOperator().Evaluate<Fused<Vector128<float>, Simd128>, Vector128<float>>(z);

    /// <inheritdoc cref="VectorActivations.Sigmoid(Vector256{float})"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Sigmoid(Vector256<float> z) => new SigmoidOperator().Evaluate<Fused<Vector256<float>, Simd256>, Vector256<float>>(z);

    /// <inheritdoc cref="VectorActivations.Sigmoid(Vector512{float})"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Sigmoid(Vector512<float> z) => new SigmoidOperator().Evaluate<Fused<Vector512<float>, Simd512>, Vector512<float>>(z);

    /// <inheritdoc cref="VectorActivations.Tanh(Vector128{float})"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Tanh(Vector128<float> z) => new TanhOperator().Evaluate<Fused<Vector128<float>, Simd128>, Vector128<float>>(z);

    /// <inheritdoc cref="VectorActivations.Tanh(Vector256{float})"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Tanh(Vector256<float> z) => new TanhOperator().Evaluate<Fused<Vector256<float>, Simd256>, Vector256<float>>(z);

    /// <inheritdoc cref="VectorActivations.Tanh(Vector512{float})"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Tanh(Vector512<float> z) => new TanhOperator().Evaluate<Fused<Vector512<float>, Simd512>, Vector512<float>>(z);

    /// <inheritdoc cref="VectorActivations.GELU(Vector128{float})"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> GELU(Vector128<float> z) => new GELUOperator().Evaluate<Fused<Vector128<float>, Simd128>, Vector128<float>>(z);

    /// <inheritdoc cref="VectorActivations.GELU(Vector256{float})"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> GELU(Vector256<float> z) => new GELUOperator().Evaluate<Fused<Vector256<float>, Simd256>, Vector256<float>>(z);

    /// <inheritdoc cref="VectorActivations.GELU(Vector512{float})"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> GELU(Vector512<float> z) => new GELUOperator().Evaluate<Fused<Vector512<float>, Simd512>, Vector512<float>>(z);

    /// <inheritdoc cref="VectorActivations.SiLU(Vector128{float})"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> SiLU(Vector128<float> z) => new SiLUOperator().Evaluate<Fused<Vector128<float>, Simd128>, Vector128<float>>(z);

    /// <inheritdoc cref="VectorActivations.SiLU(Vector256{float})"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> SiLU(Vector256<float> z) => new SiLUOperator().Evaluate<Fused<Vector256<float>, Simd256>, Vector256<float>>(z);

    /// <inheritdoc cref="VectorActivations.SiLU(Vector512{float})"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> SiLU(Vector512<float> z) => new SiLUOperator().Evaluate<Fused<Vector512<float>, Simd512>, Vector512<float>>(z);

    /// <inheritdoc cref="VectorActivations.ELU(Vector128{float})"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> ELU(Vector128<float> z) => new ELUOperator().Evaluate<Fused<Vector128<float>, Simd128>, Vector128<float>>(z);

    /// <inheritdoc cref="VectorActivations.ELU(Vector256{float})"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> ELU(Vector256<float> z) => new ELUOperator().Evaluate<Fused<Vector256<float>, Simd256>, Vector256<float>>(z);

    /// <inheritdoc cref="VectorActivations.ELU(Vector512{float})"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> ELU(Vector512<float> z) => new ELUOperator().Evaluate<Fused<Vector512<float>, Simd512>, Vector512<float>>(z);

    /// <inheritdoc cref="VectorActivations.Softplus(Vector128{float})"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Softplus(Vector128<float> z) => new SoftplusOperator().Evaluate<Fused<Vector128<float>, Simd128>, Vector128<float>>(z);

    /// <inheritdoc cref="VectorActivations.Softplus(Vector256{float})"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Softplus(Vector256<float> z) => new SoftplusOperator().Evaluate<Fused<Vector256<float>, Simd256>, Vector256<float>>(z);

    /// <inheritdoc cref="VectorActivations.Softplus(Vector512{float})"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Softplus(Vector512<float> z) => new SoftplusOperator().Evaluate<Fused<Vector512<float>, Simd512>, Vector512<float>>(z);
}
