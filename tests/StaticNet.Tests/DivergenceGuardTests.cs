using System;
using System.Collections.Generic;
using StaticNet.Tests.Networks;
using Xunit;

namespace StaticNet.Tests;

/// <summary>
/// The Trainer's divergence guard: two buffers that take turns, filled range by range while the gradient is summed,
/// and the built-in optimizers stepped and checked in the same pass. Whatever breaks, and on whichever batch, the
/// parameters are restored bit for bit to the documented ones, with one thread or two, with batches of one part or
/// several, for optimizers stepped range by range and for those that step whole; and the optimizer is reset.
/// </summary>
public class DivergenceGuardTests
{
    private const int Samples = 320;

    [Theory]
    [InlineData("sgd", 1, 64, 2)]
    [InlineData("sgd", 2, 64, 2)]
    [InlineData("sgd", 2, 32, 3)] // batches of one part: the gradient is handed over without a sum
    [InlineData("sgd", 2, 64, 5)] // the last batch of epoch 1 is fine, the first of epoch 2 is not
    [InlineData("momentum", 2, 64, 2)]
    [InlineData("adam", 1, 64, 4)]
    public void ANonFiniteLoss_RestoresTheParametersFromBeforeThePreviousStep_Exactly(string optimizer, int threads, int batchSize, int goodBatches)
    {
        Dataset data = RandomData(seed: 1);
        var network = new Mnist784Net(seed: 2);

        (TrainingDivergedException exception, List<float[]> after) = TrainUntilBroken(
            network, Optimizer(optimizer), data, threads, batchSize, goodBatches, () => Array.Fill(data.Targets, float.NaN));

        AssertFailedOnBatch(goodBatches + 1, batchSize, exception);
        Assert.Contains("the loss is not finite. The parameters were restored to those before the previous step, the last whose loss and gradient were finite.", exception.Message);
        ParallelBackwardTests.AssertSameBits(after[goodBatches - 1], network.Parameters.ToArray());
        Assert.NotEqual(after[goodBatches - 1], after[goodBatches]);
    }

