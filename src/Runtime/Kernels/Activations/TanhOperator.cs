namespace StaticNet.Kernels;

/// <summary>tanh(z); its derivative δ ⊙ (1 − a²) is read from the activations a.</summary>
internal readonly partial struct TanhOperator : IActivationOperator
{
    public float Invoke(float z) => System.MathF.Tanh(z);

    public float Invoke(float delta, float a) => delta * (1f - (a * a));
}
