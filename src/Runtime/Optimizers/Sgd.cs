using System;
using System.Numerics.Tensors;
using StaticNet.CompilerServices;

namespace StaticNet;

/// <summary>
/// Stochastic gradient descent as torch.optim.SGD: with weight decay λ the gradient is g + λ·θ; with momentum μ the
/// buffer is b ← μ·b + (1 − dampening)·g (b = g on the first step); the step is θ ← θ − η·b, or θ ← θ − η·(g + μ·b)
/// with Nesterov momentum. With μ = 0 and λ = 0 it is θ ← θ − η·g.
/// </summary>
public sealed class Sgd : IOptimizer, IStatefulOptimizer, IRangeOptimizer
{
    private readonly ParameterIdentity _identity = new(nameof(Sgd));
    private float[]? _velocity, _decayed, _nesterov;
    private bool _hasVelocity, _firstStep;
    private float _stepRate;
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
        BeginStep(parameters, gradient);
        StepRange(0, parameters, gradient);
    }

    /// <inheritdoc cref="IRangeOptimizer.BeginStep"/>
    void IRangeOptimizer.BeginStep(Span<float> parameters, ReadOnlySpan<float> gradient) => BeginStep(parameters, gradient);

    /// <inheritdoc cref="IRangeOptimizer.StepRange"/>
    void IRangeOptimizer.StepRange(int start, Span<float> parameters, ReadOnlySpan<float> gradient) => StepRange(start, parameters, gradient);

    private void BeginStep(Span<float> parameters, ReadOnlySpan<float> gradient)
    {
        OptimizerState.PrepareDecay(ref _decayed, parameters, gradient, WeightDecay, _decayRanges);
        if (Momentum != 0f)
        {
            _identity.Check(parameters);
            OptimizerState.Ensure(ref _velocity, parameters, gradient);
            if (Nesterov)
            {
                OptimizerState.Ensure(ref _nesterov, parameters, gradient);
            }

            // torch starts the buffer as a copy of the gradient, undamped, on the first step.
            _firstStep = !_hasVelocity;
            _hasVelocity = true;
        }

        _stepRate = LearningRate;
    }

    private void StepRange(int start, Span<float> parameters, ReadOnlySpan<float> gradient)
    {
        ReadOnlySpan<float> g = OptimizerState.DecayedGradient(_decayed, start, parameters, gradient, WeightDecay, _decayRanges);
        if (Momentum == 0f)
        {
            Descend(parameters, g, _stepRate);
            return;
        }

        Span<float> velocity = _velocity.AsSpan(start, parameters.Length);
        if (_firstStep)
        {
            g.CopyTo(velocity);
        }
        else
        {
            OptimizerState.Average(velocity, g, Momentum, OptimizerState.Complement(Dampening));
        }

        if (!Nesterov)
        {
            Descend(parameters, velocity, _stepRate);
            return;
        }

        Span<float> nesterov = _nesterov.AsSpan(start, parameters.Length);
        TensorPrimitives.MultiplyAdd(velocity, Momentum, g, nesterov);
        Descend(parameters, nesterov, _stepRate);
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

    /// <summary>θ ← θ − η·g over a range: the step without momentum.</summary>
    internal static void Descend(Span<float> parameters, ReadOnlySpan<float> gradient, float eta)
    {
        // θ + (−η)·g rounds exactly as θ − η·g (negation is exact, and the multiply-add is not fused).
        TensorPrimitives.MultiplyAdd(gradient, -eta, parameters, parameters);
    }
}
