using System;
using StaticNet.CompilerServices;
using StaticNet.Tests.Networks;
using Xunit;

namespace StaticNet.Tests;

/// <summary>
/// Networks whose small layers the generator keeps by columns: the vector code's loads and stores that run past a
/// column stay inside what the network owns, and a seed gives the network PyTorch's order would.
/// </summary>
public class ColumnOrderTests
{
    private const int Guard = 16;

    [Fact]
    public void Backward_AndBackwardBatch_WriteNothingPastTheGradient()
    {
        // DefaultNet's b[2] (three floats) ends the gradient, and b[1] (five) is followed by W[2]: the two places a
        // whole vector would run past its column into memory the layer does not own.
        AssertGradientStaysInside(new DefaultNet(seed: 2), new[] { 0.3f, -0.7f, 1.2f, 0.05f }, new[] { 0f, 1f, 0f });
        AssertGradientStaysInside(new Arch01(seed: 2), new[] { 0.3f, -0.7f, 1.2f, 0.05f }, new[] { 0f, 0f, 1f });
    }

    [Fact]
    public void Initialize_GivesPyTorchsOrderTheDrawsOfRowByRowLayers()
    {
        var network = new DefaultNet(seed: 9);
        Assert.Equal(WeightOrder.ColumnMajor, network.GetWeightOrder(1));

        // What a row-major network draws: W[1] row by row from the seed, b[1] zero, then W[2] from the same stream.
        var random = new DeterministicRandom(9);
        float[] weights1 = new float[20], weights2 = new float[15];
        ParameterInitializer.Uniform(weights1, ParameterInitializer.XavierBound(4, 5), ref random);
        ParameterInitializer.Uniform(weights2, ParameterInitializer.XavierBound(5, 3), ref random);

        float[] actual1 = new float[20], actual2 = new float[15];
        network.GetWeights(1, actual1);
        network.GetWeights(2, actual2);
        Assert.Equal(weights1, actual1);
        Assert.Equal(weights2, actual2);
        Assert.Equal(new float[5], network.Layer1Biases.ToArray());
    }

    [Fact]
    public void TrainStep_ChangesOnlyTheParameters_AndMatchesBackwardThenSgd()
    {
        var fused = new DefaultNet(seed: 4);
        var separate = new DefaultNet(seed: 4);
        float[] input = { 0.9f, -0.4f, 0.25f, 1.5f }, target = { 1f, 0f, 0f };
        var gradient = new float[DefaultNet.ParameterCount];

        for (int step = 0; step < 5; step++)
        {
            float loss = fused.TrainStep(input, target, 0.5f);
            gradient.AsSpan().Clear();
            Assert.Equal(separate.Backward(input, target, gradient), loss, 6);
            new Sgd(0.5f).Step(separate.Parameters, gradient);
        }

        float[] expected = PyTorchOrder.ParametersOf(separate), actual = PyTorchOrder.ParametersOf(fused);
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.Equal(expected[i], actual[i], 5);
        }
    }

    /// <summary>
    /// Backward and BackwardBatch into a gradient with NaN on both sides: the sentinels survive, and the gradient is
    /// the one computed into an array of exactly its size.
    /// </summary>
    private static void AssertGradientStaysInside<TNetwork>(TNetwork network, float[] input, float[] target)
        where TNetwork : IBatchNetwork
    {
        int count = network.ParameterCount;
        var exact = new float[count];
        network.Backward(input, target, exact);

        var guarded = new float[Guard + count + Guard];
        guarded.AsSpan().Fill(float.NaN);
        Span<float> gradient = guarded.AsSpan(Guard, count);
        gradient.Clear();
        network.Backward(input, target, gradient);
        Assert.Equal(exact, gradient.ToArray());

        gradient.Clear();
        network.BackwardBatch(input, target, gradient);
        for (int i = 0; i < count; i++)
        {
            Assert.Equal(exact[i], gradient[i], 5);
        }

        for (int i = 0; i < Guard; i++)
        {
            Assert.True(float.IsNaN(guarded[i]) && float.IsNaN(guarded[Guard + count + i]), $"sentinel {i} overwritten");
        }
    }
}
