using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace StaticNet.Kernels;

/// <summary>The vector forms of <see cref="ReLUOperator"/>, where System.Runtime.Intrinsics exists.</summary>
internal readonly partial struct ReLUOperator
{
    public Vector128<float> Invoke(Vector128<float> z) => Vector128.Max(z, Vector128<float>.Zero);

    public Vector256<float> Invoke(Vector256<float> z) => Vector256.Max(z, Vector256<float>.Zero);

    public Vector512<float> Invoke(Vector512<float> z) => Vector512.Max(z, Vector512<float>.Zero);

    public Vector128<float> Invoke(Vector128<float> delta, Vector128<float> z) => new LeakyReLUOperator(0f).Invoke(delta, z);

    public Vector256<float> Invoke(Vector256<float> delta, Vector256<float> z) => new LeakyReLUOperator(0f).Invoke(delta, z);

    public Vector512<float> Invoke(Vector512<float> delta, Vector512<float> z) => new LeakyReLUOperator(0f).Invoke(delta, z);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public TVector Evaluate<TSimd, TVector>(TVector z)
        where TSimd : struct, ISimd<TVector>
        where TVector : struct => TSimd.Add(TSimd.SelectWhereGreater(TSimd.Zero, z, TSimd.Zero, z), TSimd.Zero);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public TVector Evaluate<TSimd, TVector>(TVector delta, TVector z)
        where TSimd : struct, ISimd<TVector>
        where TVector : struct => new LeakyReLUOperator(0f).Evaluate<TSimd, TVector>(delta, z);
}
