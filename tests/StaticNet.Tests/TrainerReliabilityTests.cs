using System;
using System.Linq;
using StaticNet.Tests.Networks;
using Xunit;

namespace StaticNet.Tests;

/// <summary>
/// The minimal examples of issue 10 for the Trainer: it never hands back a network with non-finite parameters, a
/// non-finite validation loss is an error, and the message says truthfully what happened to the parameters.
/// </summary>
public class TrainerReliabilityTests
{
    private static bool AllFinite(INetwork network) => network.Parameters.ToArray().All(float.IsFinite);

    [Fact]
    public void AHugeLearningRate_OnTheOnlyStep_IsCaught_AndTheStepUndone()
    {
        // One epoch of one batch: before, Fit returned normally with infinite parameters and NaN outputs.
        var network = new XorNet(seed: 1);
        float[] initial = network.Parameters.ToArray();
        Dataset data = XorData();
        data.Targets.AsSpan().Fill(1000f); // a gradient of about −100, which 3e38 times overflows

        var exception = Assert.Throws<TrainingDivergedException>(() =>
            new Trainer(network, new Sgd(3e38f), new TrainerOptions { Epochs = 1, BatchSize = 4, CheckTargetRange = false }).Fit(data)); // targets a sigmoid cannot reach, on purpose

        Assert.Equal((1, 1), (exception.Epoch, exception.Batch));
        Assert.Contains("epoch 1, batch 1: the optimizer step is not finite. The parameters were restored to those before this step.", exception.Message);
        Assert.Equal(initial, network.Parameters.ToArray());
    }

    [Fact]
    public void AnAllNaNValidationSet_IsAnErrorInTheFirstEpoch_NotASilentEarlyStop()
    {
        var network = new Arch23(seed: 3);
        Dataset validation = TrainerTests.Blobs(20, seed: 2);
        Array.Fill(validation.Features, float.NaN);

        var exception = Assert.Throws<TrainingDivergedException>(() =>
            new Trainer(network, new Adam(0.01f), new TrainerOptions { Epochs = 10, BatchSize = 16, Patience = 2 }).Fit(TrainerTests.Blobs(64, seed: 1), validation));

        Assert.Equal((1, 0), (exception.Epoch, exception.Batch));
        Assert.Contains("epoch 1, validation: the validation loss is not finite. The parameters are those this epoch ended with", exception.Message);
        Assert.Contains("Check the validation data for NaN or infinite values.", exception.Message);
        Assert.True(AllFinite(network));
    }

    [Fact]
    public void ANonFiniteValidationLossAfterAGoodEpoch_RestoresTheBestEpoch()
    {
        // The validation set is finite but so large in magnitude that the loss overflows once the weights have grown.
        var network = new Arch23(seed: 3);
        Dataset train = TrainerTests.Blobs(64, seed: 1);
        Dataset validation = TrainerTests.Blobs(20, seed: 2);
        float[]? afterFirstEpoch = null;
        var progress = new TrainerTests.InlineProgress(report =>
        {
            if (report.Epoch == 1)
            {
                afterFirstEpoch = network.Parameters.ToArray();
                Array.Fill(validation.Features, float.MaxValue);
            }
        });

        var exception = Assert.Throws<TrainingDivergedException>(() =>
            new Trainer(network, new Adam(0.01f), new TrainerOptions { Epochs = 5, BatchSize = 16 }).Fit(train, validation, progress));

        Assert.Equal((2, 0), (exception.Epoch, exception.Batch));
        Assert.Contains("The parameters were restored to those of epoch 1, the best validation loss so far.", exception.Message);
        Assert.Equal(afterFirstEpoch, network.Parameters.ToArray());
    }

    [Fact]
    public void ANaNLossInTheFirstBatch_SaysNothingWasRestored_BecauseNoStepWasTaken()
    {
        var network = new XorNet(seed: 1);
        float[] initial = network.Parameters.ToArray();
        Dataset data = XorData();
        data.Features[0] = float.NaN;

        var exception = Assert.Throws<TrainingDivergedException>(() =>
            new Trainer(network, new Sgd(0.1f), new TrainerOptions { Epochs = 1, BatchSize = 4 }).Fit(data));

        Assert.Contains("epoch 1, batch 1: the loss is not finite. No step had been taken: the parameters are those training started from.", exception.Message);
        Assert.DoesNotContain("restored", exception.Message);
        Assert.Equal(initial, network.Parameters.ToArray());
    }

    private static Dataset XorData() =>
        new(new[] { 0f, 0f, 0f, 1f, 1f, 0f, 1f, 1f }, 2, new[] { 0f, 1f, 1f, 0f }, 1);
}
