using System;
using CsCheck;
using StaticNet.Tests.Networks;
using Xunit;

namespace StaticNet.Tests.Properties;

/// <summary>
/// Properties over random draws of the gradient-check architectures, seeds, input scales and batch sizes:
/// Backward agrees with finite differences, and BackwardBatch equals the mean of per-sample Backward.
/// </summary>
public class ArchitectureProperties
{
    private static readonly Gen<(int Architecture, int Seed, float Scale)> Networks =
        Gen.Select(Gen.Int[0, GradientCheckNetworks.All.Length - 1], Gen.Int[1, 100_000], Gen.Float[0.1f, 2f]);

    [Fact]
    public void Backward_AgreesWithFiniteDifferences_OnRandomArchitecturesAndInputs()
    {
        // The first 32 architectures (the smooth activations' and regression losses' come after) with the draws this property always made,
        // then the newer ones' own draws: each range is reached completely.
        CheckRandomDraws(0, GradientCheckNetworks.FirstSmooth - 1, count: 150, seed: 20261128);
        CheckRandomDraws(GradientCheckNetworks.FirstSmooth, GradientCheckNetworks.All.Length - 1, count: 60, seed: 20261206);
    }

    private static void CheckRandomDraws(int first, int last, int count, ulong seed)
    {
        var seen = new System.Collections.Generic.HashSet<int>();
        Seeded.ForAll(Gen.Select(Gen.Int[first, last], Gen.Int[1, 100_000], Gen.Float[0.1f, 2f]), count, seed, c =>
        {
            seen.Add(c.Item1);
            INetwork network = GradientCheckNetworks.Create(GradientCheckNetworks.All[c.Item1].Name, c.Item2);
            var random = new DeterministicRandom(c.Item2);
            float[] input = GradientCheckTests.RandomVector(network.InputSize, ref random, c.Item3);
            float[] target = GradientCheckTests.RandomDistribution(network.OutputSize, ref random);

            GradientCheckResult result = GradientCheck.CheckLoss(network, input, target);

            // Finite differences in float32 are the reference where they can be; where they miss on a smooth
            // activation's or a regression loss's network (ELU's and Huber's second derivatives jump, at 0 and at
            // |e| = 1, and the smooth functions' curvature at ε = 1e-2 leaves no float32 step both small and
            // noise-free), the double-precision reference decides.
            if (result.MaxRelativeError >= 1e-2f && c.Item1 >= GradientCheckNetworks.FirstSmooth)
            {
                GradientReference.AssertGradientMatchesReference(network, c.Item2, c.Item3, tolerance: 1e-4);
                return;
            }

            Assert.True(result.MaxRelativeError < 1e-2f, result.ToString());
            Assert.Equal(network.ParameterCount + network.InputSize, result.CheckedCount + result.KinkCount);
        });

        Assert.Equal(last - first + 1, seen.Count);
    }

    [Fact]
    public void BackwardBatch_EqualsTheMeanOfPerSampleBackward_OnRandomArchitecturesAndBatchSizes()
    {
        Seeded.ForAll(Gen.Select(Networks, Gen.Int[1, 150]), count: 300, seed: 11281, c =>
        {
            ((int architecture, int seed, float scale), int batch) = c;
            IBatchNetwork network = GradientCheckNetworks.Create(GradientCheckNetworks.All[architecture].Name, seed);
            var random = new DeterministicRandom(seed);
            float[] inputs = GradientCheckTests.RandomVector(batch * network.InputSize, ref random, scale);
            var targets = new float[batch * network.OutputSize];
            for (int s = 0; s < batch; s++)
            {
                GradientCheckTests.RandomDistribution(network.OutputSize, ref random).CopyTo(targets, s * network.OutputSize);
            }

            var batchGradient = new float[network.ParameterCount];
            float batchLoss = network.BackwardBatch(inputs, targets, batchGradient);

            var sum = new double[network.ParameterCount];
            var sample = new float[network.ParameterCount];
            double loss = 0;
            for (int s = 0; s < batch; s++)
            {
                Array.Clear(sample);
                loss += network.Backward(inputs.AsSpan(s * network.InputSize, network.InputSize), targets.AsSpan(s * network.OutputSize, network.OutputSize), sample);
                for (int i = 0; i < sample.Length; i++)
                {
                    sum[i] += sample[i];
                }
            }

            Assert.Equal(loss / batch, batchLoss, Math.Max(1e-5 * Math.Abs(loss / batch), 1e-6));
            double difference = 0, norm = 0;
            for (int i = 0; i < sum.Length; i++)
            {
                difference += Math.Pow(batchGradient[i] - (sum[i] / batch), 2);
                norm += Math.Pow(sum[i] / batch, 2);
            }

            Assert.True(Math.Sqrt(difference) <= 1e-5 * Math.Max(Math.Sqrt(norm), 1e-6), $"relative gradient error {Math.Sqrt(difference / Math.Max(norm, 1e-30)):G3}");
        });
    }
}
