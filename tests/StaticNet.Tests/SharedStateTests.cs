using System;
using System.Linq;
using StaticNet.Tests.Networks;
using Xunit;

namespace StaticNet.Tests;

/// <summary>
/// Issue 18, class 16: a stateful optimizer stepping two parameter vectors, and two Fits on one network at once, are
/// errors that say what to do, and leave the parameters as they were.
/// </summary>
public class SharedStateTests
{
    [Theory]
    [InlineData("Adam")]
    [InlineData("Sgd")]
    public void OneOptimizer_FittingASecondNetwork_Throws_AndLeavesItUntouched(string kind)
    {
        // Before: the second Fit trained the second network with the first one's moment estimates (or velocity).
        IOptimizer optimizer = kind == "Adam" ? new Adam(0.01f) : new Sgd(0.01f, momentum: 0.9f);
        var first = new Arch23(seed: 3);
        var second = new Arch23(seed: 4);
        float[] secondBefore = second.Parameters.ToArray();
        new Trainer(first, optimizer, new TrainerOptions { Epochs = 1 }).Fit(TrainerTests.Blobs(64, seed: 1));

        var exception = Assert.Throws<InvalidOperationException>(() =>
            new Trainer(second, optimizer, new TrainerOptions { Epochs = 1 }).Fit(TrainerTests.Blobs(64, seed: 1)));

        Assert.Equal(
            $"This {kind} was used by Trainer.Fit for another Arch23 instance. Its state (velocity, moment estimates) belongs to one parameter vector: " +
            $"use one optimizer per parameter vector (a new {kind} for each network), or call Reset() before using it for another.",
            exception.Message);
        Assert.Equal(secondBefore, second.Parameters.ToArray());

        // Reset forgets the first network, and training the second then works.
        optimizer.Reset();
        new Trainer(second, optimizer, new TrainerOptions { Epochs = 1 }).Fit(TrainerTests.Blobs(64, seed: 1));
        Assert.NotEqual(secondBefore, second.Parameters.ToArray());
    }

    [Fact]
    public void PlainSgd_HasNoState_AndMayTrainAnyNumberOfNetworks()
    {
        var sgd = new Sgd(0.01f);
        new Trainer(new Arch23(seed: 3), sgd, new TrainerOptions { Epochs = 1 }).Fit(TrainerTests.Blobs(64, seed: 1));
        new Trainer(new Arch23(seed: 4), sgd, new TrainerOptions { Epochs = 1 }).Fit(TrainerTests.Blobs(64, seed: 1));
    }

    [Fact]
    public void Step_WithAVectorOfAnotherLength_Throws()
    {
        var adam = new Adam();
        adam.Step(new float[8], new float[8]);

        var exception = Assert.Throws<InvalidOperationException>(() => adam.Step(new float[9], new float[9]));

        Assert.StartsWith("This Adam was first used with 8 parameters, and is now stepping 9. ", exception.Message);
        Assert.Contains("use one optimizer per parameter vector", exception.Message);
    }

    [Theory]
    [InlineData("Adam")]
    [InlineData("Sgd")]
    public void Step_WithAnotherVectorOfTheSameLength_Throws_WhenNoCollectionCouldHaveMovedTheFirst(string kind)
    {
        float[] a = GC.AllocateArray<float>(64, pinned: true), b = GC.AllocateArray<float>(64, pinned: true);
        var gradient = new float[64];
        Array.Fill(gradient, 1f);

        // A collection between the two steps (another test allocating) makes the new address legitimate: try again.
        for (int attempt = 0; ; attempt++)
        {
            IOptimizer optimizer = kind == "Adam" ? new Adam() : new Sgd(0.1f, momentum: 0.5f);
            int collections = GC.CollectionCount(0);
            optimizer.Step(a, gradient);
            float[] bBefore = b.ToArray();
            Exception? thrown = Record.Exception(() => optimizer.Step(b, gradient));
            if (GC.CollectionCount(0) != collections && attempt < 20)
            {
                continue;
            }

            var exception = Assert.IsType<InvalidOperationException>(thrown);
            Assert.StartsWith($"This {kind} is stepping a parameter vector at another address than its previous step's", exception.Message);
            Assert.Contains("use one optimizer per parameter vector", exception.Message);
            Assert.Equal(bBefore, b);
            return;
        }
    }

