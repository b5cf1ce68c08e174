namespace StaticNet.Kernels;

/// <summary>The deterministic forms of <see cref="IdentityOperator"/> in the netstandard2.1 build: twins of its one form (Evaluate in IdentityOperator.Vector.cs).</summary>
internal readonly partial struct IdentityOperator
{
    public float EvaluateFused(float z) => z;

    public float EvaluateFused(float delta, float z) => delta;
}
