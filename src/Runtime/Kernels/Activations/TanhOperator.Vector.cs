using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace StaticNet.Kernels;

/// <summary>The vector forms of <see cref="TanhOperator"/>, where System.Runtime.Intrinsics exists.</summary>
internal readonly partial struct TanhOperator
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector128<float> Invoke(Vector128<float> z) => ActivationFunctions.Tanh<Simd128, Vector128<float>>(z);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector256<float> Invoke(Vector256<float> z) => ActivationFunctions.Tanh<Simd256, Vector256<float>>(z);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector512<float> Invoke(Vector512<float> z) => ActivationFunctions.Tanh<Simd512, Vector512<float>>(z);

    public Vector128<float> Invoke(Vector128<float> delta, Vector128<float> a) => delta * (Vector128<float>.One - (a * a));

    public Vector256<float> Invoke(Vector256<float> delta, Vector256<float> a) => delta * (Vector256<float>.One - (a * a));

    public Vector512<float> Invoke(Vector512<float> delta, Vector512<float> a) => delta * (Vector512<float>.One - (a * a));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public TVector Evaluate<TSimd, TVector>(TVector z)
        where TSimd : struct, ISimd<TVector>
        where TVector : struct => ActivationFunctions.Tanh<TSimd, TVector>(z);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public TVector Evaluate<TSimd, TVector>(TVector delta, TVector a)
        where TSimd : struct, ISimd<TVector>
        where TVector : struct => TSimd.Multiply(delta, TSimd.Subtract(TSimd.Broadcast(1f), TSimd.Multiply(a, a)));
}