    [Fact]
    public void Step_OnOneVector_AcrossCompactingCollections_NeverThrows()
    {
        // An ordinary array may move in a collection; the optimizer must take it for the same vector.
        var adam = new Adam();
        var gradient = new float[1000];
        Array.Fill(gradient, 0.5f);
        float[] parameters = new float[1000];
        for (int i = 0; i < 20; i++)
        {
            adam.Step(parameters, gradient);
            _ = new byte[10_000]; // something to compact away in front of the parameters
            GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        }

        Assert.Equal(20, adam.StepCount);
    }

    [Fact]
    public void TwoFitsOnOneNetworkAtOnce_TheSecondThrows_AndTheFirstFinishes()
    {
        // Before: the two runs interleaved their steps on the same parameters.
        var network = new Arch23(seed: 3);
        Dataset data = TrainerTests.Blobs(64, seed: 1);
        Exception? second = null;
        float[]? parametersAtSecondCall = null;
        var progress = new TrainerTests.InlineProgress(report =>
        {
            if (report.Epoch == 1)
            {
                parametersAtSecondCall = network.Parameters.ToArray();
                // A second trainer of the same network, called while the first Fit is still running.
                second = Record.Exception(() => new Trainer(network, new Adam(0.01f), new TrainerOptions { Epochs = 1 }).Fit(data));
                Assert.Equal(parametersAtSecondCall, network.Parameters.ToArray());
            }
        });

        TrainingResult result = new Trainer(network, new Adam(0.01f), new TrainerOptions { Epochs = 2 }).Fit(data, progress: progress);

        var exception = Assert.IsType<InvalidOperationException>(second);
        Assert.StartsWith("Another Trainer.Fit is already training this Arch23; one Fit at a time per network.", exception.Message);
        Assert.Equal(2, result.History.Count);

        // Once the first Fit has returned, the network may be trained again.
        new Trainer(network, new Adam(0.01f), new TrainerOptions { Epochs = 1 }).Fit(data);
    }

    [Fact]
    public async System.Threading.Tasks.Task TwoFitsOnOneNetwork_FromTwoThreads_TheSecondThrows()
    {
        var network = new Arch23(seed: 3);
        Dataset data = TrainerTests.Blobs(64, seed: 1);
        using var firstIsTraining = new System.Threading.ManualResetEventSlim();
        using var secondHasTried = new System.Threading.ManualResetEventSlim();
        var progress = new TrainerTests.InlineProgress(report =>
        {
            if (report.Epoch == 1)
            {
                firstIsTraining.Set();
                Assert.True(secondHasTried.Wait(TimeSpan.FromSeconds(30)));
            }
        });

        var first = System.Threading.Tasks.Task.Run(() => new Trainer(network, new Adam(0.01f), new TrainerOptions { Epochs = 2 }).Fit(data, progress: progress));
        Assert.True(firstIsTraining.Wait(TimeSpan.FromSeconds(30)));
        Exception? second = Record.Exception(() => new Trainer(network, new Sgd(0.01f), new TrainerOptions { Epochs = 1 }).Fit(data));
        secondHasTried.Set();

        Assert.IsType<InvalidOperationException>(second);
        Assert.Contains("one Fit at a time per network", second!.Message);
        Assert.Equal(2, (await first).History.Count);
    }

    [Fact]
    public void AFitThatFails_ReleasesTheNetwork()
    {
        var network = new Arch23(seed: 3);
        Dataset data = TrainerTests.Blobs(64, seed: 1);
        using var cancelled = new System.Threading.CancellationTokenSource();
        cancelled.Cancel();
        Assert.Throws<OperationCanceledException>(() => new Trainer(network, new Adam(0.01f)).Fit(data, cancellationToken: cancelled.Token));

        new Trainer(network, new Adam(0.01f), new TrainerOptions { Epochs = 1 }).Fit(data);
    }
}
