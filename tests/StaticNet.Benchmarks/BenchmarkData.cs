using System;

namespace StaticNet.Benchmarks;

/// <summary>Seeded inputs and one-hot targets, identical in every run and for every implementation, and the weights the baselines start from.</summary>
public static class BenchmarkData
{
    /// <summary>
    /// A network's parameters in PyTorch's order, in a new array: what the baselines and the hand-written prototypes
    /// take, whatever order the generator chose for each layer in memory.
    /// </summary>
    public static float[] InPyTorchOrder(INetwork network)
    {
        var values = new float[network.ParameterCount];
        network.CopyParametersTo(values);
        return values;
    }

    /// <summary>Row-major values uniform in [-1, 1).</summary>
    public static float[] Inputs(int rows, int width, int seed)
    {
        var random = new DeterministicRandom(seed);
        var values = new float[rows * width];
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = random.NextSymmetric(1f);
        }

        return values;
    }

    /// <summary>Row-major one-hot rows, the class chosen at random.</summary>
    public static float[] OneHot(int rows, int width, int seed)
    {
        var random = new DeterministicRandom(seed);
        var values = new float[rows * width];
        for (int r = 0; r < rows; r++)
        {
            values[(r * width) + random.NextInt32(width)] = 1f;
        }

        return values;
    }
}
