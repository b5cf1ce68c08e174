using System;

namespace StaticNet.Benchmarks.Baselines;

/// <summary>A network whose sizes are known only at run time: what the benchmarks compare generated code with.</summary>
public interface IBaselineMlp
{
    /// <summary>The weights, biases and accumulated gradients.</summary>
    MlpParameters Parameters { get; }

    /// <summary>Computes ŷ for one sample.</summary>
    void Forward(ReadOnlySpan<float> input, Span<float> output);

    /// <summary>Adds one sample's ∂C/∂θ into the gradients and returns C.</summary>
    float Accumulate(ReadOnlySpan<float> input, ReadOnlySpan<float> target);

    /// <summary>θ ← θ − η·scale·g, then clears g.</summary>
    void SgdStep(float learningRate, float gradientScale);
}

/// <summary>Training steps written once for both baselines, the way a hand-written trainer loops.</summary>
public static class BaselineTraining
{
    /// <summary>One sample: forward, backward and an SGD update.</summary>
    public static float TrainStep(this IBaselineMlp network, ReadOnlySpan<float> input, ReadOnlySpan<float> target, float learningRate)
    {
        float loss = network.Accumulate(input, target);
        network.SgdStep(learningRate, 1f);
        return loss;
    }

    /// <summary>One mini-batch (row-major inputs and targets): the mean gradient over its samples, then one update.</summary>
    public static float TrainBatch(this IBaselineMlp network, ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets, int count, float learningRate)
    {
        int inputSize = inputs.Length / count, outputSize = targets.Length / count;
        float loss = 0f;
        for (int s = 0; s < count; s++)
        {
            loss += network.Accumulate(inputs.Slice(s * inputSize, inputSize), targets.Slice(s * outputSize, outputSize));
        }

        network.SgdStep(learningRate, 1f / count);
        return loss / count;
    }
}
