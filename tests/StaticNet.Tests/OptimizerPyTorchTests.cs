using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using StaticNet.Tests.Networks;
using Xunit;
using Xunit.Abstractions;

namespace StaticNet.Tests;

/// <summary>
/// Every optimizer against torch.optim 1.13 (Fixtures/make_optimizer_fixtures.py): the same 3-4-2 network from the
/// same parameters on the same batches for 48 steps, with and without clip_grad_norm_ (and with the biases left out of
/// the weight decay, as parameter groups), agreeing to 2e-4 in every loss, gradient norm and parameter.
/// </summary>
public class OptimizerPyTorchTests
{
    private const float Tolerance = 2e-4f;

    private readonly ITestOutputHelper _output;

    public OptimizerPyTorchTests(ITestOutputHelper output) => _output = output;

    public static TheoryData<string> Configurations => new()
    {
        "adamw", "adamw_clip",
        "adam_l2", "adam_l2_clip",
        "sgd_nesterov_decay", "sgd_nesterov_decay_clip",
        "sgd_momentum_dampening", "sgd_momentum_dampening_clip",
        "rmsprop", "rmsprop_clip",
        "rmsprop_momentum", "rmsprop_momentum_clip",
        "rmsprop_centered", "rmsprop_centered_clip",
        "adamw_nobias", "sgd_nesterov_decay_nobias", "rmsprop_momentum_nobias",
    };

    [Theory]
    [MemberData(nameof(Configurations))]
    public void Trajectory_MatchesTorchOptim(string configuration)
    {
        using JsonDocument problem = Load("optimizer_problem.json");
        using JsonDocument expected = Load($"optimizer_{configuration}.json");
        JsonElement root = problem.RootElement;
        int batchSize = root.GetProperty("batchSize").GetInt32();
        int steps = root.GetProperty("steps").GetInt32();
        float maxNorm = root.GetProperty("maxNorm").GetSingle();
        float[] inputs = Floats(root.GetProperty("inputs"));
        float[] targets = Floats(root.GetProperty("targets"));
        float[] losses = Floats(expected.RootElement.GetProperty("losses"));
        float[] norms = Floats(expected.RootElement.GetProperty("norms"));
        float[][] trajectory = expected.RootElement.GetProperty("parameters").EnumerateArray().Select(Floats).ToArray();
        bool clip = configuration.EndsWith("_clip", StringComparison.Ordinal);

        IBatchNetwork network = new OptimizerFixtureNet();
        network.SetParameters(Floats(root.GetProperty("parameters")));
        IOptimizer optimizer = Create(clip ? configuration[..^"_clip".Length] : configuration, network);
        var gradient = new float[network.ParameterCount];
        int samples = targets.Length / network.OutputSize;
        var deviation = new TrajectoryDeviation(configuration, Tolerance);
        Assert.True(steps >= 40);
        for (int step = 0; step < steps; step++)
        {
            int start = (step * batchSize) % samples;
            Array.Clear(gradient);
            float loss = network.BackwardBatch(
                inputs.AsSpan(start * network.InputSize, batchSize * network.InputSize),
                targets.AsSpan(start * network.OutputSize, batchSize * network.OutputSize),
                gradient);
            deviation.CheckLoss(step, loss, losses[step]);
            if (clip)
            {
                float norm = GradientClipping.ClipNorm(gradient, maxNorm);
                Assert.True(Math.Abs(norm - norms[step]) <= Tolerance, $"step {step}: norm {norm:R}, torch {norms[step]:R}");
            }

            optimizer.Step(network.Parameters, gradient);
            deviation.CheckParameters(step, network, trajectory[step]);
        }

        _output.WriteLine(deviation.Summary(steps));
    }

    /// <summary>
    /// The optimizer each configuration name stands for, with the hyper-parameters of the Python script; the
    /// *_nobias ones leave <paramref name="network"/>'s biases out of the decay, as the script's parameter groups.
    /// </summary>
    private static IOptimizer Create(string name, INetwork network)
    {
        switch (name)
        {
            case "adamw_nobias":
                // <docs:exclude-biases>
                var adamW = new AdamW(learningRate: 0.01f, weightDecay: 0.1f);
                adamW.ExcludeBiasesFromWeightDecay(network); // weights in a group with weight_decay=0.1, biases with 0
                // </docs:exclude-biases>
                return adamW;
            case "sgd_nesterov_decay_nobias":
                var sgd = new Sgd(0.05f, momentum: 0.9f, weightDecay: 0.05f, nesterov: true);
                sgd.ExcludeBiasesFromWeightDecay(network);
                return sgd;
            case "rmsprop_momentum_nobias":
                var rmsProp = new RmsProp(learningRate: 0.005f, momentum: 0.9f, weightDecay: 0.05f);
                rmsProp.ExcludeBiasesFromWeightDecay(network);
                return rmsProp;
            default:
                return Create(name);
        }
    }

    /// <summary>The optimizer each configuration name stands for, with the hyper-parameters of the Python script.</summary>
    private static IOptimizer Create(string name) => name switch
    {
        "adamw" => new AdamW(learningRate: 0.01f, weightDecay: 0.1f),
        "adam_l2" => new Adam(learningRate: 0.01f, weightDecay: 0.05f),
        "sgd_nesterov_decay" => new Sgd(0.05f, momentum: 0.9f, weightDecay: 0.01f, nesterov: true),
        "sgd_momentum_dampening" => new Sgd(0.05f, momentum: 0.9f, dampening: 0.3f, weightDecay: 0.01f),
        "rmsprop" => new RmsProp(learningRate: 0.01f),
        "rmsprop_momentum" => new RmsProp(learningRate: 0.005f, momentum: 0.9f, weightDecay: 0.01f),
        "rmsprop_centered" => new RmsProp(learningRate: 0.005f, alpha: 0.9f, centered: true),
        _ => throw new ArgumentException(name, nameof(name)),
    };

    private static JsonDocument Load(string file) => JsonDocument.Parse(File.ReadAllText(PyTorchFixtures.PathOf(file)));

    private static float[] Floats(JsonElement values) => values.EnumerateArray().Select(value => value.GetSingle()).ToArray();
}
