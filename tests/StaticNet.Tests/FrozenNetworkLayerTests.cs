using System;
using StaticNet.CompilerServices;
using Xunit;

namespace StaticNet.Tests;

/// <summary>
/// The column-layout layer of a frozen network's Predict (<see cref="FrozenLayers"/>) against double precision, for
/// every fused activation and for sizes that take each of its paths at every width: blocks of four vectors, single
/// vectors, a partial last vector, odd input counts. CI reruns these at 512, 256, 128 bits and scalar (.ci/run).
/// </summary>
public sealed class FrozenNetworkLayerTests
{
    public static TheoryData<int, int, Activation> Shapes()
    {
        var data = new TheoryData<int, int, Activation>();
        foreach ((int units, int inputs) in new[] { (1, 1), (3, 2), (16, 16), (24, 5), (64, 64), (70, 33), (128, 17), (10, 128) })
        {
            foreach (Activation activation in new[] { Activation.Identity, Activation.Sigmoid, Activation.Tanh, Activation.ReLU, Activation.LeakyReLU })
            {
                data.Add(units, inputs, activation);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Forward_FromTheColumnLayout_EqualsTheLayerInDoublePrecision(int units, int inputs, Activation activation)
    {
        var random = new Random((units * 1000) + inputs);
        float[] weights = Values(random, units * inputs, 1f / MathF.Sqrt(inputs));
        float[] biases = Values(random, units, 0.5f);
        float[] input = Values(random, inputs, 2f);
        var columns = new float[FrozenLayers.ColumnsLength(units, inputs)];
        FrozenLayers.WriteColumns(weights, biases, columns);

        // The output has room beyond the layer, to show that the padding lanes are not written there.
        var output = new float[units + 16];
        Array.Fill(output, 42f);
        FrozenLayers.Forward(columns, input, output.AsSpan(0, units), activation, 0.05f);

        for (int j = 0; j < units; j++)
        {
            double z = biases[j];
            for (int k = 0; k < inputs; k++)
            {
                z += (double)weights[(j * inputs) + k] * input[k];
            }

            double expected = activation switch
            {
                Activation.Identity => z,
                Activation.Sigmoid => 1 / (1 + Math.Exp(-z)),
                Activation.Tanh => Math.Tanh(z),
                Activation.ReLU => Math.Max(0, z),
                _ => z > 0 ? z : 0.05 * z,
            };
            Assert.True(Math.Abs(output[j] - expected) <= 2e-6 * Math.Max(1, Math.Abs(expected)), $"{units}×{inputs} {activation}, unit {j}: {output[j]:R}, exact {expected:R}");
        }

        Assert.All(output[units..], value => Assert.Equal(42f, value));
    }

    [Fact]
    public void WriteColumns_PutsBiasesThenEachColumnOnItsOwnPaddedStride()
    {
        // 3 units × 2 inputs: W = [[1, 2], [3, 4], [5, 6]], b = [7, 8, 9]; stride 16.
        var columns = new float[FrozenLayers.ColumnsLength(3, 2)];
        Array.Fill(columns, -1f);
        FrozenLayers.WriteColumns(new float[] { 1, 2, 3, 4, 5, 6 }, new float[] { 7, 8, 9 }, columns);

        Assert.Equal(48, columns.Length);
        Assert.Equal(16, FrozenLayers.ColumnStride(3));
        Assert.Equal(new float[] { 7, 8, 9 }, columns[0..3]);
        Assert.Equal(new float[] { 1, 3, 5 }, columns[16..19]);
        Assert.Equal(new float[] { 2, 4, 6 }, columns[32..35]);
        Assert.All(new[] { columns[3..16], columns[19..32], columns[35..48] }, padding => Assert.All(padding, value => Assert.Equal(0f, value)));
    }

    [Fact]
    public void Forward_RejectsALayoutOfTheWrongLength_AndSoftmax()
    {
        var columns = new float[FrozenLayers.ColumnsLength(4, 3)];
        var input = new float[3];
        var output = new float[4];

        ArgumentException wrong = Assert.Throws<ArgumentException>(() => FrozenLayers.Forward(columns.AsSpan(1), input, output, Activation.Tanh, 0f));
        Assert.Contains("'columns' must have length 64, but has length 63", wrong.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => FrozenLayers.Forward(columns, input, output, Activation.Softmax, 0f));
    }

    private static float[] Values(Random random, int count, float scale)
    {
        var values = new float[count];
        for (int i = 0; i < count; i++)
        {
            values[i] = (float)((random.NextDouble() * 2) - 1) * scale;
        }

        return values;
    }
}
