using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using StaticNet.Tests.Networks;
using Xunit;

namespace StaticNet.Tests;

/// <summary>The plateau schedule against torch's ReduceLROnPlateau, and the linear warm-ups.</summary>
public class ScheduleTests
{
    [Fact]
    public void ReduceOnPlateau_GivesTorchsRatesForTheSameLosses()
    {
        using JsonDocument fixture = JsonDocument.Parse(File.ReadAllText(PyTorchFixtures.PathOf("plateau.json")));
        float[] losses = fixture.RootElement.GetProperty("losses").EnumerateArray().Select(l => l.GetSingle()).ToArray();
        foreach (JsonElement c in fixture.RootElement.GetProperty("cases").EnumerateArray())
        {
            LearningRateSchedule schedule = LearningRateSchedule.ReduceOnPlateau(
                c.GetProperty("initial").GetSingle(),
                c.GetProperty("factor").GetSingle(),
                c.GetProperty("patience").GetInt32(),
                c.GetProperty("threshold").GetSingle(),
                c.GetProperty("cooldown").GetInt32(),
                c.GetProperty("minimum").GetSingle());
            double[] rates = c.GetProperty("rates").EnumerateArray().Select(r => r.GetDouble()).ToArray();
            for (int epoch = 1; epoch <= losses.Length; epoch++)
            {
                schedule.EndEpoch(losses[epoch - 1]);
                Assert.Equal((float)rates[epoch - 1], schedule.At(epoch + 1), 7);
            }
        }
    }

    [Fact]
    public void ReduceOnPlateau_HandComputed_HalvesAfterPatiencePlusOneBadEpochs()
    {
        LearningRateSchedule schedule = LearningRateSchedule.ReduceOnPlateau(1f, factor: 0.5f, patience: 1);
        float[] rates = new[] { 2f, 2f, 2f, 1f, 1f, 1f }.Select(loss =>
        {
            schedule.EndEpoch(loss);
            return schedule.At(0);
        }).ToArray();

        // The first 2 is the best; the next two are bad epochs 1 and 2 > patience: halve. The first 1 is better,
        // the next two are bad epochs 1 and 2 again: halve again.
        Assert.Equal(new[] { 1f, 1f, 0.5f, 0.5f, 0.5f, 0.25f }, rates);
    }

    [Fact]
    public void Trainer_StepsThePlateauScheduleWithTheValidationLoss_AndStartsAfreshEachFit()
    {
        // <docs:plateau>
        LearningRateSchedule schedule = LearningRateSchedule.ReduceOnPlateau(0.05f, factor: 0.5f, patience: 1); // ReduceLROnPlateau(opt, 'min', 0.5, 1)
        var options = new TrainerOptions { Epochs = 30, BatchSize = 8, Seed = 2, Schedule = schedule };
        // </docs:plateau>
        Dataset train = TrainerTests.Blobs(40, seed: 5, noise: 2.5f), validation = TrainerTests.Blobs(100, seed: 6, noise: 2.5f);

        List<EpochReport> Run()
        {
            var reports = new List<EpochReport>();
            new Trainer(new Arch23(seed: 4), new Adam(), options).Fit(train, validation, new TrainerTests.InlineProgress(reports.Add));
            return reports;
        }

        List<EpochReport> first = Run();

        // Replay torch's rule on the reported validation losses: each epoch's rate follows from the epochs before it.
        LearningRateSchedule replay = LearningRateSchedule.ReduceOnPlateau(0.05f, factor: 0.5f, patience: 1);
        foreach (EpochReport report in first)
        {
            Assert.Equal(replay.At(report.Epoch), report.LearningRate);
            replay.EndEpoch(report.ValidationLoss!.Value);
        }

        Assert.True(first[^1].LearningRate < 0.05f / 2, "the overfitting setup never reduced the rate twice");
        Assert.Equal(first.Select(r => r.LearningRate), Run().Select(r => r.LearningRate));
    }

