using System;
using StaticNet.CompilerServices;
using Xunit;

namespace StaticNet.Tests;

/// <summary>The loss functions' values, and that saturated outputs give finite losses (backprop.md).</summary>
public class LossTests
{
    [Fact]
    public void MeanSquaredError_IsHalfTheSumOfSquares() =>
        Assert.Equal(0.5f * (0.25f + 4f), Losses.MeanSquaredError(new[] { 0.5f, 2f }, new[] { 0f, 0f }), 1e-6f);

    [Fact]
    public void CrossEntropy_FromLogits_EqualsCrossEntropyOfSoftmax()
    {
        float[] logits = { 1f, -2f, 0.5f };
        float[] target = { 0.2f, 0.3f, 0.5f };
        float[] probabilities = (float[])logits.Clone();
        NetworkMath.SoftmaxInPlace(probabilities);
        Assert.Equal(Losses.CrossEntropy(probabilities, target), Losses.CrossEntropyFromLogits(logits, target), 1e-5f);
    }

    [Fact]
    public void BinaryCrossEntropy_FromLogits_EqualsBinaryCrossEntropyOfSigmoid()
    {
        float[] logits = { 2f, -1f };
        float[] target = { 1f, 0.25f };
        float[] probabilities = Array.ConvertAll(logits, NetworkMath.Sigmoid);
        float expected = -MathF.Log(probabilities[0]) - (0.25f * MathF.Log(probabilities[1])) - (0.75f * MathF.Log(1f - probabilities[1]));
        Assert.Equal(expected, Losses.BinaryCrossEntropy(probabilities, target), 1e-5f);
        Assert.Equal(expected, Losses.BinaryCrossEntropyFromLogits(logits, target), 1e-5f);
    }

    [Fact]
    public void SaturatedOutputs_GiveLargeFiniteLosses()
    {
        Assert.Equal(Losses.MinLog * -1f, Losses.CrossEntropy(new[] { 0f, 1f }, new[] { 1f, 0f }));
        Assert.Equal(1000f, Losses.CrossEntropyFromLogits(new[] { -500f, 500f }, new[] { 1f, 0f }), 1e-3f);
        Assert.Equal(300f, Losses.BinaryCrossEntropyFromLogits(new[] { -300f }, new[] { 1f }), 1e-3f);
        Assert.True(float.IsFinite(Losses.BinaryCrossEntropy(new[] { 1f }, new[] { 0f })));
        Assert.Equal(0f, NetworkMath.Sigmoid(-1000f));
        Assert.Equal(1f, NetworkMath.Sigmoid(1000f));
    }

    [Fact]
    public void Softmax_OfHugeLogits_IsAFiniteDistribution()
    {
        float[] values = { 1000f, 999f, -1000f };
        NetworkMath.SoftmaxInPlace(values);
        Assert.Equal(1f, values[0] + values[1] + values[2], 1e-6f);
        Assert.Equal(1f / (1f + MathF.Exp(-1f)), values[0], 1e-6f);
        Assert.Equal(0f, values[2]);
    }
}
