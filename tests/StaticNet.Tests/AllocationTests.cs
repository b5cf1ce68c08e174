using System;
using StaticNet.Tests.Networks;
using Xunit;

namespace StaticNet.Tests;

/// <summary>Hot paths allocate nothing after warm-up (GC.GetAllocatedBytesForCurrentThread).</summary>
public class AllocationTests
{
    [Fact]
    public void Forward_Backward_Backpropagate_AllocateNothing()
    {
        var network = new Arch23(seed: 1); // 40-40-10 ReLU/softmax: looped layers
        var tiny = new DefaultNet(seed: 1); // 4-5-3: unrolled layers
        var input = new float[Arch23.InputSize];
        var output = new float[Arch23.OutputSize];
        var target = new float[Arch23.OutputSize];
        target[3] = 1f;
        var gradient = new float[Arch23.ParameterCount];
        var inputGradient = new float[Arch23.InputSize];
        var tinyOutput = new float[DefaultNet.OutputSize];
        var tinyGradient = new float[DefaultNet.ParameterCount];
        var tinyInput = new float[DefaultNet.InputSize];

        void Run()
        {
            network.Forward(input, output);
            network.Backward(input, target, gradient);
            network.Backward(input, target, gradient, inputGradient);
            network.Backpropagate(input, target, gradient, inputGradient);
            tiny.Forward(tinyInput, tinyOutput);
            tiny.Backward(tinyInput, tinyOutput, tinyGradient);
        }

        Assert.Equal(0, SteadyStateAllocation.AllocatedBytes(Run));
    }

    [Fact]
    public void TrainStep_AllocatesNothing()
    {
        var looped = new Arch23(seed: 1); // 40-40-10 ReLU/softmax: kernel layers
        var tiny = new DefaultNet(seed: 1); // 4-5-3: unrolled layers
        var wide = new WideNet(seed: 1); // per-thread scratch, allocated by the warm-up call
        var input = new float[Arch23.InputSize];
        var target = new float[Arch23.OutputSize];
        target[3] = 1f;
        var tinyInput = new float[DefaultNet.InputSize];
        var tinyTarget = new float[DefaultNet.OutputSize];
        float[] wideInput = { 0.5f }, wideTarget = { 0.25f };

        Assert.Equal(0, SteadyStateAllocation.AllocatedBytes(() =>
        {
            looped.TrainStep(input, target, 1e-3f);
            tiny.TrainStep(tinyInput, tinyTarget, 1e-3f);
            wide.TrainStep(wideInput, wideTarget, 1e-6f);
        }));
    }

    [Fact]
    public void ThreadScratchNetwork_AllocatesNothingAfterItsFirstCall()
    {
        var network = new WideNet(seed: 1);
        var output = new float[1];
        var gradient = new float[WideNet.ParameterCount];
        float[] input = { 0.5f };

        Assert.Equal(0, SteadyStateAllocation.AllocatedBytes(() =>
        {
            network.Forward(input, output);
            network.Backward(input, output, gradient);
        }));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void FitBatchesWithAdam_SteppedOnEveryCore_AllocateNothing(int threads)
    {
        // Two batches of two parts per epoch; Adam steps each range of the gradient on the core that finished it.
        // The count is this thread's: with two threads it takes its share of the parts and of the ranges.
        var network = new Arch23(seed: 1);
        const int Samples = 128;
        var random = new DeterministicRandom(3);
        var features = new float[Samples * Arch23.InputSize];
        var labels = new int[Samples];
        for (int i = 0; i < features.Length; i++)
        {
            features[i] = random.NextSymmetric(1f);
        }

        for (int s = 0; s < Samples; s++)
        {
            labels[s] = random.NextInt32(Arch23.OutputSize);
        }

        var options = new TrainerOptions { BatchSize = 64, MaxDegreeOfParallelism = threads, AdaptDegreeOfParallelism = false };
        using var run = new TrainingRun(network, new Adam(1e-4f), options, Dataset.FromLabels(features, Arch23.InputSize, labels, Arch23.OutputSize), null, null);
        int epoch = 0;

        Assert.Equal(0, SteadyStateAllocation.AllocatedBytes(() => run.TrainEpoch(++epoch, null, System.Threading.CancellationToken.None)));
        Assert.True(System.Numerics.Tensors.TensorPrimitives.IsFiniteAll<float>(network.Parameters));
    }

    [Fact]
    public void OptimizerSteps_AllocateNothing()
    {
        var network = new Arch23(seed: 1);
        var gradient = new float[Arch23.ParameterCount];
        gradient.AsSpan().Fill(1e-3f);
        var sgd = new Sgd(0.01f);
        var momentum = new Sgd(0.01f, momentum: 0.9f);
        var adam = new Adam();
        var nesterov = new Sgd(0.01f, momentum: 0.9f, weightDecay: 1e-3f, nesterov: true);
        var dampened = new Sgd(0.01f, momentum: 0.9f, dampening: 0.5f);
        var adamL2 = new Adam(weightDecay: 1e-2f);
        var adamW = new AdamW();
        var rmsProp = new RmsProp(weightDecay: 1e-3f, momentum: 0.9f, centered: true);

        Assert.Equal(0, SteadyStateAllocation.AllocatedBytes(() =>
        {
            sgd.Step(network.Parameters, gradient);
            momentum.Step(network.Parameters, gradient);
            adam.Step(network.Parameters, gradient);
            nesterov.Step(network.Parameters, gradient);
            dampened.Step(network.Parameters, gradient);
            adamL2.Step(network.Parameters, gradient);
            adamW.Step(network.Parameters, gradient);
            rmsProp.Step(network.Parameters, gradient);
            GradientClipping.ClipNorm(gradient, 1f);
            GradientClipping.ClipValue(gradient, 1f);
        }));
    }
}
