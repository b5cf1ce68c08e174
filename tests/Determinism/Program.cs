using System;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using StaticNet;

namespace StaticNet.Determinism;

/// <summary>
/// Trains and runs deterministic networks and prints one SHA-256 per result: the parameters after each kind of
/// training, and the outputs and gradients of every method. run.sh runs this under every vector width, without
/// hardware FMA, as a NativeAOT binary, and its netstandard2.1 build (the portable runtime) under Mono and under
/// .NET, and fails unless every line is the same everywhere. Lines starting with '#' describe the machine and are not
/// compared.
/// </summary>
public static class HashProgram
{
    /// <summary>Prints the machine line and every hash; the entry point of the program and of the Mono launcher.</summary>
    /// <param name="args">Not used.</param>
    public static void Main(string[] args)
    {
        Console.WriteLine("# " + Machine.Describe());
        Check(() => new SigmoidNet(1), "sigmoid 4-5-3", samples: 64, classes: false);
        Check(() => new TanhNet(2), "tanh 6-16-4", samples: 64, classes: false);
        Check(() => new SoftmaxNet(3), "softmax 20-32-10", samples: 96, classes: true);
        Check(() => new SmoothNet(4), "smooth 8-12-12-2", samples: 64, classes: false);
        Check(() => new DropoutNet(6), "dropout 16-32-24-3", samples: 64, classes: false);
        Check(() => new MnistNet(5), "mnist 784-128-10", samples: 96, classes: true);
    }

    // Every method of one network type, each from a fresh network of the same seed.
    private static void Check<TNetwork>(Func<TNetwork> create, string name, int samples, bool classes)
        where TNetwork : IParallelBatchNetwork, ITrainStep
    {
        TNetwork probe = create();
        Dataset data = HashData.Create(probe.InputSize, probe.OutputSize, samples, classes, seed: probe.InputSize);
        int inputs = probe.InputSize, outputs = probe.OutputSize;

        // Forward and ForwardBatch on the untrained network.
        var forward = new float[samples * outputs];
        for (int s = 0; s < samples; s++)
        {
            probe.Forward(data.FeaturesOf(s), forward.AsSpan(s * outputs, outputs));
        }

        Print(name, "Forward", forward);
        var batch = new float[samples * outputs];
        probe.ForwardBatch(data.Features, batch);
        Print(name, "ForwardBatch", batch);

        // Backward (parameter and input gradients, summed over the samples in order, and the losses) and Backpropagate.
        var gradient = new float[probe.ParameterCount];
        var inputGradients = new float[samples * inputs];
        var losses = new float[samples];
        for (int s = 0; s < samples; s++)
        {
            losses[s] = probe.Backward(data.FeaturesOf(s), data.TargetsOf(s), gradient, inputGradients.AsSpan(s * inputs, inputs));
        }

        Print(name, "Backward gradient", gradient);
        Print(name, "Backward input gradient", inputGradients);
        Print(name, "Backward loss", losses);
        Array.Clear(gradient, 0, gradient.Length);
        for (int s = 0; s < samples; s++)
        {
            probe.Backpropagate(data.FeaturesOf(s), forward.AsSpan(s * outputs, outputs), gradient, inputGradients.AsSpan(s * inputs, inputs));
        }

        Print(name, "Backpropagate", gradient);
        Array.Clear(gradient, 0, gradient.Length);
        float batchLoss = probe.BackwardBatch(data.Features, data.Targets, gradient);
        Print(name, "BackwardBatch", gradient, batchLoss);

        // TrainStep: plain SGD, one sample at a time, two passes.
        TNetwork stepped = create();
        var stepLosses = new float[2 * samples];
        for (int pass = 0; pass < 2; pass++)
        {
            for (int s = 0; s < samples; s++)
            {
                stepLosses[(pass * samples) + s] = stepped.TrainStep(data.FeaturesOf(s), data.TargetsOf(s), 0.05f);
            }
        }

        Print(name, "TrainStep parameters", stepped.Parameters);
        Print(name, "TrainStep losses", stepLosses);

        // The Trainer with Adam and with momentum SGD, on one thread and on two (shuffled mini-batches, parallel backward).
        foreach (int threads in new[] { 1, 2 })
        {
            Train(create(), data, name, $"Trainer Adam, {threads} thread(s)", new Adam(0.01f), threads);
            Train(create(), data, name, $"Trainer SGD momentum, {threads} thread(s)", new Sgd(0.05f, momentum: 0.9f), threads);
        }
    }

    private static void Train<TNetwork>(TNetwork network, Dataset data, string name, string what, IOptimizer optimizer, int threads)
        where TNetwork : IParallelBatchNetwork
    {
        var options = new TrainerOptions { Epochs = 3, BatchSize = 16, Seed = 7, MaxDegreeOfParallelism = threads };
        TrainingResult result = new Trainer(network, optimizer, options).Fit(data);
        var history = new float[result.History.Count];
        for (int i = 0; i < history.Length; i++)
        {
            history[i] = result.History[i].TrainLoss;
        }

        var predictions = new float[data.Count * network.OutputSize];
        network.ForwardBatch(data.Features, predictions);
        Print(name, what + " parameters", network.Parameters);
        Print(name, what + " losses", history);
        Print(name, what + " predictions", predictions);
    }

    private static void Print(string name, string what, ReadOnlySpan<float> values, float? scalar = null)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        sha.AppendData(MemoryMarshal.AsBytes(values).ToArray());
        if (scalar is { } extra)
        {
            sha.AppendData(BitConverter.GetBytes(extra));
        }

        Console.WriteLine($"{name} | {what}: {BitConverter.ToString(sha.GetHashAndReset()).Replace("-", string.Empty).ToLowerInvariant()}");
    }
}
