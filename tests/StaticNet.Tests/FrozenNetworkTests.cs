using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using StaticNet.Samples.Iris;
using StaticNet.Tests.Networks;
using Xunit;

namespace StaticNet.Tests;

/// <summary>
/// Frozen networks (Weights = "..."): the PyTorch fixtures compiled in, predicting what PyTorch predicts, with
/// instances that start from the trained weights and can still be retrained.
/// </summary>
public sealed class FrozenNetworkTests
{
    /// <summary>(fixture name, Predict, TrainedParameters, a fresh instance) for every frozen test network.</summary>
    private static readonly Dictionary<string, (PredictFunction Predict, Func<float[]> Trained, Func<INetwork> Create)> Networks = new()
    {
        ["dropouts"] = (FrozenDropoutsNet.Predict, () => FrozenDropoutsNet.TrainedParameters.ToArray(), () => new FrozenDropoutsNet()),
        ["named"] = (FrozenNamedNet.Predict, () => FrozenNamedNet.TrainedParameters.ToArray(), () => new FrozenNamedNet()),
        ["frozen"] = (FrozenKernelNet.Predict, () => FrozenKernelNet.TrainedParameters.ToArray(), () => new FrozenKernelNet()),
        ["frozenwide"] = (FrozenWideNet.Predict, () => FrozenWideNet.TrainedParameters.ToArray(), () => new FrozenWideNet()),
    };

    public static TheoryData<string> Names => new() { "dropouts", "named", "frozen", "frozenwide" };

    private delegate void PredictFunction(ReadOnlySpan<float> input, Span<float> output);

