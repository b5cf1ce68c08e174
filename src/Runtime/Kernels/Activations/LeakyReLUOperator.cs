using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace StaticNet.Kernels;

/// <summary>
/// z where z &gt; 0, otherwise slope·z (NaN stays NaN); δ ⊙ (1 where z &gt; 0, otherwise slope) from the
/// pre-activations. The slope is the struct's field.
/// </summary>
internal readonly struct LeakyReLUOperator(float slope) : IActivationOperator
{
    public float Invoke(float z) => z > 0f ? z : slope * z;

    public Vector128<float> Invoke(Vector128<float> z) =>
        Vector128.ConditionalSelect(Vector128.GreaterThan(z, Vector128<float>.Zero), z, z * slope);

    public Vector256<float> Invoke(Vector256<float> z) =>
        Vector256.ConditionalSelect(Vector256.GreaterThan(z, Vector256<float>.Zero), z, z * slope);

    public Vector512<float> Invoke(Vector512<float> z) =>
        Vector512.ConditionalSelect(Vector512.GreaterThan(z, Vector512<float>.Zero), z, z * slope);

    public float Invoke(float delta, float z) => delta * (z > 0f ? 1f : slope);

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
