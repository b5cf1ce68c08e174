namespace StaticNet.Kernels;

/// <summary>The deterministic forms of <see cref="GELUOperator"/> in the netstandard2.1 build: twins of its one form (Evaluate in GELUOperator.Vector.cs).</summary>
internal readonly partial struct GELUOperator
{
    public float EvaluateFused(float z) => FusedScalarFunctions.Gelu(z);

    public float EvaluateFused(float delta, float z) => FusedScalarFunctions.GeluDerivative(delta, z);
}
