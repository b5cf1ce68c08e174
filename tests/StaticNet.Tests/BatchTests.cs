using System;
using System.Collections.Generic;
using StaticNet.Tests.Networks;
using Xunit;

namespace StaticNet.Tests;

/// <summary>ForwardBatch and BackwardBatch agree with the per-sample methods on every architecture and batch size.</summary>
public class BatchTests
{
    /// <summary>Batch kernels sum in another order than per-sample code; float32 rounding of that order stays near 1e-6.</summary>
    private const double Tolerance = 1e-5;

    public static IEnumerable<object[]> Cases()
    {
        foreach (var (name, _) in GradientCheckNetworks.All)
        {
            foreach (int batch in new[] { 1, 3, 17, 64, 100 })
            {
                yield return new object[] { name, batch };
            }
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void ForwardBatch_EqualsForwardOfEachSample(string name, int batch)
    {
        IBatchNetwork network = GradientCheckNetworks.Create(name, seed: batch);
        float[] inputs = RandomRows(batch, network.InputSize, seed: 17 * batch);
        var outputs = new float[batch * network.OutputSize];
        network.ForwardBatch(inputs, outputs);

        var expected = new float[network.OutputSize];
        for (int s = 0; s < batch; s++)
        {
            network.Forward(inputs.AsSpan(s * network.InputSize, network.InputSize), expected);
            AssertClose(expected, outputs.AsSpan(s * network.OutputSize, network.OutputSize), $"{name}, sample {s}");
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void BackwardBatch_EqualsTheMeanOfBackwardOfEachSample(string name, int batch)
    {
        IBatchNetwork network = GradientCheckNetworks.Create(name, seed: batch + 1);
        float[] inputs = RandomRows(batch, network.InputSize, seed: 31 * batch);
        float[] targets = RandomDistributions(batch, network.OutputSize, seed: 7 * batch);

        var batchGradient = new float[network.ParameterCount];
        float meanLoss = network.BackwardBatch(inputs, targets, batchGradient);

        var sum = new double[network.ParameterCount];
        var sampleGradient = new float[network.ParameterCount];
        double expectedLoss = 0;
        for (int s = 0; s < batch; s++)
        {
            Array.Clear(sampleGradient);
            expectedLoss += network.Backward(
                inputs.AsSpan(s * network.InputSize, network.InputSize),
                targets.AsSpan(s * network.OutputSize, network.OutputSize),
                sampleGradient);
            for (int i = 0; i < sum.Length; i++)
            {
                sum[i] += sampleGradient[i];
            }
        }

        Assert.Equal(expectedLoss / batch, meanLoss, Math.Max(Math.Abs(expectedLoss / batch), 1.0) * Tolerance);
        AssertClose(Array.ConvertAll(sum, v => (float)(v / batch)), batchGradient, name);
    }

    [Fact]
    public void BatchMethods_AllocateNothingAfterTheFirstCall()
    {
        var network = new Arch23(seed: 1);
        float[] inputs = RandomRows(100, Arch23.InputSize, seed: 1);
        float[] targets = RandomDistributions(100, Arch23.OutputSize, seed: 2);
        var outputs = new float[100 * Arch23.OutputSize];
        var gradient = new float[Arch23.ParameterCount];

        // Steady state, as every allocation test measures it: a one-off allocation of tiered compilation is not the batch's.
        Assert.Equal(0, SteadyStateAllocation.AllocatedBytes(() =>
        {
            network.ForwardBatch(inputs, outputs);
            network.BackwardBatch(inputs, targets, gradient);
        }));
    }

    [Fact]
    public void BatchMethods_RejectPartialRowsAndMismatchedCounts()
    {
        var network = new DefaultNet();
        var inputsError = Assert.Throws<ArgumentException>(() => network.ForwardBatch(new float[7], new float[6]));
        Assert.Equal("inputs", inputsError.ParamName);
        Assert.Contains("whole rows of 4 values, but has length 7", inputsError.Message);
        Assert.Equal("outputs", Assert.Throws<ArgumentException>(() => network.ForwardBatch(new float[8], new float[3])).ParamName);
        Assert.Equal("targets", Assert.Throws<ArgumentException>(() => network.BackwardBatch(new float[8], new float[3], new float[43])).ParamName);
        Assert.Equal("inputs", Assert.Throws<ArgumentException>(() => network.BackwardBatch(Array.Empty<float>(), Array.Empty<float>(), new float[43])).ParamName);
    }

    [Fact]
    public void SeparateWorkspaces_LetThreadsRunBatchesOfOneNetworkAtOnce()
    {
        var network = new Arch23(seed: 4);
        float[] inputs = RandomRows(64, Arch23.InputSize, seed: 3);
        var expected = new float[64 * Arch23.OutputSize];
        network.ForwardBatch(inputs, expected);

        System.Threading.Tasks.Parallel.For(0, 8, _ =>
        {
            var workspace = new Arch23.BatchWorkspace();
            var outputs = new float[expected.Length];
            for (int i = 0; i < 50; i++)
            {
                network.ForwardBatch(inputs, outputs, workspace);
                Assert.Equal(expected, outputs);
            }
        });
    }

    /// <summary>
    /// ‖actual − expected‖ / ‖expected‖ within 1e-5, and every entry within 1e-3 of its own size (floored at 1e-3 of
    /// the largest entry). The batch kernels sum in another order than the per-sample code, and an entry that is a
    /// sum of large terms cancelling to almost nothing keeps only float32's absolute accuracy, so the 1e-5 is taken
    /// over the whole vector; a wrong entry still fails the per-entry bound by orders of magnitude.
    /// </summary>
    private static void AssertClose(ReadOnlySpan<float> expected, ReadOnlySpan<float> actual, string what)
    {
        double differenceSquared = 0, expectedSquared = 0;
        float largest = 0f;
        for (int i = 0; i < expected.Length; i++)
        {
            differenceSquared += Math.Pow(actual[i] - expected[i], 2);
            expectedSquared += Math.Pow(expected[i], 2);
            largest = MathF.Max(largest, MathF.Abs(expected[i]));
        }

        double relative = Math.Sqrt(differenceSquared) / Math.Max(Math.Sqrt(expectedSquared), 1e-30);
        Assert.True(relative <= Tolerance, $"{what}: relative error of the vector {relative:G3}");
        for (int i = 0; i < expected.Length; i++)
        {
            double scale = Math.Max(Math.Abs(expected[i]), Math.Max(1e-3 * largest, 1e-30));
            double error = Math.Abs(expected[i] - actual[i]) / scale;
            Assert.True(error <= 1e-3, $"{what}: entry {i} is {actual[i]:G9}, per-sample gives {expected[i]:G9} (relative error {error:G3})");
        }
    }

    private static float[] RandomRows(int rows, int width, int seed)
    {
        var random = new DeterministicRandom(seed);
        var values = new float[rows * width];
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = random.NextSymmetric(1f);
        }

        return values;
    }

    private static float[] RandomDistributions(int rows, int width, int seed)
    {
        var random = new DeterministicRandom(seed);
        var values = new float[rows * width];
        for (int r = 0; r < rows; r++)
        {
            float sum = 0f;
            for (int k = 0; k < width; k++)
            {
                values[(r * width) + k] = 0.05f + random.NextSingle();
                sum += values[(r * width) + k];
            }

            for (int k = 0; k < width; k++)
            {
                values[(r * width) + k] /= sum;
            }
        }

        return values;
    }
}
