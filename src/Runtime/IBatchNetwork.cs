using System;

namespace StaticNet;

/// <summary>
/// The mini-batch methods every generated network also offers. Batches are row-major: N samples of
/// <see cref="INetwork.InputSize"/> values, one after another.
/// </summary>
public interface IBatchNetwork : INetwork
{
    /// <summary>Computes ŷ for every sample: inputs [N × InputSize] → outputs [N × OutputSize].</summary>
    /// <param name="inputs">N samples, one row each.</param>
    /// <param name="outputs">Receives N outputs, one row each.</param>
    void ForwardBatch(ReadOnlySpan<float> inputs, Span<float> outputs);

    /// <summary>Adds the gradient of the batch's mean loss J = (1/N) Σ C_i into <paramref name="gradient"/> and returns J.</summary>
    /// <param name="inputs">N samples, one row each.</param>
    /// <param name="targets">N targets, one row each.</param>
    /// <param name="gradient">Accumulates ∂J/∂θ, same layout as <see cref="INetwork.Parameters"/>.</param>
    float BackwardBatch(ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets, Span<float> gradient);
}
