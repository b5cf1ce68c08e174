using System;
using System.Threading.Tasks;
using StaticNet.Samples.Iris;
using StaticNet.Tests.Networks;
using Xunit;

namespace StaticNet.Tests;

/// <summary>
/// Generated Forward against a plain, obviously correct MLP written here in double precision: the gradient check
/// proves Backward matches Forward, and this proves Forward computes the right function.
/// </summary>
public class ForwardReferenceTests
{
    [Fact]
    public void IrisNet_ReLUSoftmax_MatchesReference() =>
        AssertMatchesReference(new IrisNet(1), new[] { 4, 8, 3 }, new[] { Activation.ReLU, Activation.Softmax }, 0f);

    [Fact]
    public void DeepMixedNetwork_MatchesReference() => AssertMatchesReference(
        new Arch21(4),
        new[] { 10, 30, 30, 30, 30, 1 },
        new[] { Activation.Tanh, Activation.LeakyReLU, Activation.Sigmoid, Activation.Identity, Activation.Sigmoid },
        0.1f);

    [Fact]
    public void NegativeLeakySlope_MatchesReference() =>
        AssertMatchesReference(new Arch24(2), new[] { 12, 25, 3 }, new[] { Activation.LeakyReLU, Activation.Softmax }, -0.5f);

    [Fact]
    public void LoopedTanhLayers_MatchReference() =>
        AssertMatchesReference(new Arch29(6), new[] { 16, 16, 16 }, new[] { Activation.Tanh, Activation.Tanh }, 0f);

    [Fact]
    public void Forward_FromManyThreadsAtOnce_GivesTheSameResults()
    {
        var network = new Arch23(seed: 2);
        var inputs = new float[64][];
        var expected = new float[64][];
        for (int i = 0; i < inputs.Length; i++)
        {
            var random = new DeterministicRandom(i);
            inputs[i] = new float[Arch23.InputSize];
            for (int k = 0; k < inputs[i].Length; k++)
            {
                inputs[i][k] = random.NextSymmetric(1f);
            }

            expected[i] = new float[Arch23.OutputSize];
            network.Forward(inputs[i], expected[i]);
        }

        Parallel.For(0, 20_000, new ParallelOptions { MaxDegreeOfParallelism = 4 }, n =>
        {
            Span<float> output = stackalloc float[Arch23.OutputSize];
            network.Forward(inputs[n % 64], output);
            Assert.True(output.SequenceEqual(expected[n % 64]));
        });
    }

    private static void AssertMatchesReference(INetwork network, int[] sizes, Activation[] activations, float slope)
    {
        var random = new DeterministicRandom(99);
        for (int sample = 0; sample < 10; sample++)
        {
            var input = new float[network.InputSize];
            for (int k = 0; k < input.Length; k++)
            {
                input[k] = random.NextSymmetric(2f);
            }

            var output = new float[network.OutputSize];
            network.Forward(input, output);
            double[] expected = Reference(network.Parameters.ToArray(), sizes, activations, slope, input);
            for (int j = 0; j < output.Length; j++)
            {
                Assert.Equal(expected[j], output[j], 1e-5);
            }
        }
    }

    private static double[] Reference(float[] parameters, int[] sizes, Activation[] activations, float slope, float[] input)
    {
        double[] a = Array.ConvertAll(input, v => (double)v);
        int offset = 0;
        for (int l = 1; l < sizes.Length; l++)
        {
            int n = sizes[l], m = sizes[l - 1];
            var z = new double[n];
            for (int j = 0; j < n; j++)
            {
                z[j] = parameters[offset + (n * m) + j];
                for (int k = 0; k < m; k++)
                {
                    z[j] += parameters[offset + (j * m) + k] * a[k];
                }
            }

            offset += (n * m) + n;
            a = Activate(z, activations[l - 1], slope);
        }

        return a;
    }

    private static double[] Activate(double[] z, Activation activation, float slope)
    {
        if (activation == Activation.Softmax)
        {
            double max = double.NegativeInfinity, sum = 0;
            foreach (double v in z)
            {
                max = Math.Max(max, v);
            }

            var e = Array.ConvertAll(z, v => Math.Exp(v - max));
            foreach (double v in e)
            {
                sum += v;
            }

            return Array.ConvertAll(e, v => v / sum);
        }

        return Array.ConvertAll(z, v => activation switch
        {
            Activation.Identity => v,
            Activation.Sigmoid => 1 / (1 + Math.Exp(-v)),
            Activation.Tanh => Math.Tanh(v),
            Activation.ReLU => Math.Max(0, v),
            Activation.LeakyReLU => v > 0 ? v : slope * v,
            _ => throw new ArgumentOutOfRangeException(nameof(activation)),
        });
    }
}
