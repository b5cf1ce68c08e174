using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using StaticNet.CompilerServices;
using StaticNet.Tests.Networks;
using Xunit;

namespace StaticNet.Tests;

/// <summary>
/// Loss.Huber (delta 1) and Loss.MeanAbsoluteError: their values, one training step's gradient against PyTorch 1.13
/// (Fixtures/make_loss_fixtures.py; PyTorch's default reduction divides by the number of outputs as well, so
/// StaticNet's loss is that times the output count), and whole gradients against the double-precision reference on
/// element-wise and softmax outputs.
/// </summary>
public sealed class RegressionLossTests
{
    [Fact]
    public void Huber_IsHalfTheSquareWithinOne_AndLinearBeyond()
    {
        float[] output = { 0.5f, 3f, -2f, 1f };
        float[] target = { 0f, 0f, 0f, 0f };
        Assert.Equal(0.125f + 2.5f + 1.5f + 0.5f, Losses.Huber(output, target));

        var delta = new float[4];
        float loss = OutputError.Huber(output, target, delta, scale: 0.5f);
        Assert.Equal(4.625f, loss);
        Assert.Equal(new[] { 0.25f, 0.5f, -0.5f, 0.5f }, delta);
    }

    [Fact]
    public void HuberWithDelta_IsPyTorchsHuberLossDelta()
    {
        // PyTorch's HuberLoss(delta=2): ½e² for |e| < 2, else 2·(|e| − 1); its gradient is e clamped to [−2, 2].
        float[] output = { 0.5f, 3f, -2.5f, 2f, -1f };
        float[] target = { 0f, 0f, 0f, 0f, 0f };
        Assert.Equal(0.125f + 4f + 3f + 2f + 0.5f, Losses.Huber(output, target, 2f));

        var delta = new float[5];
        Assert.Equal(9.625f, OutputError.Huber(output, target, delta, scale: 0.5f, huberDelta: 2f));
        Assert.Equal(new[] { 0.25f, 1f, -1f, 1f, -0.5f }, delta);

        // δ = 0.5: 0.125 stays quadratic only below 0.5; 3 → 0.5·(3 − 0.25).
        Assert.Equal(0.5f * (3f - 0.25f) + 0.5f * (0.5f - 0.25f), Losses.Huber(new[] { 3f, 0.5f }, new[] { 0f, 0f }, 0.5f));

        // Delta 1 through the general form gives the bits of the delta-1 helper.
        Assert.Equal(Losses.Huber(output, target), Losses.Huber(output, target, 1f));
    }

    public static TheoryData<string> HuberDeltaNetworks() => new() { nameof(HuberHalfDeltaNet), nameof(HuberTwoDeltaNet), nameof(HuberSoftmaxDeltaNet) };

    [Theory]
    [MemberData(nameof(HuberDeltaNetworks))]
    public void HuberDelta_BackwardAndBackwardBatch_MatchTheDoublePrecisionReference(string name)
    {
        bool below = false, beyond = false;
        for (int seed = 1; seed <= 4; seed++)
        {
            INetwork network = name switch
            {
                nameof(HuberHalfDeltaNet) => new HuberHalfDeltaNet(seed),
                nameof(HuberTwoDeltaNet) => new HuberTwoDeltaNet(seed),
                _ => new HuberSoftmaxDeltaNet(seed),
            };

            // Scale 3 spreads the outputs, so errors fall on both sides of δ.
            GradientReference.AssertGradientMatchesReference(network, seed, scale: 3f, tolerance: 1e-4);

            // The batch path computes the same loss (ComputeLoss, BackwardBatch of one sample).
            var random = new DeterministicRandom(seed);
            float[] input = GradientCheckTests.RandomVector(network.InputSize, ref random, 3f);
            float[] target = GradientCheckTests.RandomDistribution(network.OutputSize, ref random);
            var output = new float[network.OutputSize];
            network.Forward(input, output);
            float loss = ((IBatchNetwork)network).BackwardBatch(input, target, new float[network.ParameterCount]);
            Assert.Equal(network.Loss(output, target), loss, 1e-5f * Math.Max(1f, loss));
            float huberDelta = ((NetworkAttribute)Attribute.GetCustomAttribute(network.GetType(), typeof(NetworkAttribute))!).HuberDelta;
            for (int k = 0; k < output.Length; k++)
            {
                below |= Math.Abs(output[k] - target[k]) < huberDelta;
                beyond |= Math.Abs(output[k] - target[k]) > huberDelta;
            }
        }

        // Both pieces of the loss were compared.
        Assert.True(below && beyond, $"{name}: errors below δ {below}, beyond δ {beyond}");
    }

    [Fact]
    public void SummaryAndToString_ShowTheHuberDelta()
    {
        Assert.Equal("HuberHalfDeltaNet: 4-8-3, Tanh, Identity, loss Huber (delta 0.5), 67 parameters", new HuberHalfDeltaNet().ToString());
        Assert.EndsWith("loss Huber (delta 2), 67 parameters", new HuberTwoDeltaNet().Summary());
        Assert.Contains("loss Huber,", new HuberFixtureNet().ToString());
    }

