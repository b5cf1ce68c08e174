namespace StaticNet;

/// <summary>Progress inside an epoch of <see cref="Trainer.Fit"/>, reported after every batch.</summary>
/// <param name="Epoch">The epoch, from 1.</param>
/// <param name="Batch">The batch just finished, from 1.</param>
/// <param name="BatchesPerEpoch">How many batches the epoch has.</param>
/// <param name="Loss">The batch's mean loss.</param>
public readonly record struct BatchReport(int Epoch, int Batch, int BatchesPerEpoch, float Loss);
