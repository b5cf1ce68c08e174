using System;
using StaticNet.Tests.Networks;
using Xunit;

namespace StaticNet.Tests;

/// <summary>The exact vectors of docs/backprop.md, from the course material.</summary>
public class TestVectorTests
{
    [Fact]
    public void Cs231nNeuron_ForwardAndBackpropagate_MatchTheCourseValues()
    {
        var neuron = new Cs231nNeuron();
        float[] w = { 2f, -3f };
        w.CopyTo(neuron.Layer1Weights);
        neuron.Layer1Biases[0] = -3f;
        float[] x = { -1f, -2f };

        var output = new float[1];
        neuron.Forward(x, output);
        Assert.Equal(0.7310586f, output[0], 1e-6f);

        var gradient = new float[Cs231nNeuron.ParameterCount];
        var inputGradient = new float[Cs231nNeuron.InputSize];
        neuron.Backpropagate(x, new[] { 1f }, gradient, inputGradient);

        // Layout: W[1] (1 × 2) then b[1].
        Assert.Equal(-0.1966119f, gradient[0], 1e-5f);
        Assert.Equal(-0.3932239f, gradient[1], 1e-5f);
        Assert.Equal(0.1966119f, gradient[2], 1e-5f);
        Assert.Equal(0.3932239f, inputGradient[0], 1e-5f);
        Assert.Equal(-0.5898358f, inputGradient[1], 1e-5f);
    }

    [Fact]
    public void LectureSigmoidLayer_ZAndA_MatchTheLectureExample()
    {
        float[] weights = { 1f, -1f, -0.5f, 1f, 0.5f, -1f, -0.2f, 0.3f, 0.5f, -1f, 1f, 1f };
        float[] biases = { -1f, -1f, 1f, 1f };
        float[][] samples = { new[] { 1f, -1f, -0.5f }, new[] { -1f, -0.5f, 1f } };
        float[,] expectedZ = { { 1.25f, -2.0f }, { 0.0f, -3.25f }, { 0.25f, 1.55f }, { -1.5f, 2.5f } };
        float[,] expectedA = { { 0.78f, 0.12f }, { 0.50f, 0.04f }, { 0.56f, 0.83f }, { 0.18f, 0.92f } };

        var linear = new LectureLinearLayer();
        var sigmoid = new LectureSigmoidLayer();
        foreach (INetwork layer in new INetwork[] { linear, sigmoid })
        {
            layer.SetWeights(1, weights);
            layer.SetBiases(1, biases);
        }

        var z = new float[4];
        var a = new float[4];
        for (int sample = 0; sample < samples.Length; sample++)
        {
            linear.Forward(samples[sample], z);
            sigmoid.Forward(samples[sample], a);
            for (int unit = 0; unit < 4; unit++)
            {
                Assert.Equal(expectedZ[unit, sample], z[unit], 1e-6f);
                Assert.Equal(1.0 / (1.0 + Math.Exp(-expectedZ[unit, sample])), a[unit], 1e-6);

                // The lecture prints A to two decimals; its 0.83 for σ(1.55) = 0.8249 was rounded twice, hence ±0.006.
                Assert.Equal(expectedA[unit, sample], a[unit], 0.006f);
            }
        }
    }
}
