using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace StaticNet.Kernels;

/// <summary>GELU(z) = z·½·(1 + erf(z/√2)) (PyTorch's nn.GELU() default); δ ⊙ (Φ(z) + z·φ(z)) from the pre-activations.</summary>
internal readonly struct GELUOperator : IActivationOperator
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public float Invoke(float z) => SmoothFunctions.Gelu<SimdScalar, float>(z);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector128<float> Invoke(Vector128<float> z) => SmoothFunctions.Gelu<Simd128, Vector128<float>>(z);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector256<float> Invoke(Vector256<float> z) => SmoothFunctions.Gelu<Simd256, Vector256<float>>(z);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector512<float> Invoke(Vector512<float> z) => SmoothFunctions.Gelu<Simd512, Vector512<float>>(z);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public float Invoke(float delta, float z) => SmoothFunctions.GeluDerivative<SimdScalar, float>(delta, z);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector128<float> Invoke(Vector128<float> delta, Vector128<float> z) => SmoothFunctions.GeluDerivative<Simd128, Vector128<float>>(delta, z);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector256<float> Invoke(Vector256<float> delta, Vector256<float> z) => SmoothFunctions.GeluDerivative<Simd256, Vector256<float>>(delta, z);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector512<float> Invoke(Vector512<float> delta, Vector512<float> z) => SmoothFunctions.GeluDerivative<Simd512, Vector512<float>>(delta, z);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public TVector Evaluate<TSimd, TVector>(TVector z)
        where TSimd : struct, ISimd<TVector>
        where TVector : struct => SmoothFunctions.Gelu<TSimd, TVector>(z);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public TVector Evaluate<TSimd, TVector>(TVector delta, TVector z)
        where TSimd : struct, ISimd<TVector>
        where TVector : struct => SmoothFunctions.GeluDerivative<TSimd, TVector>(delta, z);
}
