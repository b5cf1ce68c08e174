namespace StaticNet.Kernels;

/// <summary>
/// A function applied to every element, y = f(x), at every width the driver (<see cref="Elementwise"/>) may take.
/// Implemented by readonly structs, so that each driver instantiation is specialised and every call inlined; the
/// ReLU family's slope is the struct's field.
/// </summary>
internal partial interface IUnaryOperator
{
    float Invoke(float x);
}

/// <summary>A derivative applied in place during backpropagation: δ ← δ ⊙ g'(v), with v the layer's a or z.</summary>
internal partial interface IDerivativeOperator
{
    float Invoke(float delta, float value);
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
internal readonly partial struct ExpOperator : IUnaryOperator
{
    public float Invoke(float x) => System.MathF.Exp(x);
}
