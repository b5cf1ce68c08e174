using System;
using System.Reflection;
using StaticNet.Tests.Networks;
using Xunit;

namespace StaticNet.Tests;

/// <summary>
/// The fused TrainStep against its definition, Backward into a cleared gradient followed by Sgd(η).Step, on every
/// architecture of <see cref="GradientCheckNetworks"/> (unrolled, looped and mixed layers, every output and loss).
/// </summary>
public class TrainStepTests
{
    /// <summary>
    /// Relative to the larger of the parameter before and after the step: the two forms round −η·δ·a differently
    /// (once per row against once per weight, and the kernels fuse the multiply-add), about 1e-7 of that scale.
    /// </summary>
    private const float Tolerance = 1e-6f;

    private const float LearningRate = 0.1f;

    private delegate float TrainStepMethod(ReadOnlySpan<float> input, ReadOnlySpan<float> target, float learningRate);

    [Theory]
    [MemberData(nameof(GradientCheckTests.Architectures), MemberType = typeof(GradientCheckTests))]
    public void TrainStep_EqualsBackwardThenSgdStep(string name)
    {
        for (int seed = 1; seed <= 3; seed++)
        {
            INetwork fused = GradientCheckNetworks.Create(name, seed);
            INetwork reference = GradientCheckNetworks.Create(name, seed);
            TrainStepMethod trainStep = TrainStepOf(fused);
            var optimizer = new Sgd(LearningRate);
            var gradient = new float[reference.ParameterCount];
            var random = new DeterministicRandom(seed * 7919);
            for (int step = 0; step < 3; step++)
            {
                float[] input = GradientCheckTests.RandomVector(fused.InputSize, ref random);
                float[] target = GradientCheckTests.RandomDistribution(fused.OutputSize, ref random);
                float[] before = fused.Parameters.ToArray();
                before.CopyTo(reference.Parameters);
                Array.Clear(gradient);

                float expectedLoss = reference.Backward(input, target, gradient);
                optimizer.Step(reference.Parameters, gradient);
                float loss = trainStep(input, target, LearningRate);

                // The forward pass and BP1 are the same code in both, so the loss is the same float.
                Assert.Equal(expectedLoss, loss);
                AssertClose(before, reference.Parameters.ToArray(), fused.Parameters.ToArray(), $"{name} seed {seed} step {step}");
            }
        }
    }

    [Fact]
    public void TrainStep_ThreadScratchNetwork_EqualsBackwardThenSgdStep()
    {
        var fused = new WideNet(seed: 2);
        var reference = new WideNet(seed: 2);
        var gradient = new float[WideNet.ParameterCount];
        float[] before = fused.Parameters.ToArray();

        float expectedLoss = reference.Backward(new[] { 0.37f }, new[] { 0.8f }, gradient);
        new Sgd(0.05f).Step(reference.Parameters, gradient);
        float loss = fused.TrainStep(new[] { 0.37f }, new[] { 0.8f }, 0.05f);

        Assert.Equal(expectedLoss, loss);
        AssertClose(before, reference.Parameters.ToArray(), fused.Parameters.ToArray(), nameof(WideNet));
    }

    [Fact]
    public void TrainStep_LearnsXorLikeBackwardAndSgd()
    {
        // Online SGD on the four XOR samples: the fused step is a working optimizer, not only a per-step match.
        var network = new XorNet(seed: 1);
        float[][] inputs = { new[] { 0f, 0f }, new[] { 0f, 1f }, new[] { 1f, 0f }, new[] { 1f, 1f } };
        float[][] targets = { new[] { 0f }, new[] { 1f }, new[] { 1f }, new[] { 0f } };
        float first = 0f, last = 0f;
        for (int epoch = 0; epoch < 2000; epoch++)
        {
            float total = 0f;
            for (int s = 0; s < 4; s++)
            {
                total += network.TrainStep(inputs[s], targets[s], 2f);
            }

            first = epoch == 0 ? total : first;
            last = total;
        }

        Assert.True(last < first / 10f, $"loss went from {first} to {last}");
        var output = new float[1];
        for (int s = 0; s < 4; s++)
        {
            network.Forward(inputs[s], output);
            Assert.Equal(targets[s][0], MathF.Round(output[0]));
        }
    }

    private static TrainStepMethod TrainStepOf(INetwork network)
    {
        MethodInfo method = network.GetType().GetMethod("TrainStep")
            ?? throw new InvalidOperationException($"{network.GetType().Name} has no TrainStep.");
        return method.CreateDelegate<TrainStepMethod>(network);
    }

    private static void AssertClose(float[] before, float[] expected, float[] actual, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            float scale = MathF.Max(MathF.Abs(expected[i]), MathF.Abs(before[i]));
            float error = MathF.Abs(actual[i] - expected[i]);
            Assert.True(error <= Tolerance * scale, $"{what}: parameter {i} is {actual[i]:R}, expected {expected[i]:R} (before {before[i]:R}, error {error:E2})");
        }
    }
}
