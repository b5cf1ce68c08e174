using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using StaticNet.Tests.Networks;
using Xunit;

namespace StaticNet.Tests;

/// <summary>The Trainer: determinism, learning, early stopping, the divergence guard, schedules and cancellation.</summary>
public class TrainerTests
{
    [Fact]
    public void SameSeed_GivesBitIdenticalTraining()
    {
        float[] Run()
        {
            var network = new Arch23(seed: 3);
            new Trainer(network, new Adam(0.01f), new TrainerOptions { Epochs = 3, BatchSize = 16, Seed = 5 }).Fit(Blobs(200, seed: 1));
            return network.Parameters.ToArray();
        }

        Assert.Equal(Run(), Run());
    }

    [Fact]
    public void Training_LearnsASeparableProblem_AndReportsEveryEpoch()
    {
        var network = new Arch23(seed: 3);
        var reports = new List<EpochReport>();
        TrainingResult result = new Trainer(network, new Adam(0.01f), new TrainerOptions { Epochs = 8, BatchSize = 32, Seed = 1 })
            .Fit(Blobs(400, seed: 1), Blobs(200, seed: 2), new InlineProgress(reports.Add));

        Assert.Equal(8, reports.Count);
        Assert.Equal(reports, result.History);
        Assert.True(reports[^1].TrainLoss < reports[0].TrainLoss / 4, $"{reports[0].TrainLoss} → {reports[^1].TrainLoss}");
        Assert.True(reports[^1].ValidationAccuracy >= 0.95, $"validation accuracy {reports[^1].ValidationAccuracy}");
        Assert.All(reports, r => Assert.True(r.SamplesPerSecond > 0 && r.ValidationLoss is not null));
        Assert.True(Evaluation.Accuracy(network, Blobs(200, seed: 9)) >= 0.95);
    }

    [Fact]
    public void EarlyStopping_RestoresTheParametersOfTheBestValidationEpoch()
    {
        // A deliberately overfitting setup: tiny noisy training set, many epochs, a large step.
        var network = new Arch23(seed: 4);
        Dataset train = Blobs(40, seed: 5, noise: 2.5f), validation = Blobs(300, seed: 6, noise: 2.5f);
        var reports = new List<EpochReport>();
        TrainingResult result = new Trainer(network, new Adam(0.05f), new TrainerOptions { Epochs = 60, BatchSize = 8, Seed = 2, Patience = 5 })
            .Fit(train, validation, new InlineProgress(reports.Add));

        Assert.True(result.StoppedEarly, "validation loss never stopped improving; the test needs an overfitting setup");
        int best = 0;
        for (int i = 1; i < reports.Count; i++)
        {
            best = reports[i].ValidationLoss < reports[best].ValidationLoss ? i : best;
        }

        Assert.Equal(best + 1, result.BestEpoch);
        Assert.Equal(result.BestEpoch + 5, reports.Count);
        Assert.Equal(reports[best].ValidationLoss!.Value, MeanLoss(network, validation), 1e-5f);
    }

    [Fact]
    public void DivergenceGuard_StopsWithEpochAndBatch_AndLeavesFiniteParameters()
    {
        var network = new Arch21(seed: 1);
        var data = Regression(200, inputs: 10, seed: 3, scale: 1e4f);
        var exception = Assert.Throws<TrainingDivergedException>(() =>
            new Trainer(network, new Sgd(1e6f), new TrainerOptions { Epochs = 5, BatchSize = 10 }).Fit(data));

        Assert.True(exception.Epoch >= 1 && exception.Batch >= 1);
        Assert.Contains($"epoch {exception.Epoch}, batch {exception.Batch}", exception.Message);
        Assert.All(network.Parameters.ToArray(), p => Assert.True(float.IsFinite(p)));
        var output = new float[1];
        network.Forward(data.FeaturesOf(0), output);
        Assert.True(float.IsFinite(output[0]));
    }

