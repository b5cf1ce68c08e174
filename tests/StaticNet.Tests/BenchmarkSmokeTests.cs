using System;
using System.Linq;
using System.Reflection;
using BenchmarkDotNet.Attributes;
using StaticNet.Benchmarks;
using Xunit;

namespace StaticNet.Tests;

/// <summary>
/// Every benchmark's code path runs, and both baselines compute what the generated network computes, so the
/// benchmark ratios compare equal work. No timing is asserted here: speed is measured by BenchmarkDotNet only.
/// </summary>
public class BenchmarkSmokeTests
{
    [Theory]
    [InlineData(typeof(SmallNetworkBenchmarks))]
    [InlineData(typeof(MnistBenchmarks))]
    [InlineData(typeof(OnnxRuntimeBenchmarks))]
    [InlineData(typeof(FrozenBenchmarks))]
    [InlineData(typeof(ParallelTrainingBenchmarks))]
    [InlineData(typeof(FusedTrainStepBenchmarks))]
    [InlineData(typeof(BatchProductBenchmarks))]
    [InlineData(typeof(OnnxRuntimeBatchBenchmarks))]
    [InlineData(typeof(TrainerOverheadBenchmarks))]
    [InlineData(typeof(FitThreadsBenchmarks))]
    [InlineData(typeof(OneSampleFloorBenchmarks))]
    [InlineData(typeof(StaticNet.Benchmarks.ColumnLayout.ColumnLayoutBenchmarks))]
    public void EveryBenchmarkMethod_RunsAndReturnsAFiniteValue(Type benchmarks)
    {
        object instance = Activator.CreateInstance(benchmarks)!;
        benchmarks.GetProperty(nameof(MnistBenchmarks.BatchSize))?.SetValue(instance, 32);
        benchmarks.GetMethod("Setup")!.Invoke(instance, null);
        MethodInfo[] methods = benchmarks.GetMethods().Where(m => m.GetCustomAttribute<BenchmarkAttribute>() is not null).ToArray();
        Assert.NotEmpty(methods);
        foreach (MethodInfo method in methods)
        {
            float value = (float)method.Invoke(instance, null)!;
            Assert.True(float.IsFinite(value), $"{method.Name} returned {value}");
        }

        benchmarks.GetMethod("Cleanup")?.Invoke(instance, null);
    }

    [Fact]
    public void OneSampleFloorBenchmarks_RowsAndColumnsComputeTheSameLayer_AndTheFloorReadsEveryWeight()
    {
        var benchmarks = new OneSampleFloorBenchmarks();
        benchmarks.Setup();
        var network = new Mnist784(1);

        double sum = 0;
        foreach (float weight in network.Layer1Weights)
        {
            sum += weight;
        }

        Assert.Equal(sum, benchmarks.ReadLayer1Weights(), 1e-3);
        float z = benchmarks.Layer1ByRows();
        Assert.Equal(MathF.Max(z, 0f), benchmarks.Layer1ByColumns(), 1e-5f);
        var output = new float[Mnist784.OutputSize];
        network.Forward(BenchmarkData.Inputs(1, Mnist784.InputSize, seed: 5), output);
        Assert.Equal(output[0], benchmarks.Forward());
    }

    [Fact]
    public void FitThreadsBenchmarks_OneThreadAndTheDefault_TrainTheSameBits_WithACoreTaken()
    {
        var benchmarks = new FitThreadsBenchmarks { Samples = 1024, CoreTaken = true };
        benchmarks.Setup();
        try
        {
            float oneLoss = benchmarks.OneThread();
            float[] one = benchmarks.Network.Parameters.ToArray();
            float defaultLoss = benchmarks.DefaultThreads();
            Assert.Equal(oneLoss, defaultLoss);
            Assert.Equal(one, benchmarks.Network.Parameters.ToArray());
            Assert.NotEqual(new Mnist784(1).Parameters.ToArray(), one);
        }
        finally
        {
            benchmarks.Cleanup();
        }
    }

