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
}

/// <summary>A derivative applied in place during backpropagation: δ ← δ ⊙ g'(v), with v the layer's a or z.</summary>
internal interface IDerivativeOperator
{
    float Invoke(float delta, float value);

    Vector128<float> Invoke(Vector128<float> delta, Vector128<float> value);

    Vector256<float> Invoke(Vector256<float> delta, Vector256<float> value);

    Vector512<float> Invoke(Vector512<float> delta, Vector512<float> value);
}

/// <summary>g(z) = z: a layer whose sums are its activations (and the softmax output, whose softmax runs after).</summary>
internal readonly struct IdentityOperator : IUnaryOperator
{
    public float Invoke(float z) => z;

    public Vector128<float> Invoke(Vector128<float> z) => z;

    public Vector256<float> Invoke(Vector256<float> z) => z;

    public Vector512<float> Invoke(Vector512<float> z) => z;
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
}

/// <summary>σ(z) = 1 / (1 + e^−z).</summary>
internal readonly struct SigmoidOperator : IUnaryOperator
{
    public float Invoke(float z) => ActivationFunctions.Sigmoid(z);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector128<float> Invoke(Vector128<float> z) => ActivationFunctions.Sigmoid<Simd128, Vector128<float>>(z);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector256<float> Invoke(Vector256<float> z) => ActivationFunctions.Sigmoid<Simd256, Vector256<float>>(z);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector512<float> Invoke(Vector512<float> z) => ActivationFunctions.Sigmoid<Simd512, Vector512<float>>(z);
}

/// <summary>tanh(z).</summary>
internal readonly struct TanhOperator : IUnaryOperator
{
    public float Invoke(float z) => System.MathF.Tanh(z);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector128<float> Invoke(Vector128<float> z) => ActivationFunctions.Tanh<Simd128, Vector128<float>>(z);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector256<float> Invoke(Vector256<float> z) => ActivationFunctions.Tanh<Simd256, Vector256<float>>(z);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector512<float> Invoke(Vector512<float> z) => ActivationFunctions.Tanh<Simd512, Vector512<float>>(z);
}

/// <summary>max(0, z), NaN kept (IEEE maximum), so a diverged network stays visibly diverged.</summary>
internal readonly struct ReLUOperator : IUnaryOperator
{
    public float Invoke(float z) => System.MathF.Max(z, 0f);

    public Vector128<float> Invoke(Vector128<float> z) => Vector128.Max(z, Vector128<float>.Zero);

    public Vector256<float> Invoke(Vector256<float> z) => Vector256.Max(z, Vector256<float>.Zero);

    public Vector512<float> Invoke(Vector512<float> z) => Vector512.Max(z, Vector512<float>.Zero);
}

/// <summary>z where z &gt; 0, otherwise slope·z (NaN stays NaN).</summary>
internal readonly struct LeakyReLUOperator(float slope) : IUnaryOperator
{
    public float Invoke(float z) => z > 0f ? z : slope * z;

    public Vector128<float> Invoke(Vector128<float> z) =>
        Vector128.ConditionalSelect(Vector128.GreaterThan(z, Vector128<float>.Zero), z, z * slope);

    public Vector256<float> Invoke(Vector256<float> z) =>
        Vector256.ConditionalSelect(Vector256.GreaterThan(z, Vector256<float>.Zero), z, z * slope);

    public Vector512<float> Invoke(Vector512<float> z) =>
        Vector512.ConditionalSelect(Vector512.GreaterThan(z, Vector512<float>.Zero), z, z * slope);
}

/// <summary>δ ⊙ a(1 − a): σ' from the activations.</summary>
internal readonly struct SigmoidDerivativeOperator : IDerivativeOperator
{
    public float Invoke(float delta, float a) => delta * (a - (a * a));

    public Vector128<float> Invoke(Vector128<float> delta, Vector128<float> a) => delta * (a - (a * a));

    public Vector256<float> Invoke(Vector256<float> delta, Vector256<float> a) => delta * (a - (a * a));

    public Vector512<float> Invoke(Vector512<float> delta, Vector512<float> a) => delta * (a - (a * a));
}

/// <summary>δ ⊙ (1 − a²): tanh' from the activations.</summary>
internal readonly struct TanhDerivativeOperator : IDerivativeOperator
{
    public float Invoke(float delta, float a) => delta * (1f - (a * a));

    public Vector128<float> Invoke(Vector128<float> delta, Vector128<float> a) => delta * (Vector128<float>.One - (a * a));

    public Vector256<float> Invoke(Vector256<float> delta, Vector256<float> a) => delta * (Vector256<float>.One - (a * a));

    public Vector512<float> Invoke(Vector512<float> delta, Vector512<float> a) => delta * (Vector512<float>.One - (a * a));
}

/// <summary>δ ⊙ (1 where z &gt; 0, otherwise slope): the ReLU family's derivative from the pre-activations (slope 0: ReLU).</summary>
internal readonly struct LeakyReLUDerivativeOperator(float slope) : IDerivativeOperator
{
    public float Invoke(float delta, float z) => delta * (z > 0f ? 1f : slope);

    public Vector128<float> Invoke(Vector128<float> delta, Vector128<float> z) =>
        delta * Vector128.ConditionalSelect(Vector128.GreaterThan(z, Vector128<float>.Zero), Vector128<float>.One, Vector128.Create(slope));

    public Vector256<float> Invoke(Vector256<float> delta, Vector256<float> z) =>
        delta * Vector256.ConditionalSelect(Vector256.GreaterThan(z, Vector256<float>.Zero), Vector256<float>.One, Vector256.Create(slope));

    public Vector512<float> Invoke(Vector512<float> delta, Vector512<float> z) =>
        delta * Vector512.ConditionalSelect(Vector512.GreaterThan(z, Vector512<float>.Zero), Vector512<float>.One, Vector512.Create(slope));
}
