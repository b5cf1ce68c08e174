using System;
using System.Linq;
using StaticNet.Tests.Networks;
using Xunit;

namespace StaticNet.Tests;

/// <summary>The regression trap: targets outside the output activation's range are refused before training.</summary>
public class TargetRangeTests
{
    [Fact]
    public void HousePrices_WithTheDefaultSigmoidOutput_AreRefusedWithTheRemedy()
    {
        Dataset houses = HousePrices(200);
        var network = new HousePriceSigmoidNet(seed: 1);
        float[] before = network.Parameters.ToArray();

        ArgumentException exception = Assert.Throws<ArgumentException>(() => new Trainer(network, new Adam(), new TrainerOptions { Epochs = 1 }).Fit(houses));

        Assert.Contains("The targets of 'train' go up to 524.3 (sample ", exception.Message);
        Assert.Contains("this network's outputs lie in [0, 1] (a bounded output activation such as Sigmoid)", exception.Message);
        Assert.Contains("declare Output = Activation.Identity for regression", exception.Message);
        Assert.Equal(before, network.Parameters.ToArray());
    }

    [Fact]
    public void HousePrices_WithAnIdentityOutput_Train()
    {
        var network = new HousePriceIdentityNet(seed: 1);
        TrainingResult result = new Trainer(network, new Adam(0.01f), new TrainerOptions { Epochs = 2 }).Fit(HousePrices(200));
        Assert.Equal(2, result.History.Count);
    }

    [Fact]
    public void ValidationTargets_AreCheckedToo()
    {
        var network = new HousePriceSigmoidNet(seed: 1);
        var scaled = new Dataset(new float[10], 5, new[] { 0.2f, 0.9f }, 1);
        ArgumentException exception = Assert.Throws<ArgumentException>(() => new Trainer(network, new Adam()).Fit(scaled, HousePrices(10)));
        Assert.Contains("The targets of 'validation' go up to", exception.Message);
    }

    [Fact]
    public void TanhAndReluOutputs_RefuseTargetsBelowTheirRange_AndTheCheckCanBeTurnedOff()
    {
        var tanhData = new Dataset(new float[10], 5, new[] { 0.5f, -1.5f, 1f, -1f }, 2);
        ArgumentException tanh = Assert.Throws<ArgumentException>(() => new Trainer(new TanhOutputNet(seed: 1), new Sgd(0.1f)).Fit(tanhData));
        Assert.Contains("go down to -1.5 (sample 0), but this network's outputs lie in [-1, 1] (a bounded output activation such as Tanh)", tanh.Message);

        var reluData = new Dataset(new float[10], 5, new[] { 3f, -0.5f }, 1);
        ArgumentException relu = Assert.Throws<ArgumentException>(() => new Trainer(new ReluOutputNet(seed: 1), new Sgd(0.1f)).Fit(reluData));
        Assert.Contains("go down to -0.5 (sample 1), but this network's outputs lie in [0, +∞]", relu.Message);

        // Targets of 1000 are fine for ReLU, unbounded above.
        new Trainer(new ReluOutputNet(seed: 1), new Sgd(1e-6f), new TrainerOptions { Epochs = 1 }).Fit(new Dataset(new float[10], 5, new[] { 1000f, 0f }, 1));
        new Trainer(new TanhOutputNet(seed: 1), new Sgd(0.1f), new TrainerOptions { Epochs = 1, CheckTargetRange = false }).Fit(tanhData);
    }

    [Fact]
    public void SoftmaxTargets_MustSumToOne()
    {
        var network = new WeightedFixtureNet(seed: 1);
        var data = new Dataset(new float[8], 4, new[] { 0f, 1f, 0f, 0.5f, 0.2f, 0.2f }, 3);
        ArgumentException exception = Assert.Throws<ArgumentException>(() => new Trainer(network, new Sgd(0.1f)).Fit(data));
        Assert.Contains("The targets of sample 1 of 'train' do not sum to 1, but a Softmax output always does", exception.Message);
    }

    /// <summary>A house-price-like set: five standardised features, prices in thousands from about 60 up to 524.3.</summary>
    private static Dataset HousePrices(int count)
    {
        var random = new DeterministicRandom(11);
        var features = new float[count * 5];
        var prices = new float[count];
        for (int s = 0; s < count; s++)
        {
            float price = 180f;
            for (int k = 0; k < 5; k++)
            {
                float x = random.NextSymmetric(1.7f);
                features[(s * 5) + k] = x;
                price += (k + 1) * 12f * x;
            }

            prices[s] = price;
        }

        prices[count / 2] = 524.3f;
        return new Dataset(features, 5, prices, 1);
    }
}
