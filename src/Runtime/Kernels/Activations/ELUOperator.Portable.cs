namespace StaticNet.Kernels;

/// <summary>The deterministic forms of <see cref="ELUOperator"/> in the netstandard2.1 build: twins of its one form (Evaluate in ELUOperator.Vector.cs).</summary>
internal readonly partial struct ELUOperator
{
    public float EvaluateFused(float z) => FusedScalarFunctions.Elu(z);

    public float EvaluateFused(float delta, float z) => FusedScalarFunctions.EluDerivative(delta, z);
}
