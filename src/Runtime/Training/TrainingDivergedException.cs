using System;

namespace StaticNet;

/// <summary>
/// Training produced a loss, gradient, parameter or validation loss that is NaN or infinite. The message says
/// exactly what the network's parameters are now: restored to those before the step that failed, left as they
/// were because no step had been taken, or restored to the best validation epoch's. They are always finite.
/// </summary>
/// <remarks>
/// When <see cref="Trainer.Fit"/> throws it, it has also called the optimizer's <see cref="IOptimizer.Reset"/>: a
/// stateful optimizer (<see cref="Sgd"/> with momentum, <see cref="Adam"/>, <see cref="AdamW"/>, <see cref="RmsProp"/>)
/// forgets its velocity or moments and its step count, whichever step failed, because they may hold the non-finite
/// gradient or a step that was undone (the built-in optimizers step each range of the parameters as soon as its
/// gradient is final, before the batch's loss is known). Its learning rate and its weight-decay ranges are kept. A
/// second Fit after lowering the learning rate therefore starts from the restored parameters and fresh optimizer state.
/// </remarks>
public sealed class TrainingDivergedException : InvalidOperationException
{
    /// <summary>Creates the exception for a batch whose step was undone.</summary>
    /// <param name="epoch">The epoch, from 1.</param>
    /// <param name="batch">The batch, from 1.</param>
    /// <param name="what">What was not finite, e.g. <c>loss</c>.</param>
    public TrainingDivergedException(int epoch, int batch, string what)
        : this(epoch, batch, what, "The parameters were restored to those before the step that produced it.")
    {
    }

    internal TrainingDivergedException(int epoch, int batch, string what, string parameters)
        : base($"Training diverged in epoch {epoch}{(batch > 0 ? $", batch {batch}" : ", validation")}: the {what} is not finite. {parameters} Lower the learning rate or standardise the inputs.")
    {
        Epoch = epoch;
        Batch = batch;
    }

    /// <summary>The epoch (from 1) in which training diverged.</summary>
    public int Epoch { get; }

    /// <summary>The batch (from 1) in which training diverged, or 0 when the validation after the epoch was not finite.</summary>
    public int Batch { get; }
}
