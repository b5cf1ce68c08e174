using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace StaticNet.Kernels;

/// <summary>Softplus(z) = log(1 + e^z) (β = 1, z itself above 20 as PyTorch); δ ⊙ σ(z) from the pre-activations.</summary>
internal readonly struct SoftplusOperator : IActivationOperator
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public float Invoke(float z) => SmoothFunctions.Softplus<SimdScalar, float>(z);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector128<float> Invoke(Vector128<float> z) => SmoothFunctions.Softplus<Simd128, Vector128<float>>(z);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector256<float> Invoke(Vector256<float> z) => SmoothFunctions.Softplus<Simd256, Vector256<float>>(z);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector512<float> Invoke(Vector512<float> z) => SmoothFunctions.Softplus<Simd512, Vector512<float>>(z);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public float Invoke(float delta, float z) => SmoothFunctions.SoftplusDerivative<SimdScalar, float>(delta, z);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector128<float> Invoke(Vector128<float> delta, Vector128<float> z) => SmoothFunctions.SoftplusDerivative<Simd128, Vector128<float>>(delta, z);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector256<float> Invoke(Vector256<float> delta, Vector256<float> z) => SmoothFunctions.SoftplusDerivative<Simd256, Vector256<float>>(delta, z);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector512<float> Invoke(Vector512<float> delta, Vector512<float> z) => SmoothFunctions.SoftplusDerivative<Simd512, Vector512<float>>(delta, z);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public TVector Evaluate<TSimd, TVector>(TVector z)
        where TSimd : struct, ISimd<TVector>
        where TVector : struct => SmoothFunctions.Softplus<TSimd, TVector>(z);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public TVector Evaluate<TSimd, TVector>(TVector delta, TVector z)
        where TSimd : struct, ISimd<TVector>
        where TVector : struct => SmoothFunctions.SoftplusDerivative<TSimd, TVector>(delta, z);
}
