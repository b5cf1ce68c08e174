using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace StaticNet.Kernels;

/// <summary>g(z) = z, g' = 1: a layer whose sums are its activations (and the softmax output, whose softmax runs after).</summary>
internal readonly struct IdentityOperator : IActivationOperator
{
    public float Invoke(float z) => z;

    public Vector128<float> Invoke(Vector128<float> z) => z;

    public Vector256<float> Invoke(Vector256<float> z) => z;

    public Vector512<float> Invoke(Vector512<float> z) => z;

    public float Invoke(float delta, float z) => delta;

    public Vector128<float> Invoke(Vector128<float> delta, Vector128<float> z) => delta;

    public Vector256<float> Invoke(Vector256<float> delta, Vector256<float> z) => delta;

    public Vector512<float> Invoke(Vector512<float> delta, Vector512<float> z) => delta;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public TVector Evaluate<TSimd, TVector>(TVector z)
        where TSimd : struct, ISimd<TVector>
        where TVector : struct => z;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public TVector Evaluate<TSimd, TVector>(TVector delta, TVector z)
        where TSimd : struct, ISimd<TVector>
        where TVector : struct => delta;
}
