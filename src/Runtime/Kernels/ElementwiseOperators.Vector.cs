using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace StaticNet.Kernels;

/// <summary>The vector forms of <see cref="IUnaryOperator"/>, where System.Runtime.Intrinsics exists.</summary>
internal partial interface IUnaryOperator
{
    Vector128<float> Invoke(Vector128<float> x);

    Vector256<float> Invoke(Vector256<float> x);

    Vector512<float> Invoke(Vector512<float> x);

    /// <summary>
    /// f(x) written once over <typeparamref name="TSimd"/>, so that every width and the scalar form run the same
    /// operations: what deterministic networks compute (<see cref="Fused{TVector, TSimd}"/> routes
    /// <see cref="ISimd{TVector}.Apply{TOperator}(TOperator, TVector)"/> here).
    /// </summary>
    TVector Evaluate<TSimd, TVector>(TVector x)
        where TSimd : struct, ISimd<TVector>
        where TVector : struct;
}

/// <summary>The vector forms of <see cref="IDerivativeOperator"/>, where System.Runtime.Intrinsics exists.</summary>
internal partial interface IDerivativeOperator
{
    Vector128<float> Invoke(Vector128<float> delta, Vector128<float> value);

    Vector256<float> Invoke(Vector256<float> delta, Vector256<float> value);

    Vector512<float> Invoke(Vector512<float> delta, Vector512<float> value);

    /// <summary>δ ⊙ g'(v) written once over <typeparamref name="TSimd"/> (see <see cref="IUnaryOperator.Evaluate{TSimd, TVector}(TVector)"/>).</summary>
    TVector Evaluate<TSimd, TVector>(TVector delta, TVector value)
        where TSimd : struct, ISimd<TVector>
        where TVector : struct;
}

/// <summary>The vector forms of <see cref="ExpOperator"/>, where System.Runtime.Intrinsics exists.</summary>
internal readonly partial struct ExpOperator
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector128<float> Invoke(Vector128<float> x) => ActivationFunctions.Exp<Simd128, Vector128<float>>(x);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector256<float> Invoke(Vector256<float> x) => ActivationFunctions.Exp<Simd256, Vector256<float>>(x);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector512<float> Invoke(Vector512<float> x) => ActivationFunctions.Exp<Simd512, Vector512<float>>(x);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public TVector Evaluate<TSimd, TVector>(TVector x)
        where TSimd : struct, ISimd<TVector>
        where TVector : struct => ActivationFunctions.Exp<TSimd, TVector>(x);
}
