namespace StaticNet.Kernels;

/// <summary>
/// A loss that is a sum over the outputs of one function of the error e = ŷ − y, with its derivative: the one place
/// the Huber and absolute losses are written, for <c>Losses</c> (C) and <c>OutputError</c> (∂C/∂ŷ).
/// </summary>
internal interface IElementLoss
{
    /// <summary>The loss of one output's error.</summary>
    float Value(float error);

    /// <summary>Its derivative with respect to ŷ.</summary>
    float Derivative(float error);
}

/// <summary>h(e) = ½e² for |e| ≤ 1, otherwise |e| − ½; h'(e) = e clamped to [−1, 1] (PyTorch's HuberLoss, delta 1).</summary>
internal readonly struct HuberLoss : IElementLoss
{
    public float Value(float error)
    {
        float magnitude = System.MathF.Abs(error);
        return magnitude < 1f ? 0.5f * error * error : magnitude - 0.5f;
    }

    // PyTorch's backward: −δ below −δ, δ above δ, e between (δ = 1); NaN passes through.
    public float Derivative(float error) => error < -1f ? -1f : error > 1f ? 1f : error;
}

/// <summary>|e|, with the subgradient sign(e) and 0 at 0, as PyTorch's L1Loss backward.</summary>
internal readonly struct AbsoluteLoss : IElementLoss
{
    public float Value(float error) => System.MathF.Abs(error);

    public float Derivative(float error) => error > 0f ? 1f : error < 0f ? -1f : error * 0f;
}
