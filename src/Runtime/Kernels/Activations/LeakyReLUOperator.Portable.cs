namespace StaticNet.Kernels;

/// <summary>The deterministic forms of <see cref="LeakyReLUOperator"/> in the netstandard2.1 build: twins of its one form (Evaluate in LeakyReLUOperator.Vector.cs).</summary>
internal readonly partial struct LeakyReLUOperator
{
    public float EvaluateFused(float z) => FusedScalarFunctions.LeakyReLU(z, slope);

    public float EvaluateFused(float delta, float z) => FusedScalarFunctions.LeakyReLUDerivative(delta, z, slope);
}
