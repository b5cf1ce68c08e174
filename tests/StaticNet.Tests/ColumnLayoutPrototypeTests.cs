using System;
using System.Runtime.CompilerServices;
using StaticNet.Benchmarks;
using StaticNet.Benchmarks.ColumnLayout;
using Xunit;

namespace StaticNet.Tests;

/// <summary>
/// The column-layout prototypes of issue 21 compute what the generated networks compute from the same weights:
/// the same outputs within rounding (their sums are fused and associated differently), and the same parameters after
/// ten fused SGD steps, read back in PyTorch's order. Each 4-5-3 test runs the unpadded and the padded layout, and the
/// scalar fallback (which the vector code hands over to where Vector256 is not hardware) beside them.
/// </summary>
public class ColumnLayoutPrototypeTests
{
    private const float LearningRate = 0.5f;

    [Fact]
    public void ColumnOrder_PutsBiasesThenColumns_AndRoundTrips()
    {
        int[] sizes = { 4, 5, 3 };
        float[] pytorch = new float[43], columns = new float[43], back = new float[43];
        for (int i = 0; i < pytorch.Length; i++)
        {
            pytorch[i] = i;
        }

        ColumnOrder.FromPyTorchOrder(sizes, pytorch, columns);
        // b[1] (PyTorch 20–24) first, then W[1][:,0] = W[1][0..4, 0] = PyTorch 0, 4, 8, 12, 16.
        Assert.Equal(new float[] { 20, 21, 22, 23, 24, 0, 4, 8, 12, 16 }, columns[..10]);
        // Layer 2 starts at 25 in both orders: b[2] (PyTorch 40–42), then W[2][:,0] = PyTorch 25, 30, 35.
        Assert.Equal(new float[] { 40, 41, 42, 25, 30, 35, 26 }, columns[25..32]);
        ColumnOrder.ToPyTorchOrder(sizes, columns, back);
        Assert.Equal(pytorch, back);
    }

    [Fact]
    public void ColumnOrder_Padded_PadsEachColumnWithZeros_AndRoundTrips()
    {
        int[] sizes = { 4, 5, 3 }, strides = { 8, 4 };
        float[] pytorch = new float[43], columns = new float[64], back = new float[43];
        for (int i = 0; i < pytorch.Length; i++)
        {
            pytorch[i] = i + 1;
        }

        columns.AsSpan().Fill(-1f);
        ColumnOrder.FromPyTorchOrder(sizes, strides, pytorch, columns);
        Assert.Equal(new float[] { 21, 22, 23, 24, 25, 0, 0, 0, 1, 5, 9, 13, 17, 0, 0, 0 }, columns[..16]);
        // Layer 2 after 5 · 8 floats: b[2] (PyTorch 40–42), a zero, then W[2][:,0] = PyTorch 25, 30, 35.
        Assert.Equal(new float[] { 41, 42, 43, 0, 26, 31, 36, 0 }, columns[40..48]);
        ColumnOrder.ToPyTorchOrder(sizes, strides, columns, back);
        Assert.Equal(pytorch, back);
    }

