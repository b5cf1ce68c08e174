using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace StaticNet.Kernels;

/// <summary>
/// A function applied to every element, y = f(x), at every width the driver (<see cref="Elementwise"/>) may take.
/// Implemented by readonly structs, so that each driver instantiation is specialised and every call inlined; the
/// ReLU family's slope is the struct's field.
/// </summary>
internal interface IUnaryOperator
{
    float Invoke(float x);

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

/// <summary>A derivative applied in place during backpropagation: δ ← δ ⊙ g'(v), with v the layer's a or z.</summary>
internal interface IDerivativeOperator
{
    float Invoke(float delta, float value);

    Vector128<float> Invoke(Vector128<float> delta, Vector128<float> value);

    Vector256<float> Invoke(Vector256<float> delta, Vector256<float> value);

    Vector512<float> Invoke(Vector512<float> delta, Vector512<float> value);

    /// <summary>δ ⊙ g'(v) written once over <typeparamref name="TSimd"/> (see <see cref="IUnaryOperator.Evaluate{TSimd, TVector}(TVector)"/>).</summary>
    TVector Evaluate<TSimd, TVector>(TVector delta, TVector value)
        where TSimd : struct, ISimd<TVector>
        where TVector : struct;
}

/// <summary>
/// One activation in one place, as TensorPrimitives keeps one operator per function: g(z) (<see cref="IUnaryOperator"/>)
/// and δ ⊙ g'(v) (<see cref="IDerivativeOperator"/>, v being what the generator's table says g' is read from: a for
/// σ and tanh, z for the others), at every width. The scalar form is the one <c>NetworkMath</c> exposes, the vector
/// forms the ones the kernels and <c>VectorActivations</c> run, so every form of an activation is this struct.
/// </summary>
internal interface IActivationOperator : IUnaryOperator, IDerivativeOperator
{
}

/// <summary>e^x.</summary>
internal readonly struct ExpOperator : IUnaryOperator
{
    public float Invoke(float x) => System.MathF.Exp(x);

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
