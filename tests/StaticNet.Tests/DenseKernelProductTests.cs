using System;
using System.Collections.Generic;
using StaticNet.CompilerServices;
using Xunit;

namespace StaticNet.Tests;

/// <summary>
/// The three batch products of <see cref="DenseKernels"/> against the same products summed in double precision, over
/// shapes that reach every register tile and every tail of the kernels (see <see cref="Shapes"/>). CI reruns these at
/// every vector width.
/// </summary>
public class DenseKernelProductTests
{
    // (rows, columns, inner) of the product C = A·B in every test: rows reach the 4-, 6- and 8-row tiles and their tails
    // (17: two 8-row tiles of Z = X·Wᵀ and a single row); columns reach the 2-, 3- and 4-unit tiles of Z = X·Wᵀ and the 1- and 2-vector tiles of Gemm at every width (up
    // to 2 × 16 + 16 floats); inner sizes straddle the vector widths.
    public static IEnumerable<object[]> Shapes()
    {
        int[] rowCounts = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 13, 17];
        int[] columnCounts = [1, 2, 3, 4, 5, 7, 8, 9, 13, 16, 17, 33, 48];
        int[] inner = [1, 3, 4, 5, 8, 15, 16, 17, 33, 64, 100];
        foreach (int rows in rowCounts)
        {
            foreach (int columns in columnCounts)
            {
                foreach (int depth in inner)
                {
                    yield return [rows, columns, depth];
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void ForwardBatch_EqualsTheDoublePrecisionProduct(int count, int units, int inputs)
    {
        float[] x = Values(count * inputs, 1), w = Values(units * inputs, 2), b = Values(units, 3);
        float[] z = new float[count * units];
        DenseKernels.ForwardBatch(w, b, x, z, count);
        for (int s = 0; s < count; s++)
        {
            for (int u = 0; u < units; u++)
            {
                double expected = b[u], magnitude = Math.Abs(b[u]);
                for (int k = 0; k < inputs; k++)
                {
                    expected += (double)x[(s * inputs) + k] * w[(u * inputs) + k];
                    magnitude += Math.Abs((double)x[(s * inputs) + k] * w[(u * inputs) + k]);
                }

                AssertClose(expected, magnitude, z[(s * units) + u], $"z[{s},{u}]");
            }
        }
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void AccumulateGradient_AddsTheDoublePrecisionProduct(int units, int inputs, int count)
    {
        float[] deltas = Values(count * units, 4), a = Values(count * inputs, 5);
        float[] weightGradient = Values(units * inputs, 6), biasGradient = Values(units, 7);
        float[] before = (float[])weightGradient.Clone(), biasBefore = (float[])biasGradient.Clone();
        DenseKernels.AccumulateGradient(deltas, a, weightGradient, biasGradient, count);
        for (int u = 0; u < units; u++)
        {
            double bias = biasBefore[u], biasMagnitude = Math.Abs(bias);
            for (int s = 0; s < count; s++)
            {
                bias += deltas[(s * units) + u];
                biasMagnitude += Math.Abs(deltas[(s * units) + u]);
            }

            AssertClose(bias, biasMagnitude, biasGradient[u], $"∂b[{u}]");
            for (int k = 0; k < inputs; k++)
            {
                double expected = before[(u * inputs) + k], magnitude = Math.Abs(expected);
                for (int s = 0; s < count; s++)
                {
                    expected += (double)deltas[(s * units) + u] * a[(s * inputs) + k];
                    magnitude += Math.Abs((double)deltas[(s * units) + u] * a[(s * inputs) + k]);
                }

                AssertClose(expected, magnitude, weightGradient[(u * inputs) + k], $"∂W[{u},{k}]");
            }
        }
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void BackpropagateError_EqualsTheDoublePrecisionProduct(int count, int inputs, int units)
    {
        float[] w = Values(units * inputs, 8), deltas = Values(count * units, 9);
        float[] previous = Values(count * inputs, 10);
        DenseKernels.BackpropagateError(w, deltas, previous, count);
        for (int s = 0; s < count; s++)
        {
            for (int k = 0; k < inputs; k++)
            {
                double expected = 0, magnitude = 0;
                for (int u = 0; u < units; u++)
                {
                    expected += (double)deltas[(s * units) + u] * w[(u * inputs) + k];
                    magnitude += Math.Abs((double)deltas[(s * units) + u] * w[(u * inputs) + k]);
                }

                AssertClose(expected, magnitude, previous[(s * inputs) + k], $"δ[{s},{k}]");
            }
        }
    }

    // Float sums in any order are within a few ulps of the sum of magnitudes per term; 1e-6 of that bound is loose
    // enough for every summation order and tight enough to catch a missed or doubled term (of size ≥ 1/64 here).
    private static void AssertClose(double expected, double magnitude, float actual, string what)
    {
        double tolerance = (1e-6 * magnitude) + 1e-7;
        Assert.True(Math.Abs(actual - expected) <= tolerance, $"{what}: expected {expected:R}, got {actual:R} (tolerance {tolerance:G3})");
    }

    // Multiples of 1/64 in [-1, 1] away from 0, so every product term is exact in float and none is negligible.
    private static float[] Values(int length, int seed)
    {
        var random = new Random(seed);
        float[] values = new float[length];
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = (random.Next(1, 65) / 64f) * (random.Next(2) == 0 ? -1 : 1);
        }

        return values;
    }
}