    [Fact]
    public void PlateauWithWarmup_WithoutValidation_FollowsTheTrainingLoss()
    {
        // No validation set: the plateau rule sees each epoch's training loss; the warm-up scales its first 3 epochs.
        var options = new TrainerOptions
        {
            Epochs = 25,
            BatchSize = 8,
            Seed = 1,
            Schedule = LearningRateSchedule.ReduceOnPlateau(0.5f, factor: 0.5f, patience: 0, threshold: 0.05f).WithWarmup(3),
        };
        var reports = new List<EpochReport>();
        new Trainer(new Arch23(seed: 4), new Sgd(0.5f), options).Fit(TrainerTests.Blobs(40, seed: 5, noise: 2.5f), progress: new TrainerTests.InlineProgress(reports.Add));

        LearningRateSchedule replay = LearningRateSchedule.ReduceOnPlateau(0.5f, factor: 0.5f, patience: 0, threshold: 0.05f);
        foreach (EpochReport report in reports)
        {
            float expected = report.Epoch < 3 ? (float)(replay.At(report.Epoch) * (double)report.Epoch / 3) : replay.At(report.Epoch);
            Assert.Equal(expected, report.LearningRate);
            replay.EndEpoch(report.TrainLoss);
        }

        Assert.True(reports[^1].LearningRate < 0.5f, "the training loss never stalled by 5 %; the test needs a plateau");
    }

    [Fact]
    public void WithWarmup_ScalesTheFirstEpochsByKOverN()
    {
        LearningRateSchedule schedule = LearningRateSchedule.Constant(0.1f).WithWarmup(4);
        Assert.Equal(new[] { 0.025f, 0.05f, 0.075f, 0.1f, 0.1f }, Enumerable.Range(1, 5).Select(schedule.At).ToArray());

        // Composed with cosine annealing: the warm-up factor multiplies the cosine rate of the same epoch.
        LearningRateSchedule cosine = LearningRateSchedule.Cosine(0.1f, 5);
        LearningRateSchedule warmed = cosine.WithWarmup(2);
        Assert.Equal(cosine.At(1) / 2, warmed.At(1));
        Assert.Equal(cosine.At(2), warmed.At(2));
        Assert.Equal(cosine.At(5), warmed.At(5));
    }

    [Fact]
    public void WithWarmupSteps_SetsTheRateBeforeEveryBatch_AcrossEpochs()
    {
        // 12 samples in batches of 4: 3 steps per epoch; a warm-up over 5 steps reaches the full rate in epoch 2.
        var optimizer = new RecordingSgd(1f);
        // <docs:warmup-steps>
        var options = new TrainerOptions
        {
            Epochs = 3,
            BatchSize = 4,
            Schedule = LearningRateSchedule.Step(0.1f, stepSize: 2, gamma: 0.5f).WithWarmupSteps(5), // step k ≤ 5 at k/5 of the rate
        };
        // </docs:warmup-steps>
        var data = new Dataset(new float[12], 1, new float[12], 1);
        new Trainer(new Arch22(seed: 1), optimizer, options).Fit(data);

        float[] expected = { 0.02f, 0.04f, 0.06f, 0.08f, 0.1f, 0.1f, 0.05f, 0.05f, 0.05f };
        Assert.Equal(expected.Length, optimizer.Rates.Count);
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.True(Math.Abs(expected[i] - optimizer.Rates[i]) <= 1e-8f, $"step {i + 1}: {optimizer.Rates[i]:R}, expected {expected[i]:R}");
        }
    }

    /// <summary>Plain SGD that records the learning rate of every step.</summary>
    private sealed class RecordingSgd : IOptimizer
    {
        private readonly Sgd _sgd;

        public RecordingSgd(float learningRate) => _sgd = new Sgd(learningRate);

        public List<float> Rates { get; } = new();

        public float LearningRate
        {
            get => _sgd.LearningRate;
            set => _sgd.LearningRate = value;
        }

        public void Step(Span<float> parameters, ReadOnlySpan<float> gradient)
        {
            Rates.Add(LearningRate);
            _sgd.Step(parameters, gradient);
        }

        public void Reset() => _sgd.Reset();
    }
}
