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
        IrisData all = IrisData.Load(IrisData.DefaultPath);
        Assert.Equal(150, all.Count);
        (IrisData rawTrain, IrisData rawTest) = all.Split(0.7, seed: 42);
        IrisData train = rawTrain.StandardizedWith(rawTrain);
        IrisData test = rawTest.StandardizedWith(rawTrain);

        var network = new IrisNet(seed: 42);
        float firstLoss = float.NaN, lastLoss = float.NaN;
        IrisTraining.Train(network, train, epochs: 60, batchSize: 8, learningRate: 0.01f, seed: 42, onEpoch: (epoch, loss) =>
        {
            firstLoss = epoch == 1 ? loss : firstLoss;
            lastLoss = loss;
        });

        Assert.True(lastLoss < firstLoss / 10f, $"loss {firstLoss} → {lastLoss}");
        Assert.True(IrisTraining.Accuracy(network, train) >= 0.95, $"training accuracy {IrisTraining.Accuracy(network, train)}");

        // Held-out accuracy on 45 samples: 90% allows four mistakes, where a linear model already gets most right.
        Assert.True(IrisTraining.Accuracy(network, test) >= 0.90, $"test accuracy {IrisTraining.Accuracy(network, test)}");
    }

    [Fact]
    public void Training_IsDeterministic_BitForBit()
    {
        float[] Train()
        {
            IrisData data = IrisData.Load(IrisData.DefaultPath);
            IrisData standardized = data.StandardizedWith(data);
            var network = new IrisNet(seed: 5);
            IrisTraining.Train(network, standardized, epochs: 3, batchSize: 16, learningRate: 0.01f, seed: 9);
            return network.Parameters.ToArray();
        }

        Assert.Equal(Train(), Train());
    }
}
