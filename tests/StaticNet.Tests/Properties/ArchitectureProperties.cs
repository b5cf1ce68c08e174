using System;
using CsCheck;
using StaticNet.Tests.Networks;
using Xunit;

namespace StaticNet.Tests.Properties;

/// <summary>
/// Properties over random draws of the 32 gradient-check architectures, seeds, input scales and batch sizes:
/// Backward agrees with finite differences, and BackwardBatch equals the mean of per-sample Backward.
/// </summary>
public class ArchitectureProperties
{
    private static readonly Gen<(int Architecture, int Seed, float Scale)> Networks =
        Gen.Select(Gen.Int[0, GradientCheckNetworks.All.Length - 1], Gen.Int[1, 100_000], Gen.Float[0.1f, 2f]);

    [Fact]
    public void Backward_AgreesWithFiniteDifferences_OnRandomArchitecturesAndInputs()
    {
        var seen = new System.Collections.Generic.HashSet<int>();
        Seeded.ForAll(Networks, count: 150, seed: 20261128, c =>
        {
            seen.Add(c.Architecture);
            INetwork network = GradientCheckNetworks.Create(GradientCheckNetworks.All[c.Architecture].Name, c.Seed);
            var random = new DeterministicRandom(c.Seed);
            float[] input = GradientCheckTests.RandomVector(network.InputSize, ref random, c.Scale);
            float[] target = GradientCheckTests.RandomDistribution(network.OutputSize, ref random);

            GradientCheckResult result = GradientCheck.CheckLoss(network, input, target);

            Assert.True(result.MaxRelativeError < 1e-2f, result.ToString());
            Assert.Equal(network.ParameterCount + network.InputSize, result.CheckedCount + result.KinkCount);
        });

        // 150 draws over 32 architectures reach every one of them.
        Assert.Equal(GradientCheckNetworks.All.Length, seen.Count);
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
