using System;
using StaticNet.CompilerServices;
using System.Numerics.Tensors;

namespace StaticNet;

/// <summary>
/// RMSprop as torch.optim.RMSprop (Hinton's lecture 6e): s ← α·s + (1−α)·g², then θ ← θ − η·g / (√s + ε); centered,
/// s − ḡ² replaces s (ḡ the running mean of g); with momentum μ, b ← μ·b + g / (√s + ε) and θ ← θ − η·b. With weight
/// decay λ the gradient is g + λ·θ throughout.
/// </summary>
public sealed class RmsProp : IOptimizer, IStatefulOptimizer, IRangeOptimizer
{
    private readonly ParameterIdentity _identity = new(nameof(RmsProp));
    private float[]? _squareAverage, _gradientAverage, _velocity, _decayed, _denominator, _scratch;
    private WeightDecayRanges? _decayRanges;
    private float _stepRate;

    /// <summary>Creates the optimizer with PyTorch's defaults.</summary>
    /// <param name="learningRate">η, positive and finite.</param>
    /// <param name="alpha">Decay of the running averages, in [0, 1).</param>
    /// <param name="epsilon">Added to the root mean square; positive.</param>
    /// <param name="weightDecay">λ ≥ 0, added to the gradient as λ·θ; 0 disables it.</param>
    /// <param name="momentum">μ in [0, 1); 0 disables momentum.</param>
    /// <param name="centered">Divide by an estimate of the gradient's standard deviation (s − ḡ²) instead of its root mean square.</param>
    public RmsProp(float learningRate = 1e-2f, float alpha = 0.99f, float epsilon = 1e-8f, float weightDecay = 0f, float momentum = 0f, bool centered = false)
    {
        OptimizerArguments.RequireLearningRate(learningRate);
        OptimizerArguments.RequireFraction(alpha, nameof(alpha));
        OptimizerArguments.RequirePositive(epsilon, nameof(epsilon));
        OptimizerArguments.RequireNonNegative(weightDecay, nameof(weightDecay));
        OptimizerArguments.RequireFraction(momentum, nameof(momentum));
        LearningRate = learningRate;
        Alpha = alpha;
        Epsilon = epsilon;
        WeightDecay = weightDecay;
        Momentum = momentum;
        Centered = centered;
    }

    /// <summary>η; may be changed between steps (learning-rate schedules).</summary>
    public float LearningRate { get; set; }

    /// <summary>α, the decay of the running averages.</summary>
    public float Alpha { get; }

    /// <summary>ε.</summary>
    public float Epsilon { get; }

    /// <summary>λ, the coupled (L2) weight decay.</summary>
    public float WeightDecay { get; }

    /// <summary>μ.</summary>
    public float Momentum { get; }

    /// <summary>Whether the denominator is centred (s − ḡ²).</summary>
    public bool Centered { get; }

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
        OptimizerState.PrepareDecay(ref _decayed, parameters, gradient, WeightDecay, _decayRanges);
        OptimizerState.Ensure(ref _squareAverage, parameters, gradient);
        OptimizerState.Ensure(ref _denominator, parameters, gradient);
        OptimizerState.Ensure(ref _scratch, parameters, gradient);
        if (Centered)
        {
            OptimizerState.Ensure(ref _gradientAverage, parameters, gradient);
        }

        if (Momentum > 0f)
        {
            OptimizerState.Ensure(ref _velocity, parameters, gradient);
        }

        _stepRate = LearningRate;
    }

    /// <summary>One range of the step; the denominator and the quotient live in the same range of two scratch buffers.</summary>
    private void StepRange(int start, Span<float> parameters, ReadOnlySpan<float> gradient)
    {
        int n = parameters.Length;
        ReadOnlySpan<float> g = OptimizerState.DecayedGradient(_decayed, start, parameters, gradient, WeightDecay, _decayRanges);
        Span<float> square = _squareAverage.AsSpan(start, n), denominator = _denominator.AsSpan(start, n), scratch = _scratch.AsSpan(start, n);

        // The operations of torch 1.13's _single_tensor_rmsprop, in its order.
        OptimizerState.AverageOfSquares(square, g, Alpha, scratch);
        if (!Centered)
        {
            TensorPrimitives.Sqrt(square, denominator);
        }
        else
        {
            // square_avg.addcmul(grad_avg, grad_avg, value=-1).sqrt_(): s + (−ḡ)·ḡ.
            Span<float> mean = _gradientAverage.AsSpan(start, n);
            OptimizerState.Average(mean, g, Alpha, OptimizerState.Complement(Alpha));
            TensorPrimitives.Negate(mean, denominator);
            TensorPrimitives.MultiplyAdd(denominator, mean, square, denominator);
            TensorPrimitives.Sqrt(denominator, denominator);
        }

        TensorPrimitives.Add(denominator, Epsilon, denominator);
        if (!(Momentum > 0f))
        {
            OptimizerState.AddScaledQuotient(parameters, g, denominator, -_stepRate, scratch);
            return;
        }

        // buf.mul_(momentum).addcdiv_(grad, avg), then param.add_(buf, alpha=-lr).
        Span<float> velocity = _velocity.AsSpan(start, n);
        TensorPrimitives.Multiply(velocity, Momentum, velocity);
        OptimizerState.AddScaledQuotient(velocity, g, denominator, 1f, scratch);
        Sgd.Descend(parameters, velocity, _stepRate);
    }

    /// <inheritdoc />
    public void Reset()
    {
        _squareAverage = null;
        _gradientAverage = null;
        _velocity = null;
        _decayed = null;
        _denominator = null;
        _scratch = null;
        _identity.Reset();
    }

    void IStatefulOptimizer.Claim(object network) => _identity.Claim(network);
}
