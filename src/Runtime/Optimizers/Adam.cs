using System;

namespace StaticNet;

/// <summary>
/// Adam (Kingma &amp; Ba, 2015) with bias correction:
/// m ← β1·m + (1−β1)·g, v ← β2·v + (1−β2)·g², θ ← θ − η·m̂ / (√v̂ + ε).
/// </summary>
public sealed class Adam : IOptimizer, IStatefulOptimizer
{
    private readonly ParameterIdentity _identity = new(nameof(Adam));
    private float[]? _firstMoment;
    private float[]? _secondMoment;

    // β^t is kept in double: in float it would lose the bias correction's precision after a few thousand steps.
    private double _beta1Power = 1d;
    private double _beta2Power = 1d;

    /// <summary>Creates the optimizer with PyTorch's defaults.</summary>
    /// <param name="learningRate">η, positive and finite.</param>
    /// <param name="beta1">Decay of the first moment, in [0, 1).</param>
    /// <param name="beta2">Decay of the second moment, in [0, 1).</param>
    /// <param name="epsilon">Added to √v̂ for stability; positive.</param>
    public Adam(float learningRate = 1e-3f, float beta1 = 0.9f, float beta2 = 0.999f, float epsilon = 1e-8f)
    {
        if (!(learningRate > 0f) || float.IsInfinity(learningRate))
        {
            throw new ArgumentOutOfRangeException(nameof(learningRate), learningRate, "The learning rate must be positive and finite.");
        }

        if (!(beta1 >= 0f && beta1 < 1f))
        {
            throw new ArgumentOutOfRangeException(nameof(beta1), beta1, "beta1 must be in [0, 1).");
        }

        if (!(beta2 >= 0f && beta2 < 1f))
        {
            throw new ArgumentOutOfRangeException(nameof(beta2), beta2, "beta2 must be in [0, 1).");
        }

        if (!(epsilon > 0f) || float.IsInfinity(epsilon))
        {
            throw new ArgumentOutOfRangeException(nameof(epsilon), epsilon, "epsilon must be positive and finite.");
        }

        LearningRate = learningRate;
        Beta1 = beta1;
        Beta2 = beta2;
        Epsilon = epsilon;
    }

    /// <summary>η; may be changed between steps (learning-rate schedules).</summary>
    public float LearningRate { get; set; }

    /// <summary>β1.</summary>
    public float Beta1 { get; }

    /// <summary>β2.</summary>
    public float Beta2 { get; }

    /// <summary>ε.</summary>
    public float Epsilon { get; }

    /// <summary>How many steps have been taken since construction or <see cref="Reset"/>.</summary>
    public int StepCount { get; private set; }

    /// <inheritdoc />
    /// <exception cref="InvalidOperationException">
    /// <paramref name="parameters"/> is evidently another vector than the one this optimizer's moments belong to: another
    /// length, or another address with no garbage collection since the last step (see docs/guarantees.md, "Shared state").
    /// </exception>
    public void Step(Span<float> parameters, ReadOnlySpan<float> gradient)
    {
        SpanLength.Require(gradient, parameters.Length, nameof(gradient));
        _identity.Check(parameters);
        float[] m = _firstMoment ??= new float[parameters.Length];
        float[] v = _secondMoment ??= new float[parameters.Length];

        StepCount++;
        _beta1Power *= Beta1;
        _beta2Power *= Beta2;

        // Folding both bias corrections into the step size and epsilon (Kingma & Ba, section 2) saves two divisions per parameter.
        float stepSize = (float)(LearningRate * Math.Sqrt(1d - _beta2Power) / (1d - _beta1Power));
        float epsilonHat = (float)(Epsilon * Math.Sqrt(1d - _beta2Power));
        float b1 = Beta1, b2 = Beta2;
        float c1 = 1f - b1, c2 = 1f - b2;
        for (int i = 0; i < parameters.Length; i++)
        {
            float g = gradient[i];
            float mi = b1 * m[i] + c1 * g;
            float vi = b2 * v[i] + c2 * g * g;
            m[i] = mi;
            v[i] = vi;
            parameters[i] -= stepSize * mi / (MathF.Sqrt(vi) + epsilonHat);
        }
    }

    void IStatefulOptimizer.Claim(object network) => _identity.Claim(network);

    /// <inheritdoc />
    public void Reset()
    {
        _firstMoment = null;
        _secondMoment = null;
        _identity.Reset();
        _beta1Power = 1d;
        _beta2Power = 1d;
        StepCount = 0;
    }
}
