using System;

namespace StaticNet;

/// <summary>What one epoch of <see cref="Trainer.Fit"/> achieved.</summary>
/// <param name="Epoch">The epoch, from 1.</param>
/// <param name="Epochs">The most epochs the run may take.</param>
/// <param name="TrainLoss">The mean loss over the epoch's batches, as trained (parameters changing during the epoch).</param>
/// <param name="ValidationLoss">The mean loss on the validation set after the epoch, if there is one.</param>
/// <param name="ValidationAccuracy">
/// The validation accuracy, if the validation set has class labels: the share of samples whose arg max output is their
/// label, or, for a one-output binary network, whose output is at least 0.5 for label 1 and below it for label 0.
/// </param>
/// <param name="LearningRate">The learning rate used.</param>
/// <param name="SamplesPerSecond">Training samples processed per second in this epoch.</param>
/// <param name="Elapsed">Time since training started.</param>
public readonly record struct EpochReport(
    int Epoch,
    int Epochs,
    float TrainLoss,
    float? ValidationLoss,
    double? ValidationAccuracy,
    float LearningRate,
    double SamplesPerSecond,
    TimeSpan Elapsed);
