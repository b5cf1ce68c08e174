using System;
using System.Threading.Tasks;
using StaticNet.Tests.Networks;
using Xunit;

namespace StaticNet.Tests;

/// <summary>
/// The range step the Trainer takes on every core: every optimizer option, stepped over random ranges of random
/// lengths (single elements, ranges that cut through a weight matrix or straddle a weight/bias boundary) in a shuffled
/// order, some steps on several threads at once, gives bit for bit the parameters of one whole
/// <see cref="IOptimizer.Step"/> per step, over several steps (so the state it carries agrees too).
/// </summary>
public class OptimizerRangeStepTests
{
    private const int Steps = 6;

    public static TheoryData<string> Configurations() => new()
    {
        "sgd",
        "sgd-decay",
        "momentum-dampening",
        "momentum-decay-biases-excluded",
        "nesterov-decay",
        "nesterov-decay-biases-excluded",
        "adam",
        "adam-decay",
        "adam-decay-biases-excluded",
        "adamw",
        "adamw-biases-excluded",
        "rmsprop",
        "rmsprop-centered",
        "rmsprop-momentum-decay-biases-excluded",
        "rmsprop-centered-momentum-decay",
    };

    [Theory]
    [MemberData(nameof(Configurations))]
    public void ShuffledRanges_GiveTheBitsOfWholeSteps(string configuration)
    {
        var wholeNetwork = new Arch23(seed: 1);
        var rangeNetwork = new Arch23(seed: 1);
        IOptimizer whole = Create(configuration, wholeNetwork);
        var ranged = (IRangeOptimizer)Create(configuration, rangeNetwork);
        var random = new DeterministicRandom(7);
        var gradient = new float[Arch23.ParameterCount];
        for (int step = 0; step < Steps; step++)
        {
            for (int i = 0; i < gradient.Length; i++)
            {
                gradient[i] = random.NextSymmetric(step == 2 ? 3f : 0.1f);
            }

            whole.Step(wholeNetwork.Parameters, gradient);

            (int Start, int Length)[] ranges = RandomRanges(gradient.Length, random);
            ranged.BeginStep(rangeNetwork.Parameters, gradient);
            if (step % 2 == 0)
            {
                foreach ((int start, int length) in ranges)
                {
                    ranged.StepRange(start, rangeNetwork.Parameters.Slice(start, length), gradient.AsSpan(start, length));
                }
            }
            else
            {
                Parallel.ForEach(ranges, new ParallelOptions { MaxDegreeOfParallelism = 4 }, range =>
                    ranged.StepRange(range.Start, rangeNetwork.Parameters.Slice(range.Start, range.Length), gradient.AsSpan(range.Start, range.Length)));
            }

            ParallelBackwardTests.AssertSameBits(wholeNetwork.Parameters.ToArray(), rangeNetwork.Parameters.ToArray());
        }

        Assert.NotEqual(new Arch23(seed: 1).Parameters.ToArray(), wholeNetwork.Parameters.ToArray());
    }

    [Fact]
    public void AdamCountsOneStepPerBeginStep_WhateverTheRanges()
    {
        var network = new Arch23(seed: 1);
        var adam = new Adam();
        var gradient = new float[Arch23.ParameterCount];
        gradient.AsSpan().Fill(0.01f);
        IRangeOptimizer ranged = adam;
        ranged.BeginStep(network.Parameters, gradient);
        ranged.StepRange(0, network.Parameters.Slice(0, 100), gradient.AsSpan(0, 100));
        ranged.StepRange(100, network.Parameters[100..], gradient.AsSpan(100));

        Assert.Equal(1, adam.StepCount);
    }

    [Fact]
    public void BeginStep_ChecksTheLengthsAndTheDecayRanges()
    {
        var network = new Arch23(seed: 1);
        var adamW = new AdamW();
        adamW.ExcludeBiasesFromWeightDecay(network);
        var momentum = new Sgd(0.1f, momentum: 0.9f);

        var length = Assert.Throws<ArgumentException>(() => ((IRangeOptimizer)momentum).BeginStep(network.Parameters, new float[3]));
        Assert.Equal("gradient", length.ParamName);
        Assert.Contains($"{Arch23.ParameterCount}", length.Message);
        var decay = Assert.Throws<ArgumentException>(() => ((IRangeOptimizer)adamW).BeginStep(new float[10], new float[10]));
        Assert.Contains($"has length 10, but the network whose biases are left out of the weight decay has {Arch23.ParameterCount} parameters", decay.Message);
    }

    /// <summary>The optimizer configurations the tests run, every option of every optimizer set somewhere.</summary>
    internal static IOptimizer Create(string configuration, INetwork network)
    {
        IOptimizer optimizer = configuration.Replace("-biases-excluded", string.Empty) switch
        {
            "sgd" => new Sgd(0.1f),
            "sgd-decay" => new Sgd(0.1f, weightDecay: 0.05f),
            "momentum-dampening" => new Sgd(0.1f, momentum: 0.9f, dampening: 0.3f),
            "momentum-decay" => new Sgd(0.1f, momentum: 0.8f, weightDecay: 0.05f),
            "nesterov-decay" => new Sgd(0.1f, momentum: 0.9f, weightDecay: 0.05f, nesterov: true),
            "adam" => new Adam(0.01f),
            "adam-decay" => new Adam(0.01f, beta1: 0.8f, beta2: 0.99f, epsilon: 1e-6f, weightDecay: 0.05f),
            "adamw" => new AdamW(0.01f, weightDecay: 0.1f),
            "rmsprop" => new RmsProp(0.01f),
            "rmsprop-centered" => new RmsProp(0.01f, alpha: 0.9f, centered: true),
            "rmsprop-momentum-decay" => new RmsProp(0.01f, weightDecay: 0.05f, momentum: 0.7f),
            "rmsprop-centered-momentum-decay" => new RmsProp(0.01f, weightDecay: 0.05f, momentum: 0.7f, centered: true),
            _ => throw new ArgumentException($"No optimizer configuration named '{configuration}'.", nameof(configuration)),
        };

        if (configuration.EndsWith("-biases-excluded", StringComparison.Ordinal))
        {
            switch (optimizer)
            {
                case Sgd sgd:
                    sgd.ExcludeBiasesFromWeightDecay(network);
                    break;
                case Adam adam:
                    adam.ExcludeBiasesFromWeightDecay(network);
                    break;
                case RmsProp rmsProp:
                    rmsProp.ExcludeBiasesFromWeightDecay(network);
                    break;
            }
        }

        return optimizer;
    }

    /// <summary>[0, count) cut into ranges of 1 to 300 elements, in a shuffled order.</summary>
    private static (int Start, int Length)[] RandomRanges(int count, DeterministicRandom random)
    {
        var ranges = new System.Collections.Generic.List<(int, int)>();
        for (int start = 0; start < count;)
        {
            int length = Math.Min(count - start, random.NextInt32(8) == 0 ? 1 : 1 + random.NextInt32(300));
            ranges.Add((start, length));
            start += length;
        }

        var order = new int[ranges.Count];
        for (int i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }

        random.Shuffle(order);
        var shuffled = new (int Start, int Length)[order.Length];
        for (int i = 0; i < order.Length; i++)
        {
            shuffled[i] = ranges[order[i]];
        }

        return shuffled;
    }
}
