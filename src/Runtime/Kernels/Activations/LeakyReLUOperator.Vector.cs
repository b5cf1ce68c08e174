using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace StaticNet.Kernels;

/// <summary>The vector forms of <see cref="LeakyReLUOperator"/>, where System.Runtime.Intrinsics exists.</summary>
internal readonly partial struct LeakyReLUOperator
{
    public Vector128<float> Invoke(Vector128<float> z) =>
        Vector128.ConditionalSelect(Vector128.GreaterThan(z, Vector128<float>.Zero), z, z * slope);

    public Vector256<float> Invoke(Vector256<float> z) =>
        Vector256.ConditionalSelect(Vector256.GreaterThan(z, Vector256<float>.Zero), z, z * slope);

    public Vector512<float> Invoke(Vector512<float> z) =>
        Vector512.ConditionalSelect(Vector512.GreaterThan(z, Vector512<float>.Zero), z, z * slope);

    public Vector128<float> Invoke(Vector128<float> delta, Vector128<float> z) =>
        delta * Vector128.ConditionalSelect(Vector128.GreaterThan(z, Vector128<float>.Zero), Vector128<float>.One, Vector128.Create(slope));

    public Vector256<float> Invoke(Vector256<float> delta, Vector256<float> z) =>
        delta * Vector256.ConditionalSelect(Vector256.GreaterThan(z, Vector256<float>.Zero), Vector256<float>.One, Vector256.Create(slope));

    public Vector512<float> Invoke(Vector512<float> delta, Vector512<float> z) =>
        delta * Vector512.ConditionalSelect(Vector512.GreaterThan(z, Vector512<float>.Zero), Vector512<float>.One, Vector512.Create(slope));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public TVector Evaluate<TSimd, TVector>(TVector z)
        where TSimd : struct, ISimd<TVector>
        where TVector : struct => TSimd.SelectWhereGreater(z, TSimd.Zero, z, TSimd.Multiply(z, TSimd.Broadcast(slope)));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public TVector Evaluate<TSimd, TVector>(TVector delta, TVector z)
        where TSimd : struct, ISimd<TVector>
        where TVector : struct => TSimd.Multiply(delta, TSimd.SelectWhereGreater(z, TSimd.Zero, TSimd.Broadcast(1f), TSimd.Broadcast(slope)));
}
