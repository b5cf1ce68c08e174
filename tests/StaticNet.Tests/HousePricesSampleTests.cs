using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using StaticNet.Samples.HousePrices;
using Xunit;

namespace StaticNet.Tests;

/// <summary>samples/HousePrices: the regression learns, its scalers travel with the weights, and the curve is drawn.</summary>
public sealed class HousePricesSampleTests() : TemporaryDirectory("house-prices")
{
    [Fact]
    public void Experiment_PredictsHeldOutPrices_AndTheSavedBundleGivesTheSamePredictions()
    {
        HousePriceExperiment.Outcome outcome = HousePriceExperiment.Run(HousePriceExperiment.DefaultDataPath);

        // Prices run from about 110 to 660 thousand with noise of σ = 18: the network must get close to that noise.
        Assert.True(outcome.TestMeanAbsoluteError < 25, $"test MAE {outcome.TestMeanAbsoluteError}");
        Assert.True(outcome.TestRSquared > 0.95, $"test R² {outcome.TestRSquared}");
        Assert.True(outcome.Training.StoppedEarly, "early stopping never ended the run");

        string path = PathOf("houses.safetensors");
        SafeTensors.Save(outcome.Network, path, outcome.Features.ToMetadata("features").Concat(outcome.Targets.ToMetadata("targets")).ToDictionary());
        var deployed = new HousePriceNet(seed: 99);
        SafeTensors.Load(deployed, path);
        IReadOnlyDictionary<string, string> metadata = SafeTensors.ReadMetadata(path);
        float[] expected = HousePriceExperiment.Predict(outcome.Network, outcome.Features, outcome.Targets, outcome.RawTest);
        float[] actual = HousePriceExperiment.Predict(deployed, Standardizer.FromMetadata(metadata, "features"), Standardizer.FromMetadata(metadata, "targets"), outcome.RawTest);
        Assert.Equal(expected, actual);
    }

    [Fact]
    public void TrainingCurve_IsAPng()
    {
        var history = Enumerable.Range(1, 5).Select(e => new EpochReport(e, 5, 1f / e, 1.2f / e, null, 0.01f, 1000, TimeSpan.Zero)).ToList();
        string path = PathOf("curve.png");
        TrainingCurve.Save(new TrainingResult(history, 5, false), path);

        byte[] bytes = File.ReadAllBytes(path);
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, bytes[..4]);
        Assert.True(bytes.Length > 10_000, $"{bytes.Length} bytes");
    }
}
