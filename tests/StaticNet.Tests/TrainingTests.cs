using System;
using StaticNet.Samples.Iris;
using StaticNet.Tests.Networks;
using Xunit;

namespace StaticNet.Tests;

/// <summary>Generated networks learn real tasks with the runtime's optimizers.</summary>
public class TrainingTests
{
    private static readonly float[][] XorInputs = { new[] { 0f, 0f }, new[] { 0f, 1f }, new[] { 1f, 0f }, new[] { 1f, 1f } };
    private static readonly float[] XorTargets = { 0f, 1f, 1f, 0f };

    [Fact]
    public void Xor_2_4_1_SigmoidMse_ConvergesBelow0_01()
    {
        var network = new XorNet(seed: 1);
        var optimizer = new Sgd(learningRate: 2f, momentum: 0.9f);
        var gradient = new float[XorNet.ParameterCount];
        float meanLoss = float.NaN;
        for (int epoch = 0; epoch < 2000; epoch++)
        {
            // Full-batch gradient descent on the mean loss J = (1/4) Σ C_i.
            Array.Clear(gradient);
            meanLoss = 0f;
            for (int i = 0; i < 4; i++)
            {
                meanLoss += network.Backward(XorInputs[i], new[] { XorTargets[i] }, gradient) / 4f;
            }

            for (int i = 0; i < gradient.Length; i++)
            {
                gradient[i] /= 4f;
            }

            optimizer.Step(network.Parameters, gradient);
        }

        Assert.True(meanLoss < 0.01f, $"mean loss {meanLoss}");
        var output = new float[1];
        for (int i = 0; i < 4; i++)
        {
            network.Forward(XorInputs[i], output);
            Assert.Equal(XorTargets[i], MathF.Round(output[0]));
        }
    }

    [Fact]
    public void Iris_Sample_ReachesAtLeast95PercentTrainingAccuracy()
    {
        IrisExperiment.Outcome outcome = IrisExperiment.Run(IrisExperiment.DefaultDataPath);

        Assert.Equal(105, outcome.Train.Count);
        Assert.Equal(45, outcome.Test.Count);
        Assert.Equal(new[] { "setosa", "versicolor", "virginica" }, outcome.ClassNames);
        var history = outcome.Training.History;
        Assert.True(history[^1].TrainLoss < history[0].TrainLoss / 10f, $"loss {history[0].TrainLoss} → {history[^1].TrainLoss}");
        Assert.True(outcome.TrainAccuracy >= 0.95, $"training accuracy {outcome.TrainAccuracy}");

        // Held-out accuracy on 45 samples: 90% allows four mistakes, where a linear model already gets most right.
        Assert.True(outcome.TestMatrix.Accuracy >= 0.90, $"test accuracy {outcome.TestMatrix.Accuracy}");
        Assert.Equal(45, outcome.TestMatrix.Total);
    }

    [Fact]
    public void Iris_Training_IsDeterministic_BitForBit()
    {
        Assert.Equal(
            IrisExperiment.Run(IrisExperiment.DefaultDataPath).Network.Parameters.ToArray(),
            IrisExperiment.Run(IrisExperiment.DefaultDataPath).Network.Parameters.ToArray());
    }
}
