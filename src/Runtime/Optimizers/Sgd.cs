using System;
using System.Numerics.Tensors;
using StaticNet.CompilerServices;

namespace StaticNet;

/// <summary>
/// Stochastic gradient descent as torch.optim.SGD: with weight decay λ the gradient is g + λ·θ; with momentum μ the
/// buffer is b ← μ·b + (1 − dampening)·g (b = g on the first step); the step is θ ← θ − η·b, or θ ← θ − η·(g + μ·b)
/// with Nesterov momentum. With μ = 0 and λ = 0 it is θ ← θ − η·g.
/// </summary>
public sealed class Sgd : IOptimizer, IStatefulOptimizer
{
    private readonly ParameterIdentity _identity = new(nameof(Sgd));
    private float[]? _velocity, _decayed, _nesterov;
    private bool _hasVelocity;
    private WeightDecayRanges? _decayRanges;

    /// <summary>Creates the optimizer.</summary>
    /// <param name="learningRate">η, positive and finite.</param>
    /// <param name="momentum">μ in [0, 1); 0 disables momentum.</param>
    /// <param name="dampening">How much of each gradient the momentum buffer leaves out, in [0, 1): b ← μ·b + (1 − dampening)·g.</param>
    /// <param name="weightDecay">λ ≥ 0, added to the gradient as λ·θ (torch's <c>weight_decay</c>); 0 disables it.</param>
    /// <param name="nesterov">Nesterov momentum: step along g + μ·b. Needs a momentum above 0 and no dampening, as in PyTorch.</param>
    /// <exception cref="ArgumentException"><paramref name="nesterov"/> is set without momentum or with dampening.</exception>
    public Sgd(float learningRate, float momentum = 0f, float dampening = 0f, float weightDecay = 0f, bool nesterov = false)
    {
        OptimizerArguments.RequireLearningRate(learningRate);
        OptimizerArguments.RequireFraction(momentum, nameof(momentum));
        OptimizerArguments.RequireFraction(dampening, nameof(dampening));
        OptimizerArguments.RequireNonNegative(weightDecay, nameof(weightDecay));
        if (nesterov && (momentum == 0f || dampening != 0f))
        {
            throw new ArgumentException(
                $"Nesterov momentum needs a momentum above 0 and a dampening of 0 (as torch.optim.SGD), but momentum is {momentum} and dampening is {dampening}; set momentum, drop the dampening, or pass nesterov: false.",
                nameof(nesterov));
        }

        LearningRate = learningRate;
        Momentum = momentum;
        Dampening = dampening;
        WeightDecay = weightDecay;
        Nesterov = nesterov;
    }

    /// <summary>η; may be changed between steps (learning-rate schedules).</summary>
    public float LearningRate { get; set; }

    /// <summary>μ.</summary>
    public float Momentum { get; }

    /// <summary>The dampening of the momentum buffer.</summary>
    public float Dampening { get; }

    /// <summary>λ, the coupled (L2) weight decay.</summary>
    public float WeightDecay { get; }

    /// <summary>Whether the step uses Nesterov momentum.</summary>
    public bool Nesterov { get; }

    /// <summary>
    /// Leaves <paramref name="network"/>'s biases out of the weight decay, which then applies to its weight matrices
    /// only: PyTorch's two parameter groups, the biases with <c>weight_decay=0</c>. Kept across <see cref="Reset"/>.
    /// </summary>
    /// <param name="network">The network this optimizer steps; its parameter count is checked at every step.</param>
    public void ExcludeBiasesFromWeightDecay(INetwork network) => _decayRanges = WeightDecayRanges.WeightsOf(network);

    /// <inheritdoc />
    /// <exception cref="InvalidOperationException">
    /// With momentum: <paramref name="parameters"/> is evidently another vector than the one the velocity belongs to
    /// (see <see cref="Adam.Step"/>). Without momentum there is no state, and any vector may be stepped.
    /// </exception>
    public void Step(Span<float> parameters, ReadOnlySpan<float> gradient)
    {
        if (Momentum != 0f)
        {
            SpanLength.Require(gradient, parameters.Length, nameof(gradient));
            _identity.Check(parameters);
        }

        ReadOnlySpan<float> g = OptimizerState.DecayedGradient(ref _decayed, parameters, gradient, WeightDecay, _decayRanges);
        if (Momentum == 0f)
        {
            Descend(parameters, g, LearningRate);
            return;
        }

        float[] velocity = OptimizerState.Ensure(ref _velocity, parameters, gradient);
        float[]? nesterov = Nesterov ? OptimizerState.Ensure(ref _nesterov, parameters, gradient) : null;
        if (_hasVelocity)
        {
            OptimizerState.Average(velocity, g, Momentum, OptimizerState.Complement(Dampening));
        }
        else
        {
            // torch starts the buffer as a copy of the gradient, undamped.
            g.CopyTo(velocity);
            _hasVelocity = true;
        }

        if (nesterov is null)
        {
            Descend(parameters, velocity, LearningRate);
            return;
        }

        TensorPrimitives.MultiplyAdd(velocity, Momentum, g, nesterov);
        Descend(parameters, nesterov, LearningRate);
    }

    /// <inheritdoc />
    public void Reset()
    {
        _velocity = null;
        _decayed = null;
        _nesterov = null;
        _hasVelocity = false;
        _identity.Reset();
    }

    /// <summary>Only momentum has state to protect; plain SGD may step any number of networks.</summary>
    void IStatefulOptimizer.Claim(object network)
    {
        if (Momentum != 0f)
        {
            _identity.Claim(network);
        }
    }

    /// <summary>
    /// Without momentum or weight decay the step has no state and each parameter moves on its own, so the parameters
    /// may be stepped range by range with <see cref="Descend"/>, in any order, with the bits of one <see cref="Step"/>.
    /// </summary>
    internal bool IsElementwise => Momentum == 0f && WeightDecay == 0f;

    /// <summary>θ ← θ − η·g over a range: the step without momentum.</summary>
    internal static void Descend(Span<float> parameters, ReadOnlySpan<float> gradient, float eta)
    {
        // θ + (−η)·g rounds exactly as θ − η·g (negation is exact, and the multiply-add is not fused).
        TensorPrimitives.MultiplyAdd(gradient, -eta, parameters, parameters);
    }
}
