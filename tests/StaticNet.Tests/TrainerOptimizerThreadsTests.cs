using System;
using StaticNet.Tests.Networks;
using Xunit;

namespace StaticNet.Tests;

/// <summary>
/// Trainer.Fit with the stateful optimizers, which step range by range on every core that finishes a part of the
/// gradient: 1, 2 and 16 threads give the same bits, and those bits are the ones of a plain loop that computes each
/// batch gradient whole and takes one whole <see cref="IOptimizer.Step"/> per batch.
/// </summary>
public class TrainerOptimizerThreadsTests
{
    private const int Samples = 200;

    private const int Epochs = 2;

    public static TheoryData<string, int> Cases() => new()
    {
        { "adam", 64 },
        { "adam", 48 },
        { "momentum-dampening", 64 },
        { "nesterov-decay-biases-excluded", 64 },
        { "adamw-biases-excluded", 100 },
        { "rmsprop-centered-momentum-decay", 64 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Fit_With1_2And16Threads_GivesTheBitsOfAWholeStepPerBatch(string optimizer, int batchSize)
    {
        float[] expected = ReferenceLoop(optimizer, batchSize);
        Assert.NotEqual(new Mnist784Net(seed: 1).Parameters.ToArray(), expected);
        foreach (int threads in new[] { 1, 2, 16 })
        {
            var network = new Mnist784Net(seed: 1);
            var options = new TrainerOptions { Epochs = Epochs, BatchSize = batchSize, Seed = 4, MaxDegreeOfParallelism = threads, AdaptDegreeOfParallelism = false };
            new Trainer(network, OptimizerRangeStepTests.Create(optimizer, network), options).Fit(Data());
            ParallelBackwardTests.AssertSameBits(expected, network.Parameters.ToArray());
        }
    }

    /// <summary>
    /// What Fit computes, written out: the same shuffle of the sample order every epoch, each batch's gradient on one
    /// thread, and one whole optimizer step per batch.
    /// </summary>
    private static float[] ReferenceLoop(string optimizerName, int batchSize)
    {
        var network = new Mnist784Net(seed: 1);
        IOptimizer optimizer = OptimizerRangeStepTests.Create(optimizerName, network);
        Dataset data = Data();
        var random = new DeterministicRandom(4);
        int[] order = new int[Samples];
        for (int i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }

        var gradient = new float[Mnist784Net.ParameterCount];
        using var backward = new ParallelBackward(network, 1);
        for (int epoch = 0; epoch < Epochs; epoch++)
        {
            random.Shuffle(order);
            for (int start = 0; start < Samples; start += batchSize)
            {
                int n = Math.Min(batchSize, Samples - start);
                var inputs = new float[n * Mnist784Net.InputSize];
                var targets = new float[n * Mnist784Net.OutputSize];
                for (int s = 0; s < n; s++)
                {
                    data.Features.AsSpan(order[start + s] * Mnist784Net.InputSize, Mnist784Net.InputSize).CopyTo(inputs.AsSpan(s * Mnist784Net.InputSize));
                    data.Targets.AsSpan(order[start + s] * Mnist784Net.OutputSize, Mnist784Net.OutputSize).CopyTo(targets.AsSpan(s * Mnist784Net.OutputSize));
                }

                Array.Clear(gradient);
                backward.BackwardBatch(inputs, targets, gradient);
                optimizer.Step(network.Parameters, gradient);
            }
        }

        return network.Parameters.ToArray();
    }

    private static Dataset Data() => DivergenceGuardTests.RandomData(seed: 2, Samples);
}
