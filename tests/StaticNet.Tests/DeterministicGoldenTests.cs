using System;
using System.Collections.Generic;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using StaticNet.Determinism;
using StaticNet.Tests.Networks;
using Xunit;

namespace StaticNet.Tests;

/// <summary>
/// Deterministic networks give the same bits in the vector builds and in the portable netstandard2.1 build: StaticNet.Tests
/// (net10.0 runtime, vector code) and StaticNet.Portable.Tests (netstandard2.1 runtime, scalar generated code, software
/// fused multiply-adds) both compile this file, and both must reproduce the SHA-256 of every result below, which the
/// net10.0 build computed. Every activation and derivative, the losses from logits, SGD by TrainStep, and the Trainer
/// with SGD with momentum, Adam, AdamW and RMSprop. A change to what deterministic networks compute changes these hashes
/// on purpose only (tests/Determinism/run.sh then proves the new bits on every width and runtime).
/// </summary>
public sealed class DeterministicGoldenTests
{
    private static readonly Dictionary<string, string> Expected = new()
    {
        ["sigmoid 4-5-3"] = "567be60d19f14736dfe8f29adad5a3aa7e24cd869ca6a189e9e19f7e85648811",
        ["softmax 20-32-10"] = "88dc71fbedfe53c5c614086fa229c4310ec6c42acd36f267c5629f59e3219555",
        ["smooth 6-8-8-8-8-8-3"] = "4939984ac65da7e111b069fc4bc02a86ab46d6175f7bfc446bb2258ce73f5aa1",
        ["tanh 5-7-2"] = "e9b479129bd66e2c7104286e876686137f3478a20acc4bfec39285d408529200",
    };

    [Fact]
    public void SigmoidRegisterNetwork_ReproducesTheVectorBuildsBits() => Check("sigmoid 4-5-3", () => new DeterministicRegisterNet(11), (n, x, t, r) => n.TrainStep(x, t, r), classes: false);

    [Fact]
    public void SoftmaxKernelNetwork_ReproducesTheVectorBuildsBits() => Check("softmax 20-32-10", () => new DeterministicKernelNet(12), (n, x, t, r) => n.TrainStep(x, t, r), classes: true);

    [Fact]
    public void SmoothNetwork_ReproducesTheVectorBuildsBits() => Check("smooth 6-8-8-8-8-8-3", () => new DeterministicSmoothNet(13), (n, x, t, r) => n.TrainStep(x, t, r), classes: false);

    [Fact]
    public void TanhNetwork_ReproducesTheVectorBuildsBits() => Check("tanh 5-7-2", () => new DeterministicTanhNet(14), (n, x, t, r) => n.TrainStep(x, t, r), classes: false);

    private delegate float TrainStep<TNetwork>(TNetwork network, ReadOnlySpan<float> input, ReadOnlySpan<float> target, float learningRate);

    /// <summary>Forward, Backward, BackwardBatch, two passes of TrainStep and three epochs of the Trainer with four optimizers, hashed together.</summary>
    private static void Check<TNetwork>(string name, Func<TNetwork> create, TrainStep<TNetwork> trainStep, bool classes)
        where TNetwork : IParallelBatchNetwork
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        TNetwork network = create();
        int inputs = network.InputSize, outputs = network.OutputSize;
        const int Samples = 48;
        Dataset data = HashData.Create(inputs, outputs, Samples, classes, seed: inputs);

        var output = new float[outputs];
        var gradient = new float[network.ParameterCount];
        var losses = new float[Samples];
        for (int s = 0; s < Samples; s++)
        {
            network.Forward(data.FeaturesOf(s), output);
            Append(hash, output);
            losses[s] = network.Backward(data.FeaturesOf(s), data.TargetsOf(s), gradient);
        }

        Append(hash, gradient);
        Append(hash, losses);
        Array.Clear(gradient, 0, gradient.Length);
        Append(hash, [network.BackwardBatch(data.Features, data.Targets, gradient)]);
        Append(hash, gradient);

        for (int pass = 0; pass < 2; pass++)
        {
            for (int s = 0; s < Samples; s++)
            {
                losses[s] = trainStep(network, data.FeaturesOf(s), data.TargetsOf(s), 0.05f);
            }

            Append(hash, losses);
        }

        Append(hash, network.Parameters);
        foreach (IOptimizer optimizer in new IOptimizer[] { new Sgd(0.05f, momentum: 0.9f), new Adam(0.01f), new AdamW(0.01f), new RmsProp(0.005f) })
        {
            TNetwork trained = create();
            TrainingResult result = new Trainer(trained, optimizer, new TrainerOptions { Epochs = 3, BatchSize = 16, Seed = 5, MaxDegreeOfParallelism = 2 }).Fit(data);
            foreach (EpochReport epoch in result.History)
            {
                Append(hash, [epoch.TrainLoss]);
            }

            Append(hash, trained.Parameters);
        }

        string actual = Convert.ToHexString(hash.GetHashAndReset()).ToLowerInvariant();
        Assert.True(Expected[name] == actual, $"{name}: SHA-256 {actual}, expected {Expected[name]} (the net10.0 build's)");
    }

    private static void Append(IncrementalHash hash, ReadOnlySpan<float> values) => hash.AppendData(MemoryMarshal.AsBytes(values));
}
