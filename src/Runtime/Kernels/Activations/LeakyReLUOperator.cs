namespace StaticNet.Kernels;

/// <summary>
/// z where z &gt; 0, otherwise slope·z (NaN stays NaN); δ ⊙ (1 where z &gt; 0, otherwise slope) from the
/// pre-activations. The slope is the struct's field.
/// </summary>
internal readonly partial struct LeakyReLUOperator(float slope) : IActivationOperator
{
    public float Invoke(float z) => z > 0f ? z : slope * z;

    public float Invoke(float delta, float z) => delta * (z > 0f ? 1f : slope);
}