    [Theory]
    [MemberData(nameof(Names))]
    public void Predict_MatchesPyTorch(string name)
    {
        (float[][] inputs, float[][] expected) = PyTorchFixtures.Expected(name);
        var output = new float[expected[0].Length];
        for (int i = 0; i < inputs.Length; i++)
        {
            Networks[name].Predict(inputs[i], output);
            for (int j = 0; j < output.Length; j++)
            {
                Assert.True(Math.Abs(output[j] - expected[i][j]) <= 1e-5, $"{name}: sample {i}, output {j}: Predict {output[j]:R}, PyTorch {expected[i][j]:R}");
            }
        }
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void TrainedParameters_AreTheFileValuesBitForBit(string name)
    {
        // Each fixture lists its tensors as W[1], b[1], W[2], b[2], …: the file's numbers in order are the layout.
        using JsonDocument document = JsonDocument.Parse(File.ReadAllText(PyTorchFixtures.PathOf(name + ".weights.json")));
        var values = new List<float>();
        foreach (JsonProperty tensor in document.RootElement.EnumerateObject())
        {
            Flatten(tensor.Value, values);
        }

        float[] trained = Networks[name].Trained();
        Assert.Equal(values.Count, trained.Length);
        for (int i = 0; i < trained.Length; i++)
        {
            Assert.True(BitConverter.SingleToInt32Bits(values[i]) == BitConverter.SingleToInt32Bits(trained[i]), $"{name}: parameter {i} is {trained[i]:R}, the file says {values[i]:R}");
        }
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void NewInstance_HoldsExactlyTheTrainedParameters_AndItsForwardEqualsPredict(string name)
    {
        INetwork network = Networks[name].Create();
        Assert.Equal(Networks[name].Trained(), network.Parameters.ToArray());

        // Predict and Forward run the same layers over the same values; on random inputs they agree to 1e-6 relative.
        var random = new Random(7);
        var input = new float[network.InputSize];
        var forward = new float[network.OutputSize];
        var predict = new float[network.OutputSize];
        for (int sample = 0; sample < 50; sample++)
        {
            for (int k = 0; k < input.Length; k++)
            {
                input[k] = (float)(random.NextDouble() * 4 - 2);
            }

            network.Forward(input, forward);
            Networks[name].Predict(input, predict);
            for (int j = 0; j < forward.Length; j++)
            {
                Assert.True(Math.Abs(forward[j] - predict[j]) <= 1e-6 * Math.Max(1, Math.Abs(forward[j])), $"{name}: sample {sample}, output {j}: Forward {forward[j]:R}, Predict {predict[j]:R}");
            }
        }
    }

    [Fact]
    public void SeedConstructorAndInitialize_StillReRandomise()
    {
        var seeded = new FrozenKernelNet(seed: 3);
        var trained = new FrozenKernelNet();
        Assert.NotEqual(FrozenKernelNet.TrainedParameters.ToArray(), seeded.Parameters.ToArray());

        trained.Initialize(3);
        Assert.Equal(seeded.Parameters.ToArray(), trained.Parameters.ToArray());
    }

    [Fact]
    public void Backward_FineTunesTheTrainedNetwork_WhilePredictKeepsTheTrainedWeights()
    {
        var network = new FrozenDropoutsNet();
        (float[][] inputs, float[][] _) = PyTorchFixtures.Expected("dropouts");
        float[] target = { 0, 1, 0 };
        var gradient = new float[FrozenDropoutsNet.ParameterCount];
        var predictedBefore = new float[3];
        FrozenDropoutsNet.Predict(inputs[0], predictedBefore);
        float before = 0, after = 0;
        for (int step = 0; step < 30; step++)
        {
            Array.Clear(gradient);
            float loss = network.Backward(inputs[0], target, gradient);
            before = step == 0 ? loss : before;
            after = loss;
            Span<float> parameters = network.Parameters;
            for (int i = 0; i < parameters.Length; i++)
            {
                parameters[i] -= 0.1f * gradient[i];
            }
        }

        Assert.True(after < before * 0.5f, $"loss {before} → {after}");

        // The instance moved away from the trained weights; the static Predict did not.
        var predicted = new float[3];
        FrozenDropoutsNet.Predict(inputs[0], predicted);
        Assert.Equal(predictedBefore, predicted);
        Assert.NotEqual(FrozenDropoutsNet.TrainedParameters.ToArray(), network.Parameters.ToArray());
    }

    [Fact]
    public void PredictBatch_EqualsPredictRowByRow_AndChecksItsSpans()
    {
        (float[][] inputs, float[][] _) = PyTorchFixtures.Expected("frozen");
        float[] batch = inputs.SelectMany(row => row).ToArray();
        var outputs = new float[inputs.Length * FrozenKernelNet.OutputSize];
        FrozenKernelNet.PredictBatch(batch, outputs);

        var row = new float[FrozenKernelNet.OutputSize];
        for (int i = 0; i < inputs.Length; i++)
        {
            FrozenKernelNet.Predict(inputs[i], row);
            Assert.Equal(row, outputs.AsSpan(i * FrozenKernelNet.OutputSize, FrozenKernelNet.OutputSize).ToArray());
        }

        ArgumentException wrong = Assert.Throws<ArgumentException>(() => FrozenKernelNet.PredictBatch(batch, new float[5]));
        Assert.Contains("18", wrong.Message);
        Assert.Throws<ArgumentException>(() => FrozenKernelNet.Predict(new float[15], row));
    }

    [Fact]
    public void Predict_AllocatesNothing()
    {
        var input = new float[FrozenKernelNet.InputSize];
        var output = new float[FrozenKernelNet.OutputSize];
        var small = new float[FrozenDropoutsNet.OutputSize];
        FrozenKernelNet.Predict(input, output);
        FrozenDropoutsNet.Predict(input.AsSpan(0, 4), small);
        FrozenKernelNet.PredictBatch(input, output);

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 1000; i++)
        {
            FrozenKernelNet.Predict(input, output);
            FrozenDropoutsNet.Predict(input.AsSpan(0, 4), small);
            FrozenKernelNet.PredictBatch(input, output);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void IrisSample_FrozenFromItsWeightsFile_PredictsWhatTheTrainedNetworkComputes()
    {
        // The sample trains deterministically (seed 42); samples/IrisFrozen/iris.weights.json is what it wrote.
        IrisExperiment.Outcome outcome = IrisExperiment.Run(IrisExperiment.DefaultDataPath);
        var trained = new float[3];
        var frozen = new float[3];
        for (int s = 0; s < outcome.Test.Count; s++)
        {
            outcome.Network.Forward(outcome.Test.FeaturesOf(s), trained);
            FrozenSampleIrisNet.Predict(outcome.Test.FeaturesOf(s), frozen);
            for (int j = 0; j < 3; j++)
            {
                Assert.True(Math.Abs(trained[j] - frozen[j]) <= 1e-5, $"sample {s}, output {j}: trained {trained[j]:R}, frozen {frozen[j]:R}");
            }
        }
    }

    private static void Flatten(JsonElement element, List<float> values)
    {
        if (element.ValueKind == JsonValueKind.Number)
        {
            // The generator rounds the decimal text to the nearest double, then to float; so does this.
            values.Add((float)element.GetDouble());
            return;
        }

        foreach (JsonElement item in element.EnumerateArray())
        {
            Flatten(item, values);
        }
    }
}
