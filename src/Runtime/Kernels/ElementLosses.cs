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

/// <summary>
/// h(e) = ½e² for |e| &lt; δ, otherwise δ·(|e| − ½δ); h'(e) = e clamped to [−δ, δ] (PyTorch's HuberLoss(delta=δ)).
/// With δ = 1 the products by δ are exact, so δ = 1 gives the bits of the formula without them.
/// </summary>
internal readonly struct HuberLoss : IElementLoss
{
    private readonly float _delta;

    public HuberLoss(float delta) => _delta = delta;

    public float Value(float error)
    {
        float magnitude = System.MathF.Abs(error);
        return magnitude < _delta ? 0.5f * error * error : _delta * (magnitude - (0.5f * _delta));
    }

    // PyTorch's backward: −δ below −δ, δ above δ, e between; NaN passes through.
    public float Derivative(float error) => error < -_delta ? -_delta : error > _delta ? _delta : error;
}

/// <summary>|e|, with the subgradient sign(e) and 0 at 0, as PyTorch's L1Loss backward.</summary>
internal readonly struct AbsoluteLoss : IElementLoss
{
    public float Value(float error) => System.MathF.Abs(error);

    public float Derivative(float error) => error > 0f ? 1f : error < 0f ? -1f : error * 0f;
}
