using System;

namespace StaticNet;

/// <summary>The hyper-parameter checks the optimizers share, each naming the argument and its legal range.</summary>
internal static class OptimizerArguments
{
    /// <summary>η: positive and finite.</summary>
    public static void RequireLearningRate(float learningRate, string name = "learningRate")
    {
        if (!(learningRate > 0f) || float.IsInfinity(learningRate))
        {
            throw new ArgumentOutOfRangeException(name, learningRate, "The learning rate must be positive and finite.");
        }
    }

    /// <summary>A decay rate or momentum: in [0, 1).</summary>
    public static void RequireFraction(float value, string name)
    {
        if (!(value >= 0f && value < 1f))
        {
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be in [0, 1).");
        }
    }

    /// <summary>A weight decay or dampening: zero or more, finite.</summary>
    public static void RequireNonNegative(float value, string name)
    {
        if (!(value >= 0f) || float.IsInfinity(value))
        {
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be zero or positive, and finite.");
        }
    }

    /// <summary>ε: positive and finite.</summary>
    public static void RequirePositive(float value, string name)
    {
        if (!(value > 0f) || float.IsInfinity(value))
        {
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be positive and finite.");
        }
    }
}
