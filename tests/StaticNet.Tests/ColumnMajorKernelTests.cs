using System;
using System.Collections.Generic;
using StaticNet.CompilerServices;
using Xunit;

namespace StaticNet.Tests;

/// <summary>
/// The kernels and the initialisation of layers whose W is stored <see cref="WeightOrder.ColumnMajor"/> (W[j, k] at
/// k·units + j): each <c>ByColumns</c> batch kernel, given Wᵀ as stored, computes what its row-major twin computes
/// from W and what the same product gives in double precision; <see cref="ParameterInitializer.UniformColumnMajor"/>
/// draws what <see cref="ParameterInitializer.Uniform"/> draws, stored transposed. CI reruns these at every vector width
/// and the portable tests against the netstandard2.1 build.
/// </summary>
public sealed class ColumnMajorKernelTests
{
    // Units and inputs below, at and above the vector widths and the register tiles (1 to 17 floats); batches of one
    // sample, a few, and 64 (every row tile of the products).
    public static IEnumerable<object[]> Shapes()
    {
        foreach (int units in new[] { 1, 3, 5, 7, 8, 13 })
        {
            foreach (int inputs in new[] { 1, 2, 4, 9, 17 })
            {
                foreach (int count in new[] { 1, 3, 64 })
                {
                    yield return [units, inputs, count];
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void ForwardBatchByColumns_OnWTransposed_EqualsForwardBatchAndTheDoublePrecisionProduct(int units, int inputs, int count)
    {
        float[] w = Values(units * inputs, 1), b = Values(units, 2), x = Values(count * inputs, 3);
        float[] byColumns = Values(count * units, 4), byRows = new float[count * units];
        DenseKernels.ForwardBatchByColumns(Transpose(w, units, inputs), b, x, byColumns, count);
        DenseKernels.ForwardBatch(w, b, x, byRows, count);

        // Z = b + X·Wᵀ, Wᵀ read from row-major W through swapped strides.
        float[] biasRows = new float[count * units];
        for (int s = 0; s < count; s++)
        {
            b.CopyTo(biasRows, s * units);
        }

        var expected = Product(biasRows, x, inputs, 1, w, 1, inputs, count, units, inputs);
        AssertAllClose(expected, byColumns, byRows, "Z");
    }

    [Theory]
    [InlineData(16, 1)]
    [InlineData(16, 9)]
    [InlineData(32, 20)]
    [InlineData(48, 3)]
    [InlineData(64, 64)]
    [InlineData(128, 17)]
    [InlineData(13, 5)]
    [InlineData(21, 7)]
    [InlineData(150, 11)]
    public void ForwardByColumns_OnWTransposed_EqualsForwardAndTheDoublePrecisionProduct(int units, int inputs)
    {
        // Multiples of 16 units run the column kernel's eight-, four- and one-vector paths; the rest end one float at
        // a time, and an output of NaN catches any unit left unwritten.
        float[] w = Values(units * inputs, 21), b = Values(units, 22), x = Values(inputs, 23);
        float[] byColumns = new float[units], byRows = new float[units];
        Array.Fill(byColumns, float.NaN);
        DenseKernels.ForwardByColumns(Transpose(w, units, inputs), b, x, byColumns);
        DenseKernels.Forward(w, b, x, byRows);

        var expected = Product(b, x, inputs, 1, w, 1, inputs, 1, units, inputs);
        AssertAllClose(expected, byColumns, byRows, "y");
        Assert.Equal(0, SteadyStateAllocation.AllocatedBytes(() => DenseKernels.ForwardByColumns(w, b, x, byColumns)));
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void AccumulateGradientByColumns_AddsOntoTheGradients_AsAccumulateGradientDoes(int units, int inputs, int count)
    {
        float[] deltas = Values(count * units, 5), a = Values(count * inputs, 6);
        float[] weightGradient = Values(units * inputs, 7), biasGradient = Values(units, 8);
        float[] byColumns = Transpose(weightGradient, units, inputs), byRows = (float[])weightGradient.Clone();
        float[] biasByColumns = (float[])biasGradient.Clone(), biasByRows = (float[])biasGradient.Clone();
        DenseKernels.AccumulateGradientByColumns(deltas, a, byColumns, biasByColumns, count);
        DenseKernels.AccumulateGradient(deltas, a, byRows, biasByRows, count);

        // ∂W = ∂W₀ + δᵀ·A and ∂b = ∂b₀ + δᵀ·1, δᵀ read from δ through swapped strides.
        var expectedWeights = Product(weightGradient, deltas, 1, units, a, inputs, 1, units, inputs, count);
        var expectedBiases = Product(biasGradient, deltas, 1, units, Ones(count), 1, 0, units, 1, count);
        AssertAllClose(expectedWeights, Transpose(byColumns, inputs, units), byRows, "∂W");
        AssertAllClose(expectedBiases, biasByColumns, biasByRows, "∂b");
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void BackpropagateErrorByColumns_OverwritesPrevious_WithWhatBackpropagateErrorGives(int units, int inputs, int count)
    {
        float[] w = Values(units * inputs, 9), deltas = Values(count * units, 10);
        float[] byColumns = new float[count * inputs], byRows = new float[count * inputs];

        // NaN survives any sum it joins: only a kernel that overwrites every element of previous passes.
        Array.Fill(byColumns, float.NaN);
        Array.Fill(byRows, float.NaN);
        DenseKernels.BackpropagateErrorByColumns(Transpose(w, units, inputs), deltas, byColumns, count);
        DenseKernels.BackpropagateError(w, deltas, byRows, count);

        // previous = δ·W.
        var expected = Product(new float[count * inputs], deltas, units, 1, w, inputs, 1, count, inputs, units);
        AssertAllClose(expected, byColumns, byRows, "previous");
    }

    [Fact]
    public void ByColumnsKernels_GivenSpansOfTheWrongLength_ThrowNamingTheExpectedAndActualLengths()
    {
        // 3 units, 4 inputs, 2 samples: W 12, b 3, X 8, Z and δ 6.
        float[] w = new float[12], b = new float[3], x = new float[8], z = new float[6], deltas = new float[6];
        AssertWrongLength(() => DenseKernels.ForwardBatchByColumns(new float[11], b, x, z, 2), "weights", 12, 11);
        AssertWrongLength(() => DenseKernels.ForwardBatchByColumns(w, b, new float[9], z, 2), "inputs", 8, 9);
        AssertWrongLength(() => DenseKernels.ForwardBatchByColumns(w, b, x, new float[7], 2), "outputs", 6, 7);
        AssertWrongLength(() => DenseKernels.AccumulateGradientByColumns(new float[5], x, w, b, 2), "deltas", 6, 5);
        AssertWrongLength(() => DenseKernels.AccumulateGradientByColumns(deltas, new float[9], w, b, 2), "inputs", 8, 9);
        AssertWrongLength(() => DenseKernels.AccumulateGradientByColumns(deltas, x, new float[13], b, 2), "weightGradient", 12, 13);
        AssertWrongLength(() => DenseKernels.BackpropagateErrorByColumns(new float[13], deltas, x, 2), "weights", 12, 13);
        AssertWrongLength(() => DenseKernels.BackpropagateErrorByColumns(w, new float[7], x, 2), "deltas", 6, 7);
        AssertWrongLength(() => DenseKernels.BackpropagateErrorByColumns(w, deltas, new float[9], 2), "previous", 8, 9);
    }

    [Theory]
    [InlineData(1, 1, 1)]
    [InlineData(3, 5, 2)]
    [InlineData(5, 3, 3)]
    [InlineData(8, 13, 4)]
    [InlineData(13, 8, 5)]
    [InlineData(7, 1, 6)]
    [InlineData(1, 9, 7)]
    public void UniformColumnMajor_Transposed_IsUniformBitForBit_AndLeavesTheSameRandomState(int rows, int columns, int seed)
    {
        const float bound = 0.75f;
        float[] rowMajor = new float[rows * columns], columnMajor = new float[rows * columns];
        var first = new DeterministicRandom(seed);
        var second = new DeterministicRandom(seed);
        ParameterInitializer.Uniform(rowMajor, bound, ref first);
        ParameterInitializer.UniformColumnMajor(columnMajor, rows, columns, bound, ref second);

        float[] transposed = Transpose(columnMajor, columns, rows);
        for (int i = 0; i < rowMajor.Length; i++)
        {
            Assert.True(
                BitConverter.SingleToInt32Bits(rowMajor[i]) == BitConverter.SingleToInt32Bits(transposed[i]),
                $"W[{i / columns},{i % columns}]: Uniform drew {rowMajor[i]:R}, UniformColumnMajor stored {transposed[i]:R}");
        }

        // The next layer's draws start where this layer's stopped, in both orders.
        Assert.Equal(first.NextUInt64(), second.NextUInt64());
    }

    [Fact]
    public void UniformColumnMajor_GivenTheWrongLength_ThrowsNamingTheExpectedAndActualLengths()
    {
        var random = new DeterministicRandom(1);
        var exception = Assert.Throws<ArgumentException>(() => ParameterInitializer.UniformColumnMajor(new float[14], 3, 5, 1f, ref random));
        Assert.Equal("weights", exception.ParamName);
        Assert.Contains("must have length 15, but has length 14", exception.Message);
    }

    [Fact]
    public void ByColumnsKernelsAndUniformColumnMajor_AllocateNothing()
    {
        const int units = 13, inputs = 17, count = 64;
        float[] s = Values(units * inputs, 11), b = Values(units, 12), x = Values(count * inputs, 13), z = new float[count * units];
        float[] deltas = Values(count * units, 14), weightGradient = new float[units * inputs], biasGradient = new float[units];
        float[] previous = new float[count * inputs], initialised = new float[units * inputs];
        var random = new DeterministicRandom(15);

        void Run()
        {
            DenseKernels.ForwardBatchByColumns(s, b, x, z, count);
            DenseKernels.AccumulateGradientByColumns(deltas, x, weightGradient, biasGradient, count);
            DenseKernels.BackpropagateErrorByColumns(s, deltas, previous, count);
            ParameterInitializer.UniformColumnMajor(initialised, units, inputs, 0.5f, ref random);
        }

        Assert.Equal(0, SteadyStateAllocation.AllocatedBytes(Run));
    }

    /// <summary>
    /// C = start + A·B in double precision, A and B read through (row, column) strides, C row-major [rows × columns];
    /// with each element, the sum of the magnitudes of its terms, which bounds the rounding of any float summation order.
    /// </summary>
    private static (double[] Value, double[] Magnitude) Product(
        float[] start, float[] a, int aRowStride, int aColumnStride, float[] b, int bRowStride, int bColumnStride, int rows, int columns, int inner)
    {
        double[] value = new double[rows * columns], magnitude = new double[rows * columns];
        for (int i = 0; i < rows; i++)
        {
            for (int j = 0; j < columns; j++)
            {
                int c = (i * columns) + j;
                value[c] = start[c];
                magnitude[c] = Math.Abs(start[c]);
                for (int p = 0; p < inner; p++)
                {
                    double term = (double)a[(i * aRowStride) + (p * aColumnStride)] * b[(p * bRowStride) + (j * bColumnStride)];
                    value[c] += term;
                    magnitude[c] += Math.Abs(term);
                }
            }
        }

        return (value, magnitude);
    }

    // Float sums of at most 65 terms in any order are within 65 · 2⁻²⁴ (4e-6) of the sum of the terms' magnitudes;
    // 1e-5 of it holds for every kernel's order, and a term missed or counted twice is far outside it.
    private static void AssertAllClose((double[] Value, double[] Magnitude) expected, float[] byColumns, float[] byRows, string what)
    {
        for (int i = 0; i < byColumns.Length; i++)
        {
            double tolerance = 1e-5 * expected.Magnitude[i];
            Assert.True(
                Math.Abs(byColumns[i] - expected.Value[i]) <= tolerance,
                $"{what}[{i}] by columns: expected {expected.Value[i]:R}, got {byColumns[i]:R} (tolerance {tolerance:G3})");
            Assert.True(
                Math.Abs(byColumns[i] - byRows[i]) <= tolerance,
                $"{what}[{i}]: by columns {byColumns[i]:R}, by rows {byRows[i]:R} (tolerance {tolerance:G3})");
        }
    }

    private static void AssertWrongLength(Action call, string parameter, int expected, int actual)
    {
        var exception = Assert.Throws<ArgumentException>(call);
        Assert.Equal(parameter, exception.ParamName);
        Assert.Contains($"must have length {expected}, but has length {actual}", exception.Message);
    }

    // Row-major [rows × columns] to row-major [columns × rows]: W to the column-major block S = Wᵀ, and back.
    private static float[] Transpose(float[] matrix, int rows, int columns)
    {
        float[] transposed = new float[matrix.Length];
        for (int j = 0; j < rows; j++)
        {
            for (int k = 0; k < columns; k++)
            {
                transposed[(k * rows) + j] = matrix[(j * columns) + k];
            }
        }

        return transposed;
    }

    private static float[] Ones(int length)
    {
        float[] ones = new float[length];
        Array.Fill(ones, 1f);
        return ones;
    }

    // Uniform in [-1, 1], none of them zero, so every product has terms to sum and nothing to lose.
    private static float[] Values(int length, int seed)
    {
        var random = new Random(seed);
        float[] values = new float[length];
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = ((float)random.NextDouble() * 2f) - 1f;
            if (values[i] == 0f)
            {
                values[i] = 0.5f;
            }
        }

        return values;
    }
}
