using System;
using StaticNet.CompilerServices;
using Xunit;

namespace StaticNet.Tests;

/// <summary>The vectorised activations against double precision, across the whole range and at saturation.</summary>
public class ActivationKernelTests
{
    private static readonly float[] Inputs = BuildInputs();

    [Fact]
    public void Tanh_IsAccurateTo1e6RelativeEverywhere()
    {
        var output = new float[Inputs.Length];
        ActivationKernels.Tanh(Inputs, output);
        for (int i = 0; i < Inputs.Length; i++)
        {
            double exact = Math.Tanh(Inputs[i]);
            Assert.True(Math.Abs(output[i] - exact) <= 1e-6 * Math.Abs(exact) + 1e-38, $"tanh({Inputs[i]:G9}) = {output[i]:G9}, exact {exact:G9}");
        }
    }

    [Fact]
    public void Sigmoid_IsAccurateTo1e6Relative()
    {
        var output = new float[Inputs.Length];
        ActivationKernels.Sigmoid(Inputs, output);
        for (int i = 0; i < Inputs.Length; i++)
        {
            double exact = 1 / (1 + Math.Exp(-Inputs[i]));
            if (exact < 1e-37)
            {
                continue; // below float's normal range: only finiteness and sign can be asked of it
            }

            Assert.True(Math.Abs(output[i] - exact) <= 1e-6 * exact, $"σ({Inputs[i]:G9}) = {output[i]:G9}, exact {exact:G9}");
        }
    }

    [Fact]
    public void SaturatedInputs_GiveNoNaN()
    {
        float[] extremes = { -1e30f, -1000f, -88.8f, 88.8f, 1000f, 1e30f, float.MaxValue, float.MinValue };
        var output = new float[extremes.Length];
        ActivationKernels.Tanh(extremes, output);
        Assert.Equal(new[] { -1f, -1f, -1f, 1f, 1f, 1f, 1f, -1f }, output);
        ActivationKernels.Sigmoid(extremes, output);
        Assert.All(output, v => Assert.InRange(v, 0f, 1f));
        float[] logits = { 1000f, -1000f, 3f };
        NetworkMath.SoftmaxInPlace(logits);
        Assert.Equal(1f, logits[0]);
        Assert.Equal(0f, logits[1]);
    }

    [Fact]
    public void ReLUFamilyAndDerivatives_MatchTheirDefinitions()
    {
        var relu = new float[Inputs.Length];
        var leaky = new float[Inputs.Length];
        ActivationKernels.ReLU(Inputs, relu);
        ActivationKernels.LeakyReLU(Inputs, leaky, 0.1f);
        var delta = new float[Inputs.Length];
        Array.Fill(delta, 2f);
        ActivationKernels.MultiplyLeakyReLUDerivative(delta, Inputs, 0.1f);
        for (int i = 0; i < Inputs.Length; i++)
        {
            Assert.Equal(Math.Max(0f, Inputs[i]), relu[i]);
            Assert.Equal(Inputs[i] > 0 ? Inputs[i] : 0.1f * Inputs[i], leaky[i]);
            Assert.Equal(Inputs[i] > 0 ? 2f : 0.2f, delta[i]);
        }
    }

    /// <summary>Logarithmically spaced magnitudes from 1e-6 to 60, both signs, with lengths that exercise the vector tails.</summary>
    private static float[] BuildInputs()
    {
        var values = new float[2003];
        for (int i = 0; i < values.Length; i++)
        {
            double magnitude = 1e-6 * Math.Pow(6e7, i / (double)(values.Length - 1));
            values[i] = (float)(i % 2 == 0 ? magnitude : -magnitude);
        }

        return values;
    }
}
