using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace StaticNet.Kernels;

/// <summary>The vector forms of <see cref="IdentityOperator"/>, where System.Runtime.Intrinsics exists.</summary>
internal readonly partial struct IdentityOperator
{
    public Vector128<float> Invoke(Vector128<float> z) => z;

    public Vector256<float> Invoke(Vector256<float> z) => z;

    public Vector512<float> Invoke(Vector512<float> z) => z;

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
