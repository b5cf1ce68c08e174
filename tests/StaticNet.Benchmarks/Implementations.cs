using System;
using StaticNet.Benchmarks.Baselines;

namespace StaticNet.Benchmarks;

/// <summary>One architecture three ways — generated, plain loops, TensorPrimitives — starting from the same weights.</summary>
public sealed class Implementations<TNetwork>
    where TNetwork : IBatchNetwork
{
    /// <summary>Builds the baselines from the generated network's parameters.</summary>
    public Implementations(TNetwork generated, int[] sizes, Activation[] activations, Loss loss)
    {
        Generated = generated;
        Loop = new LoopMlp(sizes, activations, loss);
        Tensor = new TensorPrimitivesMlp(sizes, activations, loss);
        // The baselines keep PyTorch's order; the generated network may keep small layers by columns.
        float[] pytorchOrder = BenchmarkData.InPyTorchOrder(generated);
        Loop.Parameters.LoadFrom(pytorchOrder);
        Tensor.Parameters.LoadFrom(pytorchOrder);
        Gradient = new float[generated.ParameterCount];
        Optimizer = new Sgd(LearningRate);
    }

    /// <summary>A small step, so that weights stay in range over millions of benchmark iterations.</summary>
    public const float LearningRate = 1e-3f;

    /// <summary>The generated network.</summary>
    public TNetwork Generated { get; }

    /// <summary>Baseline (a).</summary>
    public LoopMlp Loop { get; }

    /// <summary>Baseline (b).</summary>
    public TensorPrimitivesMlp Tensor { get; }

    /// <summary>The generated network's gradient buffer.</summary>
    public float[] Gradient { get; }

    /// <summary>The generated network's optimizer.</summary>
    public Sgd Optimizer { get; }

    /// <summary>Forward, backward and SGD for one sample on the generated network.</summary>
    public float TrainStep(ReadOnlySpan<float> input, ReadOnlySpan<float> target)
    {
        Array.Clear(Gradient);
        float loss = Generated.Backward(input, target, Gradient);
        Optimizer.Step(Generated.Parameters, Gradient);
        return loss;
    }

    /// <summary>BackwardBatch and SGD for one mini-batch on the generated network.</summary>
    public float TrainBatch(ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets)
    {
        Array.Clear(Gradient);
        float loss = Generated.BackwardBatch(inputs, targets, Gradient);
        Optimizer.Step(Generated.Parameters, Gradient);
        return loss;
    }
}
