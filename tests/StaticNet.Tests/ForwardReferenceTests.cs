using System;
using System.Threading.Tasks;
using StaticNet.Samples.Iris;
using StaticNet.Tests.Networks;
using Xunit;

namespace StaticNet.Tests;

/// <summary>
/// Generated Forward against a plain, obviously correct MLP in double precision (<see cref="DoubleReference"/>): the gradient check
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
    public void SmoothActivations_InRegisterAndStraightLineLayers_MatchReference() => AssertMatchesReference(
        new Arch40(3),
        new[] { 6, 10, 9, 8, 7, 2 },
        new[] { Activation.GELU, Activation.SiLU, Activation.ELU, Activation.Softplus, Activation.Identity },
        0f);

    [Theory]
    [InlineData(33, Activation.GELU)]
    [InlineData(39, Activation.Softplus)]
    public void SmoothActivations_InKernelLayers_MatchReference(int architecture, Activation hidden) => AssertMatchesReference(
        GradientCheckNetworks.Create("Arch" + architecture, 5),
        new[] { 12, 24, 16, 3 },
        new[] { hidden, hidden, Activation.Softmax },
        0f);

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
            double[] expected = DoubleReference.Forward(Array.ConvertAll(PyTorchOrder.ParametersOf(network), v => (double)v), sizes, activations, slope, input);
            for (int j = 0; j < output.Length; j++)
            {
                Assert.Equal(expected[j], output[j], 1e-5);
            }
        }
    }
}
