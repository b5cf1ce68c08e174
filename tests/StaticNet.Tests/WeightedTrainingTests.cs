using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using StaticNet.Tests.Networks;
using Xunit;

namespace StaticNet.Tests;

/// <summary>
/// Class and sample weights: J = Σ w_s·C_s / Σ w_s per batch, against PyTorch's weighted cross-entropy and against
/// hand-built equivalents (a weight of 2 is the sample twice; equal weights are the unweighted mean).
/// </summary>
public class WeightedTrainingTests
{
    [Theory]
    [InlineData(0)] // unit sample weights: exactly torch's CrossEntropyLoss(weight=class_weights)
    [InlineData(1)] // random sample weights, 8 samples: one part
    [InlineData(2)] // 80 samples: three parts of ParallelBackward
    public void WeightedCrossEntropy_GradientAndLossEqualPyTorchs(int batchIndex)
    {
        using JsonDocument fixture = JsonDocument.Parse(File.ReadAllText(PyTorchFixtures.PathOf("weighted_ce.json")));
        JsonElement root = fixture.RootElement;
        JsonElement batch = root.GetProperty("batches")[batchIndex];
        var network = new WeightedFixtureNet(seed: 1);
        network.SetParameters(Floats(root.GetProperty("parameters")));
        int[] labels = batch.GetProperty("labels").EnumerateArray().Select(l => l.GetInt32()).ToArray();
        Dataset data = Dataset.FromLabels(Floats(batch.GetProperty("inputs")), 4, labels, 3);
        var options = new TrainerOptions { ClassWeights = Floats(root.GetProperty("classWeights")), SampleWeights = Floats(batch.GetProperty("sampleWeights")) };
        float[] weights = TrainingWeights.Combine(options, data)!;

        for (int threads = 1; threads <= 2; threads++)
        {
            var gradient = new float[WeightedFixtureNet.ParameterCount];
            using var backward = new ParallelBackward(network, threads);
            backward.ReserveWeighted(data.Count);
            float loss = backward.BackwardBatch(data, Enumerable.Range(0, data.Count).ToArray(), gradient, consumer: null, weights);

            Assert.Equal(batch.GetProperty("loss").GetSingle(), loss, 5);
            float[] expected = Floats(batch.GetProperty("gradient"));
            float[] actual = PyTorchOrder.Of(network, gradient);
            for (int i = 0; i < expected.Length; i++)
            {
                Assert.True(Math.Abs(expected[i] - actual[i]) <= 2e-6f, $"threads {threads}, parameter {i}: {actual[i]:R}, PyTorch {expected[i]:R}");
            }
        }
    }

    [Fact]
    public void SampleWeightOfTwo_IsTheSampleTwiceInTheBatch()
    {
        var network = new WeightedFixtureNet(seed: 3);
        float[] features = { 0.5f, -1f, 2f, 0.1f, -0.3f, 0.8f, -1.2f, 0.4f, 1.1f, 0.2f, -0.7f, -0.9f };
        Dataset data = Dataset.FromLabels(features, 4, new[] { 2, 0, 1 }, 3);

        // Sample 0 weighted 2: J = (2·C0 + C1 + C2) / 4, the mean over the batch (0, 0, 1, 2).
        var weighted = new float[WeightedFixtureNet.ParameterCount];
        using var backward = new ParallelBackward(network, 1);
        backward.ReserveWeighted(3);
        float loss = backward.BackwardBatch(data, new[] { 0, 1, 2 }, weighted, consumer: null, new[] { 2f, 1f, 1f });

        Dataset twice = data.Subset(new[] { 0, 0, 1, 2 });
        var plain = new float[WeightedFixtureNet.ParameterCount];
        float plainLoss = network.BackwardBatch(twice.Features, twice.Targets, plain);

        Assert.Equal(plainLoss, loss, 6);
        for (int i = 0; i < plain.Length; i++)
        {
            Assert.True(Math.Abs(plain[i] - weighted[i]) <= 1e-6f, $"parameter {i}: weighted {weighted[i]:R}, duplicated {plain[i]:R}");
        }
    }

    [Fact]
    public void EqualClassWeights_TrainBitForBitAsNoWeights()
    {
        // Batches of at most 32 samples are one part: the weighted path runs the same BackwardBatch and scales by exactly 1.
        float[] Run(TrainerOptions options)
        {
            var network = new Arch23(seed: 3);
            new Trainer(network, new Adam(0.01f), options).Fit(TrainerTests.Blobs(100, seed: 1));
            return network.Parameters.ToArray();
        }

        float[] plain = Run(new TrainerOptions { Epochs = 2, BatchSize = 32, Seed = 5 });
        float[] weighted = Run(new TrainerOptions { Epochs = 2, BatchSize = 32, Seed = 5, ClassWeights = Enumerable.Repeat(3f, 10).ToArray() });
        Assert.Equal(plain, weighted);
    }

