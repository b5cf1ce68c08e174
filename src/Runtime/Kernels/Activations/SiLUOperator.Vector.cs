using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace StaticNet.Kernels;

/// <summary>The vector forms of <see cref="SiLUOperator"/>, where System.Runtime.Intrinsics exists.</summary>
internal readonly partial struct SiLUOperator
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector128<float> Invoke(Vector128<float> z) => SmoothFunctions.Silu<Simd128, Vector128<float>>(z);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector256<float> Invoke(Vector256<float> z) => SmoothFunctions.Silu<Simd256, Vector256<float>>(z);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector512<float> Invoke(Vector512<float> z) => SmoothFunctions.Silu<Simd512, Vector512<float>>(z);

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
