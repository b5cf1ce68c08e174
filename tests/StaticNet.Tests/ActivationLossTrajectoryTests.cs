using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using StaticNet.Tests.Networks;
using Xunit;
using Xunit.Abstractions;

namespace StaticNet.Tests;

/// <summary>
/// GELU, SiLU, ELU and Softplus (on the hidden layer, and on the hidden and output layers) and the Huber (δ = 1 and
/// δ = 0.5) and L1 losses against PyTorch 1.13 over whole trainings (Fixtures/make_trajectory_fixtures.py): the same
/// network from the same parameters on the same mini-batches for 48 steps of torch.optim's SGD with momentum or Adam,
/// agreeing to 2e-4 in the loss and every parameter at every step.
/// </summary>
public sealed class ActivationLossTrajectoryTests
{
    private const float Tolerance = 2e-4f;

    private readonly ITestOutputHelper _output;

    public ActivationLossTrajectoryTests(ITestOutputHelper output) => _output = output;

    public static TheoryData<string> Configurations => new()
    {
        "gelu", "silu", "elu", "softplus",
        "gelu_output", "silu_output", "elu_output", "softplus_output",
        "huber", "huber_delta", "l1",
    };

    [Theory]
    [MemberData(nameof(Configurations))]
    public void Trajectory_MatchesPyTorch(string configuration)
    {
        using JsonDocument fixture = JsonDocument.Parse(File.ReadAllText(PyTorchFixtures.PathOf($"trajectory_{configuration}.json")));
        JsonElement root = fixture.RootElement;
        int batchSize = root.GetProperty("batchSize").GetInt32();
        float[] inputs = Floats(root.GetProperty("inputs"));
        float[] targets = Floats(root.GetProperty("targets"));
        float[] losses = Floats(root.GetProperty("losses"));
        float[][] trajectory = root.GetProperty("parameters").EnumerateArray().Select(Floats).ToArray();
        int steps = losses.Length;
        Assert.True(steps >= 40, $"{configuration}: {steps} steps");
        Assert.Equal(steps, trajectory.Length);

        IBatchNetwork network = Create(configuration);
        float[] initial = Floats(root.GetProperty("initial"));
        Assert.Equal(network.ParameterCount, initial.Length);
        network.SetParameters(initial);
        IOptimizer optimizer = configuration is "huber" or "huber_delta" or "l1"
            ? new Adam(learningRate: 0.01f)
            : new Sgd(0.01f, momentum: 0.9f);
        float huberDelta = configuration == "huber_delta" ? 0.5f : 1f;

        var gradient = new float[network.ParameterCount];
        var outputs = new float[batchSize * network.OutputSize];
        int samples = targets.Length / network.OutputSize;
        var deviation = new TrajectoryDeviation(configuration, Tolerance);
        bool below = false, beyond = false;
        for (int step = 0; step < steps; step++)
        {
            int start = (step * batchSize) % samples;
            ReadOnlySpan<float> x = inputs.AsSpan(start * network.InputSize, batchSize * network.InputSize);
            ReadOnlySpan<float> y = targets.AsSpan(start * network.OutputSize, batchSize * network.OutputSize);
            network.ForwardBatch(x, outputs);
            for (int i = 0; i < outputs.Length; i++)
            {
                below |= Math.Abs(outputs[i] - y[i]) < huberDelta;
                beyond |= Math.Abs(outputs[i] - y[i]) > huberDelta;
            }

            Array.Clear(gradient);
            deviation.CheckLoss(step, network.BackwardBatch(x, y, gradient), losses[step]);
            optimizer.Step(network.Parameters, gradient);
            deviation.CheckParameters(step, network, trajectory[step]);
        }

        // The Huber trajectories pass through both pieces of the loss (and the others through errors either side of 1).
        Assert.True(below && beyond, $"{configuration}: errors below δ {below}, beyond δ {beyond}");
        _output.WriteLine(deviation.Summary(steps));
    }

    /// <summary>The network each configuration name stands for, with the architecture of the Python script.</summary>
    private static IBatchNetwork Create(string configuration) => configuration switch
    {
        "gelu" => new GeluTrajectoryNet(seed: 1),
        "silu" => new SiluTrajectoryNet(seed: 1),
        "elu" => new EluTrajectoryNet(seed: 1),
        "softplus" => new SoftplusTrajectoryNet(seed: 1),
        "gelu_output" => new GeluOutputTrajectoryNet(seed: 1),
        "silu_output" => new SiluOutputTrajectoryNet(seed: 1),
        "elu_output" => new EluOutputTrajectoryNet(seed: 1),
        "softplus_output" => new SoftplusOutputTrajectoryNet(seed: 1),
        "huber" => new HuberFixtureNet(seed: 1),
        "huber_delta" => new HuberHalfDeltaNet(seed: 1),
        "l1" => new AbsoluteErrorFixtureNet(seed: 1),
        _ => throw new ArgumentException(configuration, nameof(configuration)),
    };

    private static float[] Floats(JsonElement values) => values.EnumerateArray().Select(value => value.GetSingle()).ToArray();
}
