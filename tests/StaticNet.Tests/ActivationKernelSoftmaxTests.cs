using System;
using StaticNet.CompilerServices;
using Xunit;

namespace StaticNet.Tests;

/// <summary>
/// Softmax over batch rows and over one sample against double precision, at every row width around the vector
/// widths (the narrow rows are computed in registers, whole vectors at a time), and the memory around the rows
/// untouched. CI runs this class at every vector width.
/// </summary>
public class ActivationKernelSoftmaxTests
{
    public static TheoryData<int> Widths()
    {
        var widths = new TheoryData<int>();
        foreach (int width in new[] { 1, 2, 3, 4, 5, 7, 8, 9, 10, 15, 16, 17, 31, 32, 33, 64 })
        {
            widths.Add(width);
        }

        return widths;
    }

    [Theory]
    [MemberData(nameof(Widths))]
    public void SoftmaxRows_MatchesDoublePrecision_AndLeavesTheNeighboursAlone(int width)
    {
        var random = new Random(width);
        foreach (int rows in new[] { 1, 2, 3, 7, 64 })
        {
            // The rows sit inside a larger array whose ends hold sentinels: no whole-vector load or store may reach them.
            float[] memory = new float[(rows * width) + 64];
            Array.Fill(memory, 12345f);
            Span<float> values = memory.AsSpan(32, rows * width);
            for (int i = 0; i < values.Length; i++)
            {
                values[i] = (float)((random.NextDouble() * 40) - 20);
            }

            float[] logits = values.ToArray();
            ActivationKernels.SoftmaxRows(values, width);

            for (int row = 0; row < rows; row++)
            {
                AssertSoftmax(logits.AsSpan(row * width, width), values.Slice(row * width, width), $"width {width}, row {row} of {rows}");
            }

            Assert.All(memory.AsSpan(0, 32).ToArray(), v => Assert.Equal(12345f, v));
            Assert.All(memory.AsSpan(32 + (rows * width)).ToArray(), v => Assert.Equal(12345f, v));
        }
    }

    [Theory]
    [MemberData(nameof(Widths))]
    public void SoftmaxInPlace_MatchesDoublePrecision(int width)
    {
        var random = new Random(100 + width);
        var values = new float[width];
        for (int i = 0; i < width; i++)
        {
            values[i] = (float)((random.NextDouble() * 200) - 100);
        }

        float[] logits = (float[])values.Clone();
        NetworkMath.SoftmaxInPlace(values);
        AssertSoftmax(logits, values, $"width {width}");
    }

    [Theory]
    [MemberData(nameof(Widths))]
    public void ARowWithNaN_IsNaNThroughout_AndTheOtherRowsAreNot(int width)
    {
        var values = new float[3 * width];
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = i % 5;
        }

        values[width + (width / 2)] = float.NaN;
        ActivationKernels.SoftmaxRows(values, width);
        Assert.All(values.AsSpan(width, width).ToArray(), v => Assert.True(float.IsNaN(v)));
        Assert.Equal(1.0, Sum(values.AsSpan(0, width)), 5);
        Assert.Equal(1.0, Sum(values.AsSpan(2 * width, width)), 5);
    }

    [Fact]
    public void ExtremeLogits_GiveExactZerosAndOnes()
    {
        float[] values = { 1000f, -1000f, 3f, float.NegativeInfinity, -1e30f, 1e30f, 0f, 5f, 6f, 7f };
        ActivationKernels.SoftmaxRows(values, 5);
        Assert.Equal(new[] { 1f, 0f, 0f, 0f, 0f }, values.AsSpan(0, 5).ToArray());
        Assert.Equal(1f, values[5]);
        Assert.Equal(0f, values[6]);
    }

    [Fact]
    public void SoftmaxRows_RejectsASpanThatIsNotWholeRows()
    {
        var exception = Assert.Throws<ArgumentException>(() => ActivationKernels.SoftmaxRows(new float[11], 5));
        Assert.Contains("11", exception.Message);
    }

    private static void AssertSoftmax(ReadOnlySpan<float> logits, ReadOnlySpan<float> actual, string where)
    {
        double max = double.NegativeInfinity;
        foreach (float z in logits)
        {
            max = Math.Max(max, z);
        }

        double sum = 0;
        foreach (float z in logits)
        {
            sum += Math.Exp(z - max);
        }

        for (int k = 0; k < logits.Length; k++)
        {
            // z − max is rounded to float first (as every float softmax does), which costs up to |z − max|·2⁻²³ relative.
            double exact = Math.Exp(logits[k] - max) / sum;
            double tolerance = (2e-6 + (Math.Abs(logits[k] - max) * 1.2e-7)) * exact;
            Assert.True(Math.Abs(actual[k] - exact) <= tolerance + 1e-37, $"{where}, class {k}: {actual[k]:G9}, exact {exact:G9}");
        }
    }

    private static double Sum(ReadOnlySpan<float> values)
    {
        double sum = 0;
        foreach (float v in values)
        {
            sum += v;
        }

        return sum;
    }
}