    [Fact]
    public void MeanAbsoluteError_IsTheSumOfAbsoluteErrors_WithSubgradientZeroAtZero()
    {
        float[] output = { 0.5f, -3f, 2f };
        float[] target = { 0.5f, 0f, 1f };
        Assert.Equal(4f, Losses.MeanAbsoluteError(output, target));

        var delta = new float[3];
        Assert.Equal(4f, OutputError.MeanAbsoluteError(output, target, delta, scale: 0.25f));
        Assert.Equal(new[] { 0f, -0.25f, 0.25f }, delta);
    }

    public static TheoryData<string> Fixtures() => new() { "huber", "l1" };

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void OneStepsLossAndGradient_MatchPyTorch(string name)
    {
        using JsonDocument document = JsonDocument.Parse(File.ReadAllText(PyTorchFixtures.PathOf($"loss_{name}.json")));
        JsonElement root = document.RootElement;
        float[] Flat(string property) => root.GetProperty(property).EnumerateArray()
            .SelectMany(row => row.ValueKind == JsonValueKind.Array ? row.EnumerateArray().Select(v => v.GetSingle()) : new[] { row.GetSingle() })
            .ToArray();
        IBatchNetwork network = name == "huber" ? new HuberFixtureNet(seed: 1) : new AbsoluteErrorFixtureNet(seed: 1);
        network.SetParameters(Flat("parameters"));
        float[] inputs = Flat("inputs"), targets = Flat("targets"), expected = Flat("gradient");
        float torchLoss = root.GetProperty("loss").GetSingle();

        var gradient = new float[network.ParameterCount];
        float loss = network.BackwardBatch(inputs, targets, gradient);
        float[] actual = PyTorchOrder.Of(network, gradient);

        Assert.True(Math.Abs(loss - torchLoss) <= 2e-4f * Math.Max(1f, torchLoss), $"{name}: loss {loss:R}, PyTorch {torchLoss:R}");
        float torchMean = root.GetProperty("torch_mean_loss").GetSingle();
        Assert.True(Math.Abs(loss - (network.OutputSize * torchMean)) <= 2e-4f * loss, $"{name}: {loss:R} is not {network.OutputSize} × PyTorch's mean {torchMean:R}");
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.True(Math.Abs(actual[i] - expected[i]) <= 2e-4f * Math.Max(1f, Math.Abs(expected[i])), $"{name}: ∂J/∂θ[{i}] = {actual[i]:R}, PyTorch {expected[i]:R}");
        }

        if (name == "huber")
        {
            // The fixture's errors fall on both sides of delta, so both pieces of the loss are compared.
            var outputs = new float[targets.Length];
            network.ForwardBatch(inputs, outputs);
            float[] errors = outputs.Select((o, i) => Math.Abs(o - targets[i])).ToArray();
            Assert.Contains(errors, e => e < 1f);
            Assert.Contains(errors, e => e > 1f);
        }
    }

    public static TheoryData<string> Networks() => new() { "Arch41", "Arch42", "Arch43", "Arch44" };

    [Theory]
    [MemberData(nameof(Networks))]
    public void Backward_MatchesTheDoublePrecisionReference(string name)
    {
        for (int seed = 1; seed <= 4; seed++)
        {
            // Scale 3 spreads the outputs so that Huber's errors fall on both sides of 1, and saturates sigmoid and
            // softmax outputs, whose float32 derivatives then carry 1e-5 of rounding: compared to 1e-4 of the largest.
            GradientReference.AssertGradientMatchesReference(GradientCheckNetworks.Create(name, seed), seed, scale: 3f, tolerance: 1e-4);
        }
    }

    [Theory]
    [MemberData(nameof(Networks))]
    public void ComputeLoss_EqualsTheLossBackwardReturns(string name)
    {
        IBatchNetwork network = GradientCheckNetworks.Create(name, 7);
        var random = new DeterministicRandom(7);
        float[] input = GradientCheckTests.RandomVector(network.InputSize, ref random, 3f);
        float[] target = GradientCheckTests.RandomDistribution(network.OutputSize, ref random);
        var output = new float[network.OutputSize];
        network.Forward(input, output);
        float loss = network.Backward(input, target, new float[network.ParameterCount]);
        Assert.Equal(network.Loss(output, target), loss, 1e-6f);
    }

    [Fact]
    public void TheTrainingLoss_IsHalfTheOutputCountTimesTheMseMetric_AndTheOutputCountTimesTheMaeMetric()
    {
        var mse = new Arch31(seed: 2); // 2 outputs, MeanSquaredError
        var mae = new Arch43(seed: 2); // 3 outputs, MeanAbsoluteError
        foreach (IBatchNetwork network in new IBatchNetwork[] { mse, mae })
        {
            var random = new DeterministicRandom(5);
            const int samples = 16;
            float[] inputs = GradientCheckTests.RandomVector(samples * network.InputSize, ref random);
            float[] targets = GradientCheckTests.RandomVector(samples * network.OutputSize, ref random);
            var outputs = new float[targets.Length];
            network.ForwardBatch(inputs, outputs);
            float loss = network.BackwardBatch(inputs, targets, new float[network.ParameterCount]);

            double expected = network == mse
                ? network.OutputSize / 2.0 * Evaluation.MeanSquaredError(outputs, targets)
                : network.OutputSize * Evaluation.MeanAbsoluteError(outputs, targets);
            Assert.Equal(expected, loss, 1e-5 * expected);
        }
    }
}
