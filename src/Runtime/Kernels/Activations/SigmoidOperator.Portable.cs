namespace StaticNet.Kernels;

/// <summary>The deterministic forms of <see cref="SigmoidOperator"/> in the netstandard2.1 build: twins of its one form (Evaluate in SigmoidOperator.Vector.cs).</summary>
internal readonly partial struct SigmoidOperator
{
    public float EvaluateFused(float z) => FusedScalarFunctions.Sigmoid(z);

    public float EvaluateFused(float delta, float a) => FusedScalarFunctions.SigmoidDerivative(delta, a);
}
