namespace StaticNet.Kernels;

/// <summary>max(0, z), NaN kept (IEEE maximum), so a diverged network stays visibly diverged; δ ⊙ [z &gt; 0] from the pre-activations.</summary>
internal readonly partial struct ReLUOperator : IActivationOperator
{
    public float Invoke(float z) => System.MathF.Max(z, 0f);

    public float Invoke(float delta, float z) => new LeakyReLUOperator(0f).Invoke(delta, z);
}
