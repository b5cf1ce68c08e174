using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using StaticNet.Tests.Networks;
using Xunit;

namespace StaticNet.Tests;

/// <summary>Checkpoint-on-best (TrainerOptions.CheckpointPath) and RestoreBestParameters.</summary>
public sealed class CheckpointTests() : TemporaryDirectory("checkpoint")
{
    [Fact]
    public void Checkpoint_HoldsTheBestValidationEpoch_AndRestoreBestFalseKeepsTheLast()
    {
        string path = PathOf("best-" + Guid.NewGuid().ToString("N") + ".safetensors");
        var network = new Arch23(seed: 4);
        Dataset train = TrainerTests.Blobs(40, seed: 5, noise: 2.5f), validation = TrainerTests.Blobs(300, seed: 6, noise: 2.5f);

        // The parameters at each epoch's report are those validated in that epoch.
        var snapshots = new List<(float Loss, float[] Parameters)>();
        // <docs:checkpoint>
        var options = new TrainerOptions
        {
            Epochs = 30,
            BatchSize = 8,
            Seed = 2,
            CheckpointPath = path,          // rewritten atomically whenever the validation loss reaches a new low
            RestoreBestParameters = false,  // keep the last epoch's parameters in the network
        };
        TrainingResult result = new Trainer(network, new Adam(0.05f), options).Fit(train, validation, new TrainerTests.InlineProgress(
            report => snapshots.Add((report.ValidationLoss!.Value, network.Parameters.ToArray()))));
        // </docs:checkpoint>

        int best = snapshots.Select((s, i) => (s.Loss, i)).Min().i;
        Assert.True(best < snapshots.Count - 1, "the best epoch was the last; the test needs an overfitting setup");
        Assert.Equal(snapshots.Count, result.BestEpoch);
        Assert.Equal(snapshots[^1].Parameters, network.Parameters.ToArray());

        var reloaded = new Arch23(seed: 9);
        SafeTensors.Load(reloaded, path);
        Assert.Equal(snapshots[best].Parameters, reloaded.Parameters.ToArray());
        Assert.Empty(System.IO.Directory.GetFiles(Directory.FullName, "*.staticnet-tmp", SearchOption.AllDirectories));
    }

    [Fact]
    public void Checkpoint_WithRestoreBest_EqualsTheNetworkAfterFit()
    {
        string path = PathOf("best-" + Guid.NewGuid().ToString("N") + ".safetensors");
        var network = new Arch23(seed: 4);
        new Trainer(network, new Adam(0.05f), new TrainerOptions { Epochs = 12, BatchSize = 8, Seed = 2, CheckpointPath = path })
            .Fit(TrainerTests.Blobs(40, seed: 5, noise: 2.5f), TrainerTests.Blobs(300, seed: 6, noise: 2.5f));

        var reloaded = new Arch23(seed: 9);
        SafeTensors.Load(reloaded, path);
        Assert.Equal(network.Parameters.ToArray(), reloaded.Parameters.ToArray());
    }

    [Fact]
    public void Checkpoint_WithoutAValidationSet_IsRejected()
    {
        string path = PathOf("never-written.safetensors");
        var options = new TrainerOptions { CheckpointPath = path };
        ArgumentException exception = Assert.Throws<ArgumentException>(() => new Trainer(new Arch23(seed: 1), new Sgd(0.1f), options).Fit(TrainerTests.Blobs(10, seed: 1)));
        Assert.Contains("pass a validation set", exception.Message);
        Assert.False(File.Exists(path));
    }
}
