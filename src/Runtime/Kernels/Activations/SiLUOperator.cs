using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace StaticNet.Kernels;

/// <summary>SiLU(z) = z·σ(z); δ ⊙ σ(z)(1 + z(1 − σ(z))) from the pre-activations.</summary>
internal readonly struct SiLUOperator : IActivationOperator
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public float Invoke(float z) => SmoothFunctions.Silu<SimdScalar, float>(z);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector128<float> Invoke(Vector128<float> z) => SmoothFunctions.Silu<Simd128, Vector128<float>>(z);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector256<float> Invoke(Vector256<float> z) => SmoothFunctions.Silu<Simd256, Vector256<float>>(z);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector512<float> Invoke(Vector512<float> z) => SmoothFunctions.Silu<Simd512, Vector512<float>>(z);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public float Invoke(float delta, float z) => SmoothFunctions.SiluDerivative<SimdScalar, float>(delta, z);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector128<float> Invoke(Vector128<float> delta, Vector128<float> z) => SmoothFunctions.SiluDerivative<Simd128, Vector128<float>>(delta, z);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector256<float> Invoke(Vector256<float> delta, Vector256<float> z) => SmoothFunctions.SiluDerivative<Simd256, Vector256<float>>(delta, z);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector512<float> Invoke(Vector512<float> delta, Vector512<float> z) => SmoothFunctions.SiluDerivative<Simd512, Vector512<float>>(delta, z);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public TVector Evaluate<TSimd, TVector>(TVector z)
        where TSimd : struct, ISimd<TVector>
        where TVector : struct => SmoothFunctions.Silu<TSimd, TVector>(z);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public TVector Evaluate<TSimd, TVector>(TVector delta, TVector z)
        where TSimd : struct, ISimd<TVector>
        where TVector : struct => SmoothFunctions.SiluDerivative<TSimd, TVector>(delta, z);
}
