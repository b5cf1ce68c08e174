using System;

namespace StaticNet;

/// <summary>
/// An optimizer whose update moves each parameter from its own gradient element and its own state alone, so that a
/// step may be taken range by range, in any order and on several threads at once, with the bits of one whole
/// <see cref="IOptimizer.Step"/>: <see cref="Trainer.Fit"/> steps each range of the gradient on the core that
/// finished it (see <see cref="DivergenceGuard"/>). The built-in optimizers take their whole step as one range.
/// </summary>
internal interface IRangeOptimizer
{
    /// <summary>
    /// Starts one step over all of <paramref name="parameters"/>, once per step and before any range: checks the
    /// lengths and whose parameters these are, allocates the state on the first step, counts the step, and reads the
    /// learning rate and everything else the ranges share (bias corrections), so every range uses the same values.
    /// </summary>
    /// <param name="parameters">The whole parameter vector.</param>
    /// <param name="gradient">The whole gradient buffer; only its length is read.</param>
    void BeginStep(Span<float> parameters, ReadOnlySpan<float> gradient);

    /// <summary>
    /// Steps the parameters [<paramref name="start"/>, start + length) from the same range of the gradient, after
    /// <see cref="BeginStep"/>. Ranges of one step must not overlap; disjoint ranges may be stepped concurrently.
    /// Allocates nothing.
    /// </summary>
    /// <param name="start">Where the range starts in the whole parameter vector.</param>
    /// <param name="parameters">The parameters of the range.</param>
    /// <param name="gradient">The gradient of the range, as long as <paramref name="parameters"/>.</param>
    void StepRange(int start, Span<float> parameters, ReadOnlySpan<float> gradient);
}
