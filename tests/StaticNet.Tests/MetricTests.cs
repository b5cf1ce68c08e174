using System;
using StaticNet.Tests.Networks;
using Xunit;

namespace StaticNet.Tests;

/// <summary>The regression and binary-classification metrics of Evaluation on values worked out by hand.</summary>
public class MetricTests
{
    [Fact]
    public void RegressionMetrics_OnHandWorkedValues()
    {
        // <docs:regression-metrics>
        float[] predictions = { 1f, 2f, 3f, 5f };
        float[] targets = { 1f, 2f, 3f, 4f };
        double mae = Evaluation.MeanAbsoluteError(predictions, targets);   // 0.25
        double rmse = Evaluation.RootMeanSquaredError(predictions, targets); // √(1/4) = 0.5
        double r2 = Evaluation.RSquared(predictions, targets);               // 1 − 1/5 = 0.8
        // </docs:regression-metrics>
        Assert.Equal(0.25, mae, 1e-12);
        Assert.Equal(0.5, rmse, 1e-12);
        Assert.Equal(0.8, r2, 1e-12);
        Assert.Equal(0.25, Evaluation.MeanSquaredError(predictions, targets), 1e-12);
    }

    [Fact]
    public void RSquared_OfConstantTargets_IsOneWhenExactAndZeroOtherwise()
    {
        Assert.Equal(1d, Evaluation.RSquared(new[] { 2f, 2f }, new[] { 2f, 2f }));
        Assert.Equal(0d, Evaluation.RSquared(new[] { 1f, 2f }, new[] { 2f, 2f }));
        Assert.Equal(-3d, Evaluation.RSquared(new[] { 2f, 1f }, new[] { 1f, 2f }), 1e-12); // 1 − 2/0.5
    }

    [Fact]
    public void RocAuc_CountsTiesAsOneHalf()
    {
        // <docs:binary-metrics>
        float[] scores = { 0.5f, 0.5f, 0.5f, 0.9f };
        float[] labels = { 0f, 1f, 0f, 1f };
        double auc = Evaluation.RocAuc(scores, labels);      // (½ + ½ + 1 + 1) / 4 pairs = 0.75
        double logLoss = Evaluation.LogLoss(scores, labels); // −(ln ½ + ln ½ + ln ½ + ln 0.9) / 4
        // </docs:binary-metrics>
        Assert.Equal(0.75, auc, 1e-12);
        Assert.Equal(-((3 * Math.Log(0.5)) + Math.Log(0.9f)) / 4, logLoss, 1e-9);
        Assert.Equal(0.75, Evaluation.RocAuc(new[] { 0.1f, 0.4f, 0.35f, 0.8f }, new[] { 0f, 0f, 1f, 1f }), 1e-12);
        Assert.Equal(0.5, Evaluation.RocAuc(new[] { 3f, 3f, 3f }, new[] { 1f, 0f, 1f }), 1e-12);
        Assert.Equal(0d, Evaluation.RocAuc(new[] { 0f, 1f }, new[] { 1f, 0f }));
    }

    [Fact]
    public void LogLoss_LimitsEachLogarithmAtMinus100_AsBceLoss()
    {
        Assert.Equal(100d, Evaluation.LogLoss(new[] { 0f }, new[] { 1f }));
        Assert.Equal((-Math.Log(0.9f) - Math.Log(1 - (double)0.2f)) / 2, Evaluation.LogLoss(new[] { 0.9f, 0.2f }, new[] { 1f, 0f }), 1e-12);
    }

    [Fact]
    public void BadArguments_NameWhatToChange()
    {
        Assert.Contains("one target per prediction", Assert.Throws<ArgumentException>(() => Evaluation.MeanAbsoluteError(new float[2], new float[3])).Message);
        Assert.Contains("is empty", Assert.Throws<ArgumentException>(() => Evaluation.RSquared(ReadOnlySpan<float>.Empty, ReadOnlySpan<float>.Empty)).Message);
        Assert.Contains("must be 0 or 1", Assert.Throws<ArgumentException>(() => Evaluation.RocAuc(new[] { 0.2f, 0.3f }, new[] { 0f, 2f })).Message);
        Assert.Contains("only class 1", Assert.Throws<ArgumentException>(() => Evaluation.RocAuc(new[] { 0.2f, 0.3f }, new[] { 1f, 1f })).Message);
        Assert.Contains("NaN", Assert.Throws<ArgumentException>(() => Evaluation.RocAuc(new[] { float.NaN, 0.3f }, new[] { 0f, 1f })).Message);
        Assert.Equal("probabilities", Assert.Throws<ArgumentException>(() => Evaluation.LogLoss(new[] { 1.5f }, new[] { 1f })).ParamName);
        Assert.Contains(
            "one output",
            Assert.Throws<ArgumentException>(() => Evaluation.RocAuc(new OptimizerFixtureNet(seed: 1), new Dataset(new float[3], 3, new float[2], 2))).Message);
    }

    [Fact]
    public void NetworkOverloads_EqualTheSpanMetricsOnTheNetworksOutputs()
    {
        var regression = new OptimizerFixtureNet(seed: 7);
        var random = new DeterministicRandom(4);
        var features = new float[50 * 3];
        var targets = new float[50 * 2];
        for (int i = 0; i < features.Length; i++)
        {
            features[i] = random.NextSymmetric(2f);
        }

        for (int i = 0; i < targets.Length; i++)
        {
            targets[i] = random.NextSymmetric(1f) + (i % 2 == 0 ? 3f : -1f);
        }

        var data = new Dataset(features, 3, targets, 2);
        var outputs = new float[targets.Length];
        regression.ForwardBatch(features, outputs);
        Assert.Equal(Evaluation.MeanAbsoluteError(outputs, targets), Evaluation.MeanAbsoluteError(regression, data), 1e-12);
        Assert.Equal(Evaluation.RootMeanSquaredError(outputs, targets), Evaluation.RootMeanSquaredError(regression, data), 1e-12);
        double perOutput = (Evaluation.RSquared(Column(outputs, 0), Column(targets, 0)) + Evaluation.RSquared(Column(outputs, 1), Column(targets, 1))) / 2;
        Assert.Equal(perOutput, Evaluation.RSquared(regression, data), 1e-9);

        var classifier = new XorNet(seed: 2);
        var binaryFeatures = features[..100];
        var labels = new float[50];
        for (int i = 0; i < labels.Length; i++)
        {
            labels[i] = binaryFeatures[2 * i] > 0 ? 1f : 0f;
        }

        var binary = new Dataset(binaryFeatures, 2, labels, 1);
        var scores = new float[50];
        classifier.ForwardBatch(binaryFeatures, scores);
        Assert.Equal(Evaluation.RocAuc(scores, labels), Evaluation.RocAuc(classifier, binary));
        Assert.Equal(Evaluation.LogLoss(scores, labels), Evaluation.LogLoss(classifier, binary));
    }

    private static float[] Column(float[] rows, int column)
    {
        var values = new float[rows.Length / 2];
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = rows[(2 * i) + column];
        }

        return values;
    }
}
