namespace StaticNet.Kernels;

/// <summary>The deterministic forms of <see cref="SoftplusOperator"/> in the netstandard2.1 build: twins of its one form (Evaluate in SoftplusOperator.Vector.cs).</summary>
internal readonly partial struct SoftplusOperator
{
    public float EvaluateFused(float z) => FusedScalarFunctions.Softplus(z);

    public float EvaluateFused(float delta, float z) => FusedScalarFunctions.SoftplusDerivative(delta, z);
}
