namespace StaticNet;

/// <summary>
/// AdamW (Loshchilov &amp; Hutter, 2019), as torch.optim.AdamW: decoupled weight decay θ ← θ·(1 − η·λ) first, then
/// the <see cref="Adam"/> update from the unmodified gradient.
/// </summary>
public sealed class AdamW : Adam
{
    /// <summary>Creates the optimizer with PyTorch's defaults (note λ = 0.01, as torch.optim.AdamW).</summary>
    /// <param name="learningRate">η, positive and finite.</param>
    /// <param name="beta1">Decay of the first moment, in [0, 1).</param>
    /// <param name="beta2">Decay of the second moment, in [0, 1).</param>
    /// <param name="epsilon">Added to √v̂ for stability; positive.</param>
    /// <param name="weightDecay">λ ≥ 0: every step multiplies each parameter by 1 − η·λ; 0 makes this <see cref="Adam"/>.</param>
    public AdamW(float learningRate = 1e-3f, float beta1 = 0.9f, float beta2 = 0.999f, float epsilon = 1e-8f, float weightDecay = 1e-2f)
        : base(learningRate, beta1, beta2, epsilon, weightDecay, decoupled: true)
    {
    }
}
