using System;

namespace StaticNet;

/// <summary>Updates parameters from a gradient of the same layout. Implementations allocate their state once.</summary>
public interface IOptimizer
{
    /// <summary>Applies one update to <paramref name="parameters"/> using <paramref name="gradient"/>.</summary>
    /// <param name="parameters">The parameters to update in place, e.g. <see cref="INetwork.Parameters"/>.</param>
    /// <param name="gradient">∂J/∂θ, same length as <paramref name="parameters"/>.</param>
    void Step(Span<float> parameters, ReadOnlySpan<float> gradient);

    /// <summary>The step size η of the next <see cref="Step"/>; learning-rate schedules change it between epochs.</summary>
    float LearningRate { get; set; }

    /// <summary>Forgets accumulated state (velocity, moments, step count), as if newly constructed.</summary>
    void Reset();
}
