namespace StaticNet.Kernels;

/// <summary>The deterministic forms of <see cref="TanhOperator"/> in the netstandard2.1 build: twins of its one form (Evaluate in TanhOperator.Vector.cs).</summary>
internal readonly partial struct TanhOperator
{
    public float EvaluateFused(float z) => FusedScalarFunctions.Tanh(z);

    public float EvaluateFused(float delta, float a) => FusedScalarFunctions.TanhDerivative(delta, a);
}
