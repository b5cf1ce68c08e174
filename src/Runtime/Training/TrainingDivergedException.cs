using System;

namespace StaticNet;

/// <summary>
/// Training produced a loss or gradient that is NaN or infinite. The network's parameters have been restored to
/// the last ones whose loss and gradient were finite, so nothing trained before that point is lost.
/// </summary>
public sealed class TrainingDivergedException : InvalidOperationException
{
    /// <summary>Creates the exception for a batch.</summary>
    public TrainingDivergedException(int epoch, int batch, string what)
        : base($"Training diverged in epoch {epoch}, batch {batch}: the {what} is not finite. The parameters were restored to the last finite state; lower the learning rate or standardise the inputs.")
    {
        Epoch = epoch;
        Batch = batch;
    }

    /// <summary>The epoch (from 1) in which training diverged.</summary>
    public int Epoch { get; }

    /// <summary>The batch (from 1) in which training diverged.</summary>
    public int Batch { get; }
}
