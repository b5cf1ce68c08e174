using System;

namespace StaticNet.Benchmarks;

/// <summary>Seeded inputs and one-hot targets, identical in every run and for every implementation.</summary>
public static class BenchmarkData
{
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