    [Fact]
    public void SampleWeights_InTheTrainer_ZeroWeightsLeaveSamplesOut_AndTheReportedLossIsWeighted()
    {
        // One batch of the whole set: weights 1 on the even samples and 0 on the odd ones give the gradient of the
        // even samples' mean loss, so one SGD step equals a step on the even samples alone (up to summation order).
        Dataset all = TrainerTests.Blobs(24, seed: 4);
        Dataset even = all.Subset(Enumerable.Range(0, 12).Select(i => 2 * i).ToArray());
        float[] weights = Enumerable.Range(0, 24).Select(i => i % 2 == 0 ? 1f : 0f).ToArray();

        var weighted = new Arch23(seed: 5);
        var reports = new System.Collections.Generic.List<EpochReport>();
        new Trainer(weighted, new Sgd(0.5f), new TrainerOptions { Epochs = 1, BatchSize = 24, SampleWeights = weights })
            .Fit(all, progress: new TrainerTests.InlineProgress(reports.Add));

        var alone = new Arch23(seed: 5);
        var initial = new Arch23(seed: 5);
        var gradient = new float[Arch23.ParameterCount];
        float evenLoss = initial.BackwardBatch(even.Features, even.Targets, gradient);
        new Trainer(alone, new Sgd(0.5f), new TrainerOptions { Epochs = 1, BatchSize = 12 }).Fit(even);

        Assert.Equal(evenLoss, reports[0].TrainLoss, 5);
        float[] a = weighted.Parameters.ToArray(), b = alone.Parameters.ToArray();
        for (int i = 0; i < a.Length; i++)
        {
            Assert.True(Math.Abs(a[i] - b[i]) <= 1e-6f, $"parameter {i}: weighted {a[i]:R}, even samples alone {b[i]:R}");
        }

        Assert.NotEqual(new Arch23(seed: 5).Parameters.ToArray(), a);
    }

    [Fact]
    public void ClassWeights_ShiftTheDecisionTowardTheHeavyClass()
    {
        // Two overlapping blobs: weighting class 1 ten times makes the network predict class 1 far more often.
        Dataset data = TrainerTests.Blobs(600, seed: 8, noise: 6f);
        int[] labels = data.Labels!.Select(l => l % 2).ToArray();
        Dataset binary = Dataset.FromLabels(data.Features, 40, labels, 2);

        int PredictedOnes(float[]? classWeights)
        {
            var network = new TwoClassNet(seed: 2);
            // <docs:class-weights>
            var options = new TrainerOptions { Epochs = 5, BatchSize = 64, ClassWeights = classWeights }; // e.g. [1f, 10f]: class 1 counts ten times
            new Trainer(network, new Adam(0.01f), options).Fit(binary);
            // </docs:class-weights>
            var output = new float[2];
            int ones = 0;
            for (int s = 0; s < binary.Count; s++)
            {
                network.Forward(binary.FeaturesOf(s), output);
                ones += output[1] > output[0] ? 1 : 0;
            }

            return ones;
        }

        int plain = PredictedOnes(null), heavy = PredictedOnes(new[] { 1f, 10f });
        Assert.True(heavy > plain + 60, $"class 1 predicted {plain} times unweighted, {heavy} times with weight 10");
    }

    [Fact]
    public void BadWeights_AreRejectedBeforeTraining()
    {
        var network = new Arch23(seed: 3);
        float[] before = network.Parameters.ToArray();
        Dataset data = TrainerTests.Blobs(20, seed: 1);

        ArgumentException wrongCount = Assert.Throws<ArgumentException>(() => new Trainer(network, new Sgd(0.1f), new TrainerOptions { ClassWeights = new[] { 1f, 2f } }).Fit(data));
        Assert.Contains("ClassWeights holds 2 weights but the network has 10 classes", wrongCount.Message);
        ArgumentException negative = Assert.Throws<ArgumentException>(() => new Trainer(network, new Sgd(0.1f), new TrainerOptions { SampleWeights = Enumerable.Repeat(-1f, 20).ToArray() }).Fit(data));
        Assert.Contains("SampleWeights[0] is -1", negative.Message);
        ArgumentException shortList = Assert.Throws<ArgumentException>(() => new Trainer(network, new Sgd(0.1f), new TrainerOptions { SampleWeights = new[] { 1f } }).Fit(data));
        Assert.Contains("holds 1 weights but 'train' has 20 samples", shortList.Message);
        var regression = new Dataset(new float[40], 40, new float[10], 10);
        ArgumentException noLabels = Assert.Throws<ArgumentException>(() => new Trainer(network, new Sgd(0.1f), new TrainerOptions { ClassWeights = new float[10] }).Fit(regression));
        Assert.Contains("needs class labels", noLabels.Message);
        Assert.Equal(before, network.Parameters.ToArray());
    }

    [Fact]
    public void ZeroWeightBatch_GivesAZeroGradientAndLoss()
    {
        var network = new WeightedFixtureNet(seed: 3);
        Dataset data = Dataset.FromLabels(new float[8], 4, new[] { 0, 1 }, 3);
        var gradient = new float[WeightedFixtureNet.ParameterCount];
        using var backward = new ParallelBackward(network, 1);
        backward.ReserveWeighted(2);
        Assert.Equal(0f, backward.BackwardBatch(data, new[] { 0, 1 }, gradient, consumer: null, new[] { 0f, 0f }));
        Assert.All(gradient, g => Assert.Equal(0f, g));
    }

    [Fact]
    public void WeightedBatch_AllocatesNothingAfterReserving()
    {
        var network = new WeightedFixtureNet(seed: 3);
        var random = new DeterministicRandom(4);
        var features = new float[100 * 4];
        var labels = new int[100];
        var weights = new float[100];
        for (int s = 0; s < 100; s++)
        {
            features[(s * 4) + (s % 4)] = random.NextSymmetric(1f);
            labels[s] = s % 3;
            weights[s] = random.NextSingle();
        }

        Dataset data = Dataset.FromLabels(features, 4, labels, 3);
        int[] rows = Enumerable.Range(0, 100).ToArray();
        var gradient = new float[WeightedFixtureNet.ParameterCount];
        using var backward = new ParallelBackward(network, 1);
        backward.ReserveWeighted(100);
        backward.BackwardBatch(data, rows, gradient, consumer: null, weights);

        long before = GC.GetAllocatedBytesForCurrentThread();
        backward.BackwardBatch(data, rows, gradient, consumer: null, weights);
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    private static float[] Floats(JsonElement array) => array.EnumerateArray().Select(v => v.GetSingle()).ToArray();
}