    [Theory]
    [InlineData(1, 64, 3)]
    [InlineData(2, 64, 3)]
    [InlineData(2, 32, 1)]
    public void ANonFiniteGradientWithAFiniteLoss_RestoresTheParametersFromBeforeThePreviousStep_Exactly(int threads, int batchSize, int goodBatches)
    {
        // Only the last gradient element, in the last range handed over, is NaN: the whole gradient is checked.
        var network = new PoisonsLastGradientElement(new Mnist784Net(seed: 2));

        (TrainingDivergedException exception, List<float[]> after) = TrainUntilBroken(
            network, new Sgd(0.05f), RandomData(seed: 1), threads, batchSize, goodBatches, () => network.Poisoned = true);

        AssertFailedOnBatch(goodBatches + 1, batchSize, exception);
        Assert.Contains("the gradient is not finite. The parameters were restored to those before the previous step, the last whose loss and gradient were finite.", exception.Message);
        ParallelBackwardTests.AssertSameBits(after[goodBatches - 1], network.Parameters.ToArray());
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void ANonFiniteGradientInTheFirstBatch_LeavesTheStartingParameters_ThoughPlainSgdSteppedPartOfThem(int threads)
    {
        var network = new PoisonsLastGradientElement(new Mnist784Net(seed: 2)) { Poisoned = true };
        float[] initial = network.Parameters.ToArray();

        var exception = Assert.Throws<TrainingDivergedException>(() =>
            new Trainer(network, new Sgd(0.05f), Options(threads, 64)).Fit(RandomData(seed: 1)));

        Assert.Contains("epoch 1, batch 1: the gradient is not finite. No step had been taken: the parameters are those training started from.", exception.Message);
        ParallelBackwardTests.AssertSameBits(initial, network.Parameters.ToArray());
    }

    [Theory]
    [InlineData("sgd", 1, 64)]
    [InlineData("sgd", 2, 64)]
    [InlineData("sgd", 2, 32)]
    [InlineData("momentum", 2, 64)]
    public void AStepThatOverflowsFromAFiniteGradient_OnTheVeryLastBatch_IsUndone(string optimizerName, int threads, int batchSize)
    {
        // Features of 100 keep the loss and the gradient finite but make some gradient elements larger than 1, which
        // a learning rate of 3e38 turns into infinite parameters on the last step of the last epoch.
        Dataset data = RandomData(seed: 1);
        var network = new Mnist784Net(seed: 2);
        IOptimizer optimizer = Optimizer(optimizerName);
        int lastBatch = 2 * (Samples / batchSize);

        (TrainingDivergedException exception, List<float[]> after) = TrainUntilBroken(network, optimizer, data, threads, batchSize, lastBatch - 1, () =>
        {
            Array.Fill(data.Features, 100f);
            optimizer.LearningRate = 3e38f;
        });

        Assert.Equal((2, Samples / batchSize), (exception.Epoch, exception.Batch));
        Assert.Contains("the optimizer step is not finite. The parameters were restored to those before this step.", exception.Message);
        ParallelBackwardTests.AssertSameBits(after[lastBatch - 1], network.Parameters.ToArray());
    }

    [Theory]
    [InlineData(1, 64)]
    [InlineData(2, 64)]
    [InlineData(2, 32)]
    public void PlainSgdSteppedRangeByRange_GivesTheBitsOfOneWholeStep(int threads, int batchSize)
    {
        float[] Train(IOptimizer optimizer)
        {
            var network = new Mnist784Net(seed: 2);
            new Trainer(network, optimizer, Options(threads, batchSize)).Fit(RandomData(seed: 1));
            return network.Parameters.ToArray();
        }

        float[] rangeByRange = Train(new Sgd(0.05f));
        float[] whole = Train(new WholeStep(new Sgd(0.05f)));

        ParallelBackwardTests.AssertSameBits(whole, rangeByRange);
        Assert.NotEqual(new Mnist784Net(seed: 2).Parameters.ToArray(), whole);
    }

    [Theory]
    [InlineData(1, null)]
    [InlineData(2, null)]
    [InlineData(2, 100f)] // clipped by norm: the step is taken whole, after the gradient, and the rule is the same
    public void AfterADivergence_AdamIsReset_AndASecondFitAtALowerRateStartsFresh(int threads, float? maxGradientNorm)
    {
        // NaN features make the loss and every gradient range NaN; stepped range by range, Adam's moments take them in
        // before the loss is known.
        Dataset data = RandomData(seed: 1);
        float[] features = (float[])data.Features.Clone();
        var network = new Mnist784Net(seed: 2);
        var adam = new Adam(0.01f);

        (TrainingDivergedException exception, List<float[]> after) = TrainUntilBroken(
            network, adam, data, threads, 64, goodBatches: 3, () => Array.Fill(data.Features, float.NaN), maxGradientNorm);

        AssertFailedOnBatch(4, 64, exception);
        ParallelBackwardTests.AssertSameBits(after[2], network.Parameters.ToArray());
        Assert.Equal(0, adam.StepCount);

        // The second Fit, on repaired data at a lower rate, is the Fit of a new Adam from the restored parameters.
        features.CopyTo(data.Features, 0);
        adam.LearningRate = 0.001f;
        var fresh = new Mnist784Net(seed: 2);
        network.Parameters.CopyTo(fresh.Parameters);
        TrainerOptions options = Options(threads, 64, maxGradientNorm);
        new Trainer(network, adam, options).Fit(data);
        new Trainer(fresh, new Adam(0.001f), options).Fit(data);

        Assert.Equal(2 * (Samples / 64), adam.StepCount);
        Assert.True(System.Numerics.Tensors.TensorPrimitives.IsFiniteAll<float>(network.Parameters));
        ParallelBackwardTests.AssertSameBits(fresh.Parameters.ToArray(), network.Parameters.ToArray());
        Assert.NotEqual(after[2], network.Parameters.ToArray());
    }

    [Fact]
    public void ADivergedValidationLoss_ResetsTheOptimizerToo()
    {
        Dataset validation = RandomData(seed: 4);
        Array.Fill(validation.Features, float.NaN);
        var adam = new Adam(0.01f);

        var exception = Assert.Throws<TrainingDivergedException>(() =>
            new Trainer(new Mnist784Net(seed: 2), adam, Options(2, 64)).Fit(RandomData(seed: 1), validation));

        Assert.Equal((1, 0), (exception.Epoch, exception.Batch));
        Assert.Equal(0, adam.StepCount);
    }

    /// <summary>
    /// Trains two epochs, recording the parameters after every batch (index 0: before the first), and breaks
    /// something after <paramref name="goodBatches"/> batches, counted across epochs.
    /// </summary>
    private static (TrainingDivergedException Exception, List<float[]> After) TrainUntilBroken(
        IBatchNetwork network, IOptimizer optimizer, Dataset data, int threads, int batchSize, int goodBatches, Action breakIt, float? maxGradientNorm = null)
    {
        var after = new List<float[]> { network.Parameters.ToArray() };
        var hook = new BatchHook(_ =>
        {
            after.Add(network.Parameters.ToArray());
            if (after.Count - 1 == goodBatches)
            {
                breakIt();
            }
        });

        var exception = Assert.Throws<TrainingDivergedException>(() => new Trainer(network, optimizer, Options(threads, batchSize, maxGradientNorm)).Fit(data, batchProgress: hook));
        Assert.Equal(goodBatches + 1, after.Count);
        return (exception, after);
    }

    private static void AssertFailedOnBatch(int failed, int batchSize, TrainingDivergedException exception)
    {
        int batchesPerEpoch = Samples / batchSize;
        (int epoch, int batch) = (((failed - 1) / batchesPerEpoch) + 1, ((failed - 1) % batchesPerEpoch) + 1);
        Assert.Equal((epoch, batch), (exception.Epoch, exception.Batch));
        Assert.Contains($"epoch {epoch}, batch {batch}: ", exception.Message);
    }

    private static TrainerOptions Options(int threads, int batchSize, float? maxGradientNorm = null) =>
        new() { Epochs = 2, BatchSize = batchSize, Seed = 3, MaxDegreeOfParallelism = threads, MaxGradientNorm = maxGradientNorm };

    private static IOptimizer Optimizer(string name) => name switch
    {
        "sgd" => new Sgd(0.05f),
        "momentum" => new Sgd(0.05f, momentum: 0.9f),
        _ => new Adam(0.01f),
    };

    /// <summary><paramref name="samples"/> samples of 784 features in [−1, 1] and a one-hot target of 10 classes.</summary>
    internal static Dataset RandomData(int seed, int samples = Samples)
    {
        var random = new DeterministicRandom(seed);
        var features = new float[samples * 784];
        var labels = new int[samples];
        for (int i = 0; i < features.Length; i++)
        {
            features[i] = random.NextSymmetric(1f);
        }

        for (int s = 0; s < samples; s++)
        {
            labels[s] = random.NextInt32(10);
        }

        return Dataset.FromLabels(features, 784, labels, 10);
    }

    /// <summary>Runs synchronously on the training thread after every batch.</summary>
    private sealed class BatchHook(Action<BatchReport> onBatch) : IProgress<BatchReport>
    {
        public void Report(BatchReport value) => onBatch(value);
    }

    /// <summary>Plain SGD behind an optimizer type the guard does not know, so that it takes the step whole.</summary>
    private sealed class WholeStep(Sgd inner) : IOptimizer
    {
        public float LearningRate
        {
            get => inner.LearningRate;
            set => inner.LearningRate = value;
        }

        public void Step(Span<float> parameters, ReadOnlySpan<float> gradient) => inner.Step(parameters, gradient);

        public void Reset() => inner.Reset();
    }

    /// <summary>A parallel network that, once poisoned, returns the true loss but a NaN as the last gradient element.</summary>
    private sealed class PoisonsLastGradientElement(Mnist784Net inner) : SequentialOnly(inner), IParallelBatchNetwork
    {
        public bool Poisoned { get; set; }

        public object CreateBatchWorkspace() => ((IParallelBatchNetwork)inner).CreateBatchWorkspace();

        public float BackwardBatch(ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets, Span<float> gradient, object workspace)
        {
            float loss = ((IParallelBatchNetwork)inner).BackwardBatch(inputs, targets, gradient, workspace);
            if (Poisoned)
            {
                gradient[^1] = float.NaN;
            }

            return loss;
        }

        float IBatchNetwork.BackwardBatch(ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets, Span<float> gradient) =>
            BackwardBatch(inputs, targets, gradient, CreateBatchWorkspace());
    }
}
