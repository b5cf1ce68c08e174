namespace StaticNet.Kernels;

/// <summary>g(z) = z, g' = 1: a layer whose sums are its activations (and the softmax output, whose softmax runs after).</summary>
internal readonly partial struct IdentityOperator : IActivationOperator
{
    public float Invoke(float z) => z;

    public float Invoke(float delta, float z) => delta;
}
