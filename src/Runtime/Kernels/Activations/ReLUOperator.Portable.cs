namespace StaticNet.Kernels;

/// <summary>The deterministic forms of <see cref="ReLUOperator"/> in the netstandard2.1 build: twins of its one form (Evaluate in ReLUOperator.Vector.cs).</summary>
internal readonly partial struct ReLUOperator
{
    public float EvaluateFused(float z) => FusedScalarFunctions.ReLU(z);

    public float EvaluateFused(float delta, float z) => FusedScalarFunctions.LeakyReLUDerivative(delta, z, 0f);
}
