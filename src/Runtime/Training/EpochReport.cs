using System;

namespace StaticNet;

/// <summary>What one epoch of <see cref="Trainer.Fit"/> achieved.</summary>
/// <param name="Epoch">The epoch, from 1.</param>
/// <param name="Epochs">The most epochs the run may take.</param>
/// <param name="TrainLoss">The mean loss over the epoch's batches, as trained (parameters changing during the epoch).</param>
/// <param name="ValidationLoss">The mean loss on the validation set after the epoch, if there is one.</param>
/// <param name="ValidationAccuracy">The validation accuracy, if the validation set has labels and the network one output per class (at least 2, so that the arg max is a class).</param>
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
