using System.Collections.Generic;

namespace StaticNet;

/// <summary>The outcome of <see cref="Trainer.Fit"/>.</summary>
/// <param name="History">One report per epoch run.</param>
/// <param name="BestEpoch">The epoch whose parameters the network holds now: the best validation epoch, or the last.</param>
/// <param name="StoppedEarly">True when early stopping ended the run before the last epoch.</param>
public sealed record TrainingResult(IReadOnlyList<EpochReport> History, int BestEpoch, bool StoppedEarly);