    [Theory]
    [InlineData(1, "sgd")]
    [InlineData(2, "sgd")]
    [InlineData(1, "adam")]
    [InlineData(2, "adam")]
    public void TrainerOverheadBenchmarks_FitAndTheRawLoopTrainTheSameBits(int threads, string optimizer)
    {
        var benchmarks = new TrainerOverheadBenchmarks { Threads = threads, Optimizer = optimizer };
        benchmarks.Setup();
        try
        {
            float rawLoss = benchmarks.RawLoop();
            float[] raw = benchmarks.Network.Parameters.ToArray();
            float fitLoss = benchmarks.Fit();
            Assert.Equal(rawLoss, fitLoss);
            Assert.Equal(raw, benchmarks.Network.Parameters.ToArray());
            Assert.NotEqual(new Mnist784(1).Parameters.ToArray(), raw);
        }
        finally
        {
            benchmarks.Cleanup();
        }
    }

    [Fact]
    public void FrozenBenchmarks_PredictComputesWhatForwardComputes()
    {
        var benchmarks = new FrozenBenchmarks();
        benchmarks.Setup();
        Assert.Equal(benchmarks.Forward453(), benchmarks.Predict453(), 1e-6f);
        Assert.Equal(benchmarks.Forward444(), benchmarks.Predict444(), 1e-6f);
        Assert.Equal(benchmarks.Forward16(), benchmarks.Predict16(), 1e-6f);
        Assert.Equal(benchmarks.Forward64(), benchmarks.Predict64(), 1e-6f);
        Assert.Equal(benchmarks.Forward784(), benchmarks.Predict784(), 1e-6f);
    }

    [Theory]
    [InlineData(64)]
    [InlineData(256)]
    public void OnnxRuntimeBatchBenchmarks_ComputeWhatForwardBatchComputes(int batchSize)
    {
        var benchmarks = new OnnxRuntimeBatchBenchmarks { BatchSize = batchSize };
        benchmarks.Setup();
        try
        {
            benchmarks.ForwardBatch_StaticNet();
            benchmarks.ForwardBatch_OnnxRuntime();
            float[] generated = benchmarks.Outputs.ToArray(), onnxRuntime = benchmarks.Session.Output;
            Assert.Equal(batchSize * Mnist784.OutputSize, onnxRuntime.Length);
            for (int i = 0; i < generated.Length; i++)
            {
                Assert.Equal(generated[i], onnxRuntime[i], 1e-5f);
            }

            // Softmax rows sum to 1: the comparison covered real outputs, not two zeroed buffers.
            Assert.Equal(batchSize, onnxRuntime.Chunk(Mnist784.OutputSize).Count(row => Math.Abs(row.Sum() - 1f) < 1e-4f));
        }
        finally
        {
            benchmarks.Cleanup();
        }
    }

    [Fact]
    public void OnnxRuntimeBenchmarks_ComputeWhatTheGeneratedNetworksCompute()
    {
        var benchmarks = new OnnxRuntimeBenchmarks();
        benchmarks.Setup();
        try
        {
            AssertAgrees(benchmarks.Forward453_StaticNet, benchmarks.Forward453_OnnxRuntime, benchmarks.Sigmoid453Ort.Output);
            AssertAgrees(benchmarks.Forward64_StaticNet, benchmarks.Forward64_OnnxRuntime, benchmarks.Tanh64Ort.Output);
            AssertAgrees(benchmarks.Forward784_StaticNet, benchmarks.Forward784_OnnxRuntime, benchmarks.Mnist784Ort.Output);
        }
        finally
        {
            benchmarks.Cleanup();
        }

        static void AssertAgrees(Func<float> generated, Func<float> onnxRuntime, float[] onnxOutput)
        {
            float first = generated();
            Array.Clear(onnxOutput);
            Assert.Equal(first, onnxRuntime(), 1e-5f);
            Assert.Contains(onnxOutput, value => value != 0f);
        }
    }