    [Fact]
    public void ColumnOrder_WrongLength_ThrowsNamingBothSizes()
    {
        var error = Assert.Throws<ArgumentException>(() => ColumnOrder.FromPyTorchOrder(new[] { 4, 5, 3 }, new float[42], new float[43]));
        Assert.Contains("43", error.Message);
        Assert.Contains("42", error.Message);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Sigmoid453_Forward_MatchesTheGeneratedNetwork(int seed)
    {
        Forward_MatchesTheGeneratedNetwork<UnpaddedColumns>(seed);
        Forward_MatchesTheGeneratedNetwork<PaddedColumns>(seed);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void Sigmoid453_TenTrainSteps_GiveTheGeneratedNetworksParameters(int seed)
    {
        TenTrainSteps_GiveTheGeneratedNetworksParameters<UnpaddedColumns>(seed);
        TenTrainSteps_GiveTheGeneratedNetworksParameters<PaddedColumns>(seed);
    }

    [Fact]
    public void Sigmoid453_TrainStep_LeavesTheSlackAfterTheParametersAtZero()
    {
        // The last store of an unpadded step writes one lane past the parameters with a zero step: the slack must
        // stay 0, so that the loads reading it never meet a growing value.
        var columns = new ColumnSigmoid453<UnpaddedColumns>(PyTorchOrder.ParametersOf(new Sigmoid453(1)));
        float[] inputs = BenchmarkData.Inputs(100, 4, seed: 5);
        for (int step = 0; step < 100; step++)
        {
            columns.TrainStep(inputs.AsSpan(step * 4, 4), new[] { 0.2f, 0.7f, 0.1f }, LearningRate);
        }

        Assert.Equal(43, ColumnSigmoid453<UnpaddedColumns>.Length);
        ref float last = ref columns.Parameters[42];
        Assert.Equal(0f, Unsafe.Add(ref last, 1));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void Tanh64_Forward_MatchesTheGeneratedNetwork(int seed)
    {
        var generated = new Tanh64(seed);
        var columns = new ColumnTanh64(PyTorchOrder.ParametersOf(generated));
        float[] inputs = BenchmarkData.Inputs(8, 64, seed: 40 + seed);
        float[] expected = new float[64], actual = new float[64];
        for (int i = 0; i < 8; i++)
        {
            ReadOnlySpan<float> x = inputs.AsSpan(i * 64, 64);
            generated.Forward(x, expected);
            columns.Forward(x, actual);
            AssertClose(expected, actual, 1e-6f);
        }
    }

    [Fact]
    public void Prototypes_AllocateNothing()
    {
        var sigmoid = new ColumnSigmoid453<UnpaddedColumns>(PyTorchOrder.ParametersOf(new Sigmoid453(1)));
        var padded = new ColumnSigmoid453<PaddedColumns>(PyTorchOrder.ParametersOf(new Sigmoid453(1)));
        var tanh = new ColumnTanh64(PyTorchOrder.ParametersOf(new Tanh64(1)));
        float[] x4 = { 0.1f, -0.2f, 0.3f, 0.4f }, y3 = { 0.2f, 0.7f, 0.1f }, out3 = new float[3], x64 = new float[64], out64 = new float[64];
        Assert.Equal(0, SteadyStateAllocation.AllocatedBytes(() => sigmoid.Forward(x4, out3)));
        Assert.Equal(0, SteadyStateAllocation.AllocatedBytes(() => sigmoid.TrainStep(x4, y3, 1e-3f)));
        Assert.Equal(0, SteadyStateAllocation.AllocatedBytes(() => padded.Forward(x4, out3)));
        Assert.Equal(0, SteadyStateAllocation.AllocatedBytes(() => padded.TrainStep(x4, y3, 1e-3f)));
        Assert.Equal(0, SteadyStateAllocation.AllocatedBytes(() => tanh.Forward(x64, out64)));
    }

    [Fact]
    public void Sigmoid453_WrongSpanLength_ThrowsNamingTheSpan()
    {
        var columns = new ColumnSigmoid453<UnpaddedColumns>(PyTorchOrder.ParametersOf(new Sigmoid453(1)));
        var error = Assert.Throws<ArgumentException>(() => columns.Forward(new float[5], new float[3]));
        Assert.Equal("input", error.ParamName);
        error = Assert.Throws<ArgumentException>(() => columns.TrainStep(new float[4], new float[2], 0.1f));
        Assert.Equal("target", error.ParamName);
    }

    private static void Forward_MatchesTheGeneratedNetwork<TStrides>(int seed)
        where TStrides : struct, IColumnStrides453
    {
        var generated = new Sigmoid453(seed);
        var columns = new ColumnSigmoid453<TStrides>(PyTorchOrder.ParametersOf(generated));
        float[] inputs = BenchmarkData.Inputs(8, 4, seed: 10 + seed);
        float[] expected = new float[3], actual = new float[3], scalar = new float[3];
        for (int i = 0; i < 8; i++)
        {
            ReadOnlySpan<float> x = inputs.AsSpan(i * 4, 4);
            generated.Forward(x, expected);
            columns.Forward(x, actual);
            ColumnScalarSteps.Forward(columns.Parameters, ColumnSigmoid453<TStrides>.Sizes, ColumnSigmoid453<TStrides>.Strides, x, scalar);
            AssertClose(expected, actual, 1e-6f);
            AssertClose(expected, scalar, 1e-6f);
        }
    }

    private static void TenTrainSteps_GiveTheGeneratedNetworksParameters<TStrides>(int seed)
        where TStrides : struct, IColumnStrides453
    {
        var generated = new Sigmoid453(seed);
        var columns = new ColumnSigmoid453<TStrides>(PyTorchOrder.ParametersOf(generated));
        float[] scalarParameters = columns.Parameters.ToArray();
        ReadOnlySpan<int> sizes = ColumnSigmoid453<TStrides>.Sizes;
        int[] strides = ColumnSigmoid453<TStrides>.Strides;
        float[] inputs = BenchmarkData.Inputs(10, 4, seed: 20 + seed), targets = BenchmarkData.Inputs(10, 3, seed: 30 + seed);
        for (int step = 0; step < 10; step++)
        {
            ReadOnlySpan<float> x = inputs.AsSpan(step * 4, 4), y = targets.AsSpan(step * 3, 3);
            float expected = generated.TrainStep(x, y, LearningRate);
            Assert.Equal(expected, columns.TrainStep(x, y, LearningRate), 1e-6f);
            Assert.Equal(expected, ColumnScalarSteps.TrainStep(scalarParameters, sizes, strides, x, y, LearningRate), 1e-6f);
        }

        float[] trained = new float[43], scalarTrained = new float[43];
        columns.CopyToPyTorchOrder(trained);
        ColumnOrder.ToPyTorchOrder(sizes, strides, scalarParameters, scalarTrained);
        float[] reference = PyTorchOrder.ParametersOf(generated);
        Assert.NotEqual(PyTorchOrder.ParametersOf(new Sigmoid453(seed)), reference);
        AssertClose(reference, trained, 1e-5f);
        AssertClose(reference, scalarTrained, 1e-5f);
    }

    /// <summary>Equal within <paramref name="relative"/> of the larger magnitude, or of 1 near zero (a sum's rounding is absolute there).</summary>
    private static void AssertClose(ReadOnlySpan<float> expected, ReadOnlySpan<float> actual, float relative)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            float scale = MathF.Max(1f, MathF.Max(MathF.Abs(expected[i]), MathF.Abs(actual[i])));
            Assert.True(MathF.Abs(expected[i] - actual[i]) <= relative * scale, $"[{i}]: expected {expected[i]}, got {actual[i]}");
        }
    }
}