    [Fact]
    public void Schedules_GiveTheDocumentedRates()
    {
        Assert.Equal(0.1f, LearningRateSchedule.Constant(0.1f).At(7));
        LearningRateSchedule step = LearningRateSchedule.Step(1f, stepSize: 3, gamma: 0.5f);
        Assert.Equal(new[] { 1f, 1f, 1f, 0.5f, 0.5f, 0.5f, 0.25f }, new[] { 1, 2, 3, 4, 5, 6, 7 }.Select(step.At));
        LearningRateSchedule cosine = LearningRateSchedule.Cosine(1f, epochs: 5, minimum: 0.1f);
        Assert.Equal(1f, cosine.At(1), 1e-6f);
        Assert.Equal(0.55f, cosine.At(3), 1e-6f);
        Assert.Equal(0.1f, cosine.At(5), 1e-6f);
        Assert.Equal(0.3f, LearningRateSchedule.FromFunction(e => 0.1f * e).At(3), 1e-6f);

        var optimizer = new Sgd(1f);
        var reports = new List<EpochReport>();
        new Trainer(new XorNet(1), optimizer, new TrainerOptions { Epochs = 4, BatchSize = 4, Schedule = step })
            .Fit(Xor(), progress: new InlineProgress(reports.Add));
        Assert.Equal(new[] { 1f, 1f, 1f, 0.5f }, reports.ConvertAll(r => r.LearningRate));
    }

    [Fact]
    public void Cancellation_StopsBeforeTheNextBatch()
    {
        using var cancellation = new CancellationTokenSource();
        var reports = new List<EpochReport>();
        var trainer = new Trainer(new Arch23(seed: 1), new Sgd(0.01f), new TrainerOptions { Epochs = 10, BatchSize = 20 });
        Assert.Throws<OperationCanceledException>(() => trainer.Fit(Blobs(100, seed: 1), progress: new InlineProgress(r =>
        {
            reports.Add(r);
            cancellation.Cancel();
        }), cancellationToken: cancellation.Token));
        Assert.Single(reports);
    }

    [Fact]
    public void EpochLoop_AllocatesNothing_MoreEpochsCostTheSameBytes()
    {
        Dataset train = Blobs(300, seed: 1), validation = Blobs(100, seed: 2);

        long BytesFor(int epochs)
        {
            // Without the target-range check: it runs once before the first epoch, and its few small arrays (the
            // last layer's copy, a probe input and output) measured 32 bytes apart between the first calls and later
            // ones, as the JIT recompiles it; this test is about the epoch loop.
            var trainer = new Trainer(new Arch23(seed: 1), new Adam(0.01f), new TrainerOptions { Epochs = epochs, BatchSize = 32, Seed = 3, CheckTargetRange = false });
            long before = GC.GetAllocatedBytesForCurrentThread();
            trainer.Fit(train, validation);
            return GC.GetAllocatedBytesForCurrentThread() - before;
        }

        BytesFor(2); // JIT and type initialisation
        // The smaller of three reads each: a one-time runtime allocation (the one-Fit-per-network table growing its
        // container, tiered code swapped in mid-run) only ever adds bytes to one read, while a cost per epoch shows in all.
        long two = Math.Min(BytesFor(2), Math.Min(BytesFor(2), BytesFor(2)));
        long twelve = Math.Min(BytesFor(12), Math.Min(BytesFor(12), BytesFor(12)));

        // Both runs allocate the same buffers up front; ten more epochs of 10 batches each add nothing but the
        // larger history list, sized once for the maximum number of epochs.
        Assert.Equal(two + (10 * System.Runtime.CompilerServices.Unsafe.SizeOf<EpochReport>()), twelve);
    }

    [Fact]
    public void MismatchedData_IsRejectedWithBothShapes()
    {
        var exception = Assert.Throws<ArgumentException>(() => new Trainer(new XorNet(1), new Sgd(0.1f)).Fit(Blobs(10, seed: 1)));
        Assert.Contains("40 features and 10 targets", exception.Message);
        Assert.Contains("2 inputs and gives 1 outputs", exception.Message);
    }