    [Fact]
    public void SmallNetworks_BaselinesForwardAndTrainLikeTheGeneratedNetwork()
    {
        var benchmarks = new SmallNetworkBenchmarks();
        benchmarks.Setup();
        AssertForwardAgrees(benchmarks.Sigmoid453, BenchmarkData.Inputs(1, 4, seed: 9));
        AssertForwardAgrees(benchmarks.Tanh444, BenchmarkData.Inputs(1, 4, seed: 9));
        AssertForwardAgrees(benchmarks.Tanh16, BenchmarkData.Inputs(1, 16, seed: 9));
        AssertForwardAgrees(benchmarks.Tanh64, BenchmarkData.Inputs(1, 64, seed: 9));

        var implementations = benchmarks.Sigmoid453;
        float[] input = BenchmarkData.Inputs(1, 4, seed: 10), target = { 0.2f, 0.7f, 0.1f };
        for (int step = 0; step < 5; step++)
        {
            float generated = implementations.TrainStep(input, target);
            Assert.Equal(generated, StaticNet.Benchmarks.Baselines.BaselineTraining.TrainStep(implementations.Loop, input, target, Implementations<Sigmoid453>.LearningRate), 1e-5f);
            Assert.Equal(generated, StaticNet.Benchmarks.Baselines.BaselineTraining.TrainStep(implementations.Tensor, input, target, Implementations<Sigmoid453>.LearningRate), 1e-5f);
        }

        AssertParametersAgree(implementations);
    }

    [Fact]
    public void Mnist_BaselinesInferAndTrainABatchLikeTheGeneratedNetwork()
    {
        var benchmarks = new MnistBenchmarks { BatchSize = 32 };
        benchmarks.Setup();
        var implementations = benchmarks.Mnist;
        AssertForwardAgrees(implementations, BenchmarkData.Inputs(1, 784, seed: 11));

        float[] inputs = BenchmarkData.Inputs(32, 784, seed: 12), targets = BenchmarkData.OneHot(32, 10, seed: 13);
        float generated = implementations.TrainBatch(inputs, targets);
        Assert.Equal(generated, StaticNet.Benchmarks.Baselines.BaselineTraining.TrainBatch(implementations.Loop, inputs, targets, 32, Implementations<Mnist784>.LearningRate), 1e-4f);
        Assert.Equal(generated, StaticNet.Benchmarks.Baselines.BaselineTraining.TrainBatch(implementations.Tensor, inputs, targets, 32, Implementations<Mnist784>.LearningRate), 1e-4f);
        AssertParametersAgree(implementations);
    }

    private static void AssertForwardAgrees<TNetwork>(Implementations<TNetwork> implementations, float[] input)
        where TNetwork : IBatchNetwork
    {
        int outputs = implementations.Generated.OutputSize;
        float[] generated = new float[outputs], loop = new float[outputs], tensor = new float[outputs];
        implementations.Generated.Forward(input, generated);
        implementations.Loop.Forward(input, loop);
        implementations.Tensor.Forward(input, tensor);
        for (int k = 0; k < outputs; k++)
        {
            Assert.Equal(generated[k], loop[k], 1e-5f);
            Assert.Equal(generated[k], tensor[k], 1e-5f);
        }
    }

    private static void AssertParametersAgree<TNetwork>(Implementations<TNetwork> implementations)
        where TNetwork : IBatchNetwork
    {
        float[] generated = PyTorchOrder.ParametersOf(implementations.Generated);
        float[] loop = new float[generated.Length], tensor = new float[generated.Length];
        implementations.Loop.Parameters.CopyTo(loop);
        implementations.Tensor.Parameters.CopyTo(tensor);
        for (int i = 0; i < generated.Length; i++)
        {
            Assert.Equal(generated[i], loop[i], 1e-6f);
            Assert.Equal(generated[i], tensor[i], 1e-6f);
        }
    }
}
