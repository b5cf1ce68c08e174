namespace StaticNet.Kernels;

/// <summary>The deterministic forms of <see cref="SiLUOperator"/> in the netstandard2.1 build: twins of its one form (Evaluate in SiLUOperator.Vector.cs).</summary>
internal readonly partial struct SiLUOperator
{
    public float EvaluateFused(float z) => FusedScalarFunctions.Silu(z);

    public float EvaluateFused(float delta, float z) => FusedScalarFunctions.SiluDerivative(delta, z);
}