    /// <summary>Ten Gaussian blobs in 40 dimensions, one per class: Arch23 (40-40-10) learns them quickly.</summary>
    internal static Dataset Blobs(int count, int seed, float noise = 0.6f)
    {
        var centers = new DeterministicRandom(12345);
        var centerValues = new float[10 * 40];
        for (int i = 0; i < centerValues.Length; i++)
        {
            centerValues[i] = centers.NextSymmetric(1.5f);
        }

        var random = new DeterministicRandom(seed);
        var features = new float[count * 40];
        var labels = new int[count];
        for (int s = 0; s < count; s++)
        {
            labels[s] = random.NextInt32(10);
            for (int k = 0; k < 40; k++)
            {
                features[(s * 40) + k] = centerValues[(labels[s] * 40) + k] + random.NextSymmetric(noise);
            }
        }

        return Dataset.FromLabels(features, 40, labels, 10);
    }

    private static Dataset Regression(int count, int inputs, int seed, float scale)
    {
        var random = new DeterministicRandom(seed);
        var features = new float[count * inputs];
        var targets = new float[count];
        for (int i = 0; i < features.Length; i++)
        {
            features[i] = random.NextSymmetric(scale);
        }

        for (int s = 0; s < count; s++)
        {
            targets[s] = random.NextSingle();
        }

        return new Dataset(features, inputs, targets, 1);
    }

    private static Dataset Xor() => Dataset.FromLabels(new[] { 0f, 0f, 0f, 1f, 1f, 0f, 1f, 1f }, 2, new[] { 0, 1, 1, 0 }, 2) is var d
        ? new Dataset(d.Features, 2, new[] { 0f, 1f, 1f, 0f }, 1)
        : throw new InvalidOperationException();

    private static float MeanLoss(INetwork network, Dataset data)
    {
        var output = new float[network.OutputSize];
        double sum = 0;
        for (int s = 0; s < data.Count; s++)
        {
            network.Forward(data.FeaturesOf(s), output);
            sum += network.Loss(output, data.TargetsOf(s));
        }

        return (float)(sum / data.Count);
    }

    [Fact]
    public void OneOutputNetwork_ValidationAccuracyThresholdsTheProbabilityAtOneHalf()
    {
        // Labels 0, 1, 1, 0 with one sigmoid output: an arg max over one value would always say class 0; the
        // accuracy is the share of samples whose output is on their label's side of 0.5.
        var data = new Dataset(new[] { 0.9f, 0.1f, 0f, 0.2f, 0.7f, 0.1f, 0.1f, 0.2f, 0.8f, 0.6f, 0.3f, 0.1f }, 3, new[] { 0f, 1f, 1f, 0f }, 1, labels: new[] { 0, 1, 1, 0 });
        var reports = new List<EpochReport>();
        var network = new OneOutputNet(seed: 3);

        new Trainer(network, new Sgd(0.1f), new TrainerOptions { Epochs = 1, BatchSize = 2 })
            .Fit(data, validation: data, progress: new InlineProgress(reports.Add));

        int correct = 0;
        var output = new float[1];
        for (int s = 0; s < data.Count; s++)
        {
            network.Forward(data.FeaturesOf(s), output);
            correct += (output[0] >= 0.5f ? 1 : 0) == data.Labels![s] ? 1 : 0;
        }

        EpochReport report = Assert.Single(reports);
        Assert.Equal(correct / 4.0, report.ValidationAccuracy);
        Assert.True(report.ValidationLoss > 0f);
    }

    /// <summary>Reports synchronously on the training thread (Progress&lt;T&gt; would post to the thread pool).</summary>
    internal sealed class InlineProgress : IProgress<EpochReport>
    {
        private readonly Action<EpochReport> _report;

        public InlineProgress(Action<EpochReport> report) => _report = report;

        public void Report(EpochReport value) => _report(value);
    }
}
