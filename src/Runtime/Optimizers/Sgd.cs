using System;
using System.Numerics.Tensors;

namespace StaticNet;

/// <summary>
/// Stochastic gradient descent, θ ← θ − η·v with v ← μ·v + g (PyTorch's formulation; with μ = 0 it is θ ← θ − η·g).
/// </summary>
public sealed class Sgd : IOptimizer, IStatefulOptimizer
{
    private readonly ParameterIdentity _identity = new(nameof(Sgd));
    private float[]? _velocity;

    /// <summary>Creates the optimizer.</summary>
    /// <param name="learningRate">η, positive and finite.</param>
    /// <param name="momentum">μ in [0, 1); 0 disables momentum.</param>
    public Sgd(float learningRate, float momentum = 0f)
    {
        if (!(learningRate > 0f) || float.IsInfinity(learningRate))
        {
            throw new ArgumentOutOfRangeException(nameof(learningRate), learningRate, "The learning rate must be positive and finite.");
        }

        if (!(momentum >= 0f && momentum < 1f))
        {
            throw new ArgumentOutOfRangeException(nameof(momentum), momentum, "Momentum must be in [0, 1).");
        }

        LearningRate = learningRate;
        Momentum = momentum;
    }

    /// <summary>η; may be changed between steps (learning-rate schedules).</summary>
    public float LearningRate { get; set; }

    /// <summary>μ.</summary>
    public float Momentum { get; }

    /// <inheritdoc />
    /// <exception cref="InvalidOperationException">
    /// With momentum: <paramref name="parameters"/> is evidently another vector than the one the velocity belongs to
    /// (see <see cref="Adam.Step"/>). Without momentum there is no state, and any vector may be stepped.
    /// </exception>
    public void Step(Span<float> parameters, ReadOnlySpan<float> gradient)
    {
        float eta = LearningRate;
        if (Momentum == 0f)
        {
            SpanLength.Require(gradient, parameters.Length, nameof(gradient));
            Descend(parameters, gradient, eta);
            return;
        }

        SpanLength.Require(gradient, parameters.Length, nameof(gradient));
        _identity.Check(parameters);
        float[] velocity = _velocity ??= new float[parameters.Length];
        float mu = Momentum;
        for (int i = 0; i < parameters.Length; i++)
        {
            float v = mu * velocity[i] + gradient[i];
            velocity[i] = v;
            parameters[i] -= eta * v;
        }
    }

    /// <inheritdoc />
    public void Reset()
    {
        _velocity = null;
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
    /// Without momentum the step has no state and each parameter moves on its own, so the parameters may be stepped
    /// range by range with <see cref="Descend"/>, in any order, with the bits of one <see cref="Step"/>.
    /// </summary>
    internal bool IsElementwise => Momentum == 0f;

    /// <summary>θ ← θ − η·g over a range: the step without momentum.</summary>
    internal static void Descend(Span<float> parameters, ReadOnlySpan<float> gradient, float eta)
    {
        // θ + (−η)·g rounds exactly as θ − η·g (negation is exact, and the multiply-add is not fused).
        TensorPrimitives.MultiplyAdd(gradient, -eta, parameters, parameters);
    }
}
