using System;
using StaticNet.CompilerServices;

namespace StaticNet;

/// <summary>
/// Adam (Kingma &amp; Ba, 2015) with bias correction, as torch.optim.Adam:
/// m ← β1·m + (1−β1)·g, v ← β2·v + (1−β2)·g², θ ← θ − η·m̂ / (√v̂ + ε), where g includes λ·θ when
/// <see cref="WeightDecay"/> is set (coupled L2 decay; <see cref="AdamW"/> decouples it).
/// </summary>
public class Adam : IOptimizer, IStatefulOptimizer, IRangeOptimizer
{
    private readonly ParameterIdentity _identity;
    private readonly AdamMoments _moments = new();
    private readonly bool _decoupled;
    private float[]? _decayed;
    private WeightDecayRanges? _decayRanges;

    /// <summary>Creates the optimizer with PyTorch's defaults.</summary>
    /// <param name="learningRate">η, positive and finite.</param>
    /// <param name="beta1">Decay of the first moment, in [0, 1).</param>
    /// <param name="beta2">Decay of the second moment, in [0, 1).</param>
    /// <param name="epsilon">Added to √v̂ for stability; positive.</param>
    /// <param name="weightDecay">λ ≥ 0, added to the gradient as λ·θ (torch Adam's <c>weight_decay</c>); 0 disables it.</param>
    public Adam(float learningRate = 1e-3f, float beta1 = 0.9f, float beta2 = 0.999f, float epsilon = 1e-8f, float weightDecay = 0f)
        : this(learningRate, beta1, beta2, epsilon, weightDecay, decoupled: false)
    {
    }

    /// <summary>Adam or, with <paramref name="decoupled"/>, AdamW.</summary>
    private protected Adam(float learningRate, float beta1, float beta2, float epsilon, float weightDecay, bool decoupled)
    {
        OptimizerArguments.RequireLearningRate(learningRate);
        OptimizerArguments.RequireFraction(beta1, nameof(beta1));
        OptimizerArguments.RequireFraction(beta2, nameof(beta2));
        OptimizerArguments.RequirePositive(epsilon, nameof(epsilon));
        OptimizerArguments.RequireNonNegative(weightDecay, nameof(weightDecay));
        LearningRate = learningRate;
        Beta1 = beta1;
        Beta2 = beta2;
        Epsilon = epsilon;
        WeightDecay = weightDecay;
        _decoupled = decoupled;
        _identity = new ParameterIdentity(decoupled ? nameof(AdamW) : nameof(Adam));
    }

    /// <summary>η; may be changed between steps (learning-rate schedules).</summary>
    public float LearningRate { get; set; }

    /// <summary>β1.</summary>
    public float Beta1 { get; }

    /// <summary>β2.</summary>
    public float Beta2 { get; }

    /// <summary>ε.</summary>
    public float Epsilon { get; }

    /// <summary>
    /// λ: for <see cref="Adam"/> the coupled (L2) decay, g + λ·θ before the moments see it; for <see cref="AdamW"/>
    /// the decoupled decay, θ·(1 − η·λ) before the update.
    /// </summary>
    public float WeightDecay { get; }

    /// <summary>How many steps have been taken since construction or <see cref="Reset"/>.</summary>
    public int StepCount => _moments.StepCount;

    /// <summary>
    /// Leaves <paramref name="network"/>'s biases out of the weight decay, which then applies to its weight matrices
    /// only: PyTorch's two parameter groups, the biases with <c>weight_decay=0</c>. Kept across <see cref="Reset"/>.
    /// </summary>
    /// <param name="network">The network this optimizer steps; its parameter count is checked at every step.</param>
    public void ExcludeBiasesFromWeightDecay(INetwork network) => _decayRanges = WeightDecayRanges.WeightsOf(network);

    /// <inheritdoc />
    /// <exception cref="InvalidOperationException">
    /// <paramref name="parameters"/> is evidently another vector than the one this optimizer's state belongs to: another
    /// length, or another address with no garbage collection since the last step (see docs/guarantees.md, "Shared state").
    /// </exception>
    public void Step(Span<float> parameters, ReadOnlySpan<float> gradient)
    {
        BeginStep(parameters, gradient);
        StepRange(0, parameters, gradient);
    }

    /// <inheritdoc cref="IRangeOptimizer.BeginStep"/>
    void IRangeOptimizer.BeginStep(Span<float> parameters, ReadOnlySpan<float> gradient) => BeginStep(parameters, gradient);

    /// <inheritdoc cref="IRangeOptimizer.StepRange"/>
    void IRangeOptimizer.StepRange(int start, Span<float> parameters, ReadOnlySpan<float> gradient) => StepRange(start, parameters, gradient);

    private void BeginStep(Span<float> parameters, ReadOnlySpan<float> gradient)
    {
        SpanLength.Require(gradient, parameters.Length, nameof(gradient));
        _identity.Check(parameters);
        if (_decoupled)
        {
            _moments.BeginStep(parameters, gradient, LearningRate, Beta1, Beta2, Epsilon, WeightDecay, _decayRanges);
            return;
        }

        OptimizerState.PrepareDecay(ref _decayed, parameters, gradient, WeightDecay, _decayRanges);
        _moments.BeginStep(parameters, gradient, LearningRate, Beta1, Beta2, Epsilon, decoupledDecay: 0f, ranges: null);
    }

    private void StepRange(int start, Span<float> parameters, ReadOnlySpan<float> gradient)
    {
        // AdamW's decay is the moments' (it scales θ); Adam's is in the gradient the moments see.
        ReadOnlySpan<float> g = _decoupled ? gradient : OptimizerState.DecayedGradient(_decayed, start, parameters, gradient, WeightDecay, _decayRanges);
        _moments.StepRange(start, parameters, g);
    }

    void IStatefulOptimizer.Claim(object network) => _identity.Claim(network);

    /// <inheritdoc />
    public void Reset()
    {
        _moments.Reset();
        _identity.Reset();
        _decayed = null;
    }
}
