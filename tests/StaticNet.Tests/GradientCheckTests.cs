using System;
using System.Collections.Generic;
using StaticNet.Tests.Networks;
using Xunit;
using Xunit.Abstractions;

namespace StaticNet.Tests;

/// <summary>
/// Backward and Backpropagate against central finite differences on every architecture of
/// <see cref="GradientCheckNetworks"/>, with random weights, inputs and targets.
/// </summary>
public class GradientCheckTests
{
    /// <summary>backprop.md: in float32 a correct gradient agrees to ≲ 1e-2; a wrong equation shows errors near 1.</summary>
    private const float Tolerance = 1e-2f;

    private readonly ITestOutputHelper _output;

    public GradientCheckTests(ITestOutputHelper output) => _output = output;

    public static IEnumerable<object[]> Architectures()
    {
        foreach (var (name, _) in GradientCheckNetworks.All)
        {
            yield return new object[] { name };
        }
    }

    [Theory]
    [MemberData(nameof(Architectures))]
    public void Backward_MatchesFiniteDifferences(string name)
    {
        for (int seed = 1; seed <= 3; seed++)
        {
            INetwork network = GradientCheckNetworks.Create(name, seed);
            var random = new DeterministicRandom(seed * 7919);
            float[] input = RandomVector(network.InputSize, ref random);
            float[] target = RandomDistribution(network.OutputSize, ref random);

            GradientCheckResult result = GradientCheck.CheckLoss(network, input, target);
            _output.WriteLine($"{name} seed {seed}: {result}");
            AssertAgrees(network, result);
        }
    }

    [Theory]
    [MemberData(nameof(Architectures))]
    public void Backpropagate_MatchesFiniteDifferences(string name)
    {
        for (int seed = 1; seed <= 3; seed++)
        {
            INetwork network = GradientCheckNetworks.Create(name, seed);
            var random = new DeterministicRandom(seed * 104729);
            float[] input = RandomVector(network.InputSize, ref random);
            float[] upstream = RandomVector(network.OutputSize, ref random);

            GradientCheckResult result = GradientCheck.CheckBackpropagate(network, input, upstream);
            _output.WriteLine($"{name} seed {seed}: {result}");
            AssertAgrees(network, result);
        }
    }

    [Fact]
    public void WideNetworkUsingThreadScratch_MatchesFiniteDifferences()
    {
        var network = new WideNet(seed: 3);
        GradientCheckResult result = GradientCheck.CheckLoss(network, new[] { 0.37f }, new[] { 0.8f });
        _output.WriteLine(result.ToString());
        AssertAgrees(network, result);
    }

    [Fact]
    public void GradientCheck_RestoresParametersBitForBit()
    {
        var network = new Arch05(seed: 11);
        float[] before = network.Parameters.ToArray();
        GradientCheck.CheckLoss(network, new float[Arch05.InputSize], new float[Arch05.OutputSize]);
        Assert.Equal(before, network.Parameters.ToArray());
    }

    [Fact]
    public void GradientCheck_ReportsAWrongGradient()
    {
        // A network whose Backward is deliberately wrong must be caught: the check is only useful if it can fail.
        var network = new WrongGradientNetwork(new XorNet(seed: 5));
        GradientCheckResult result = GradientCheck.CheckLoss(network, new[] { 0.3f, -0.8f }, new[] { 1f });
        Assert.True(result.MaxRelativeError > 0.1f, result.ToString());
        Assert.Equal(GradientCheckTarget.Parameter, result.WorstTarget);
    }

    private static void AssertAgrees(INetwork network, GradientCheckResult result)
    {
        int entries = network.ParameterCount + network.InputSize;
        Assert.Equal(entries, result.CheckedCount + result.KinkCount);
        Assert.True(result.MaxRelativeError < Tolerance, result.ToString());

        // Kinks only come from ReLU-family units whose z lies within ε of 0: rare with random inputs.
        Assert.True(result.KinkCount <= Math.Max(2, entries / 100), result.ToString());
    }

    internal static float[] RandomVector(int length, ref DeterministicRandom random, float scale = 1f)
    {
        var values = new float[length];
        for (int i = 0; i < length; i++)
        {
            values[i] = random.NextSymmetric(scale);
        }

        return values;
    }

    /// <summary>Non-negative values summing to 1: a valid target for every loss (a soft label for cross-entropy).</summary>
    internal static float[] RandomDistribution(int length, ref DeterministicRandom random)
    {
        var values = new float[length];
        float sum = 0f;
        for (int i = 0; i < length; i++)
        {
            values[i] = 0.05f + random.NextSingle();
            sum += values[i];
        }

        for (int i = 0; i < length; i++)
        {
            values[i] /= sum;
        }

        return values;
    }

    /// <summary>Wraps a correct network and corrupts one gradient entry, as a bug in BP4 would.</summary>
    private sealed class WrongGradientNetwork : INetwork
    {
        private readonly INetwork _inner;

        public WrongGradientNetwork(INetwork inner) => _inner = inner;

        public int InputSize => _inner.InputSize;

        public int OutputSize => _inner.OutputSize;

        public int ParameterCount => _inner.ParameterCount;

        public ReadOnlySpan<int> LayerSizes => _inner.LayerSizes;

        public Span<float> Parameters => _inner.Parameters;

        public WeightOrder GetWeightOrder(int layer) => _inner.GetWeightOrder(layer);

        public void Initialize(int seed) => _inner.Initialize(seed);

        public void Forward(ReadOnlySpan<float> input, Span<float> output) => _inner.Forward(input, output);

        public float Backward(ReadOnlySpan<float> input, ReadOnlySpan<float> target, Span<float> gradient) =>
            Backward(input, target, gradient, default);

        public float Backward(ReadOnlySpan<float> input, ReadOnlySpan<float> target, Span<float> gradient, Span<float> inputGradient)
        {
            float loss = _inner.Backward(input, target, gradient, inputGradient);
            gradient[1] = 2f * gradient[1] + 0.5f;
            return loss;
        }

        public void Backpropagate(ReadOnlySpan<float> input, ReadOnlySpan<float> outputGradient, Span<float> gradient, Span<float> inputGradient) =>
            _inner.Backpropagate(input, outputGradient, gradient, inputGradient);

        public float Loss(ReadOnlySpan<float> output, ReadOnlySpan<float> target) => _inner.Loss(output, target);
    }
}
