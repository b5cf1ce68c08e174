using System;
using System.Collections.Generic;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using StaticNet.CompilerServices;
using StaticNet.Kernels;
using Xunit;

namespace StaticNet.Tests;

/// <summary>
/// The deterministic kernels give the same bits at every width: each is run here at Vector512, Vector256, Vector128 and
/// one float (widths this machine does not accelerate are emulated, with the same results), and compared bit for bit
/// with each other and with the definition written out in scalar code. tests/Determinism/run.sh then checks whole
/// networks across the widths and runtimes a process can be started with.
/// </summary>
public sealed class DeterministicKernelTests
{
    // (rows, columns, inner): every tile of FixedOrderProduct (4 × 4, 4 × 3, 2 × 2, rows of 4 columns, single outputs)
    // and inner sizes below, at and around multiples of 8 and 16.
    public static IEnumerable<object[]> Shapes()
    {
        foreach (int rows in new[] { 1, 2, 3, 4, 5, 9 })
        {
            foreach (int columns in new[] { 1, 2, 3, 4, 5, 7, 10 })
            {
                foreach (int inner in new[] { 1, 5, 7, 8, 9, 15, 16, 17, 33, 100 })
                {
                    yield return [rows, columns, inner];
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void FixedOrderProduct_AtEveryWidth_GivesTheBitsOfItsDefinition(int rows, int columns, int inner)
    {
        float[] a = Values(rows * inner, 1), b = Values(columns * inner, 2), start = Values(rows * columns, 3);
        float[] expected = (float[])start.Clone();
        for (int i = 0; i < rows; i++)
        {
            for (int j = 0; j < columns; j++)
            {
                expected[(i * columns) + j] += DefinedDot(a.AsSpan(i * inner, inner), b.AsSpan(j * inner, inner));
            }
        }

        AssertBits(expected, Product<Vector512<float>, Fused<Vector512<float>, Simd512>>(a, b, start, rows, columns, inner), "512");
        AssertBits(expected, Product<Vector256<float>, Fused<Vector256<float>, Simd256>>(a, b, start, rows, columns, inner), "256");
        AssertBits(expected, Product<Vector128<float>, Fused<Vector128<float>, Simd128>>(a, b, start, rows, columns, inner), "128");
        AssertBits(expected, Product<float, Fused<float, SimdScalar>>(a, b, start, rows, columns, inner), "scalar");
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Gemm_WithFusedLanes_SumsEveryOutputInOrderAtEveryWidth(int rows, int columns, int inner)
    {
        // C = A·B with B [inner × columns]: each output a chain of fused multiply-adds over p in order, then added to C.
        float[] a = Values(rows * inner, 4), b = Values(inner * columns, 5), start = Values(rows * columns, 6);
        float[] expected = (float[])start.Clone();
        for (int i = 0; i < rows; i++)
        {
            for (int j = 0; j < columns; j++)
            {
                float sum = 0f;
                for (int p = 0; p < inner; p++)
                {
                    sum = MathF.FusedMultiplyAdd(a[(i * inner) + p], b[(p * columns) + j], sum);
                }

                expected[(i * columns) + j] += sum;
            }
        }

        AssertBits(expected, GemmProduct<Vector512<float>, Fused<Vector512<float>, Simd512>>(a, b, start, rows, columns, inner), "512");
        AssertBits(expected, GemmProduct<Vector256<float>, Fused<Vector256<float>, Simd256>>(a, b, start, rows, columns, inner), "256");
        AssertBits(expected, GemmProduct<Vector128<float>, Fused<Vector128<float>, Simd128>>(a, b, start, rows, columns, inner), "128");
        AssertBits(expected, GemmProduct<float, Fused<float, SimdScalar>>(a, b, start, rows, columns, inner), "scalar");
    }

    [Fact]
    public void EveryOperator_AtEveryWidth_GivesTheBitsOfItsOneFloatForm()
    {
        AssertOperator(new ExpOperator());
        AssertActivation(new SigmoidOperator());
        AssertActivation(new TanhOperator());
        AssertActivation(new ReLUOperator());
        AssertActivation(new LeakyReLUOperator(0.01f));
        AssertActivation(new IdentityOperator());
        AssertActivation(new GELUOperator());
        AssertActivation(new SiLUOperator());
        AssertActivation(new ELUOperator());
        AssertActivation(new SoftplusOperator());
    }

    [Fact]
    public void DeterministicNetworkMath_StaysCloseToTheExactFunctions()
    {
        for (float z = -20f; z <= 20f; z += 0.01953125f)
        {
            Assert.Equal(1d / (1d + Math.Exp(-z)), DeterministicNetworkMath.Sigmoid(z), 1e-6);
            Assert.Equal(Math.Tanh(z), DeterministicNetworkMath.Tanh(z), 1e-6);
            Assert.Equal(Math.Max(z, 0d), DeterministicNetworkMath.ReLU(z), 0d);
            Assert.Equal(Math.Log(1d + Math.Exp(z)), DeterministicNetworkMath.Softplus(z), 2e-6 * Math.Max(1d, Math.Abs(z)));
        }

        Assert.Equal(0f, DeterministicNetworkMath.ReLU(-0f));
        Assert.True(BitConverter.SingleToInt32Bits(DeterministicNetworkMath.ReLU(-0f)) == 0, "ReLU(−0) is +0, as max(z, 0).");
        Assert.True(float.IsNaN(DeterministicNetworkMath.ReLU(float.NaN)));
        Assert.Equal(1f, DeterministicNetworkMath.Sigmoid(100f));
        Assert.Equal(0f, DeterministicNetworkMath.Sigmoid(-100f));
        Assert.Equal(-1f, DeterministicNetworkMath.Tanh(-20f));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(15)]
    [InlineData(16)]
    [InlineData(17)]
    [InlineData(40)]
    public void DeterministicActivationKernels_GiveTheScalarFormsBitsAtEveryPosition(int length)
    {
        // The vectors of the process's width, then the rest one float at a time: each element's bits depend on its value only.
        float[] z = Values(length, 7, scale: 12f);
        float[] a = new float[length], delta = Values(length, 8), product = (float[])delta.Clone();
        DeterministicActivationKernels.Sigmoid(z, a);
        AssertBits(Array.ConvertAll(z, DeterministicNetworkMath.Sigmoid), a, "σ");
        DeterministicActivationKernels.Tanh(z, a);
        AssertBits(Array.ConvertAll(z, DeterministicNetworkMath.Tanh), a, "tanh");
        DeterministicActivationKernels.GELU(z, a);
        AssertBits(Array.ConvertAll(z, DeterministicNetworkMath.GELU), a, "GELU");
        DeterministicActivationKernels.MultiplySiLUDerivative(product, z);
        float[] expected = new float[length];
        for (int i = 0; i < length; i++)
        {
            expected[i] = DeterministicNetworkMath.MultiplySiLUDerivative(delta[i], z[i]);
        }

        AssertBits(expected, product, "SiLU'");
    }

    [Fact]
    public void PortableLog_IsWithinTwoUlpsOfTheExactLogarithm()
    {
        var random = new DeterministicRandom(11);
        for (int i = 0; i < 200_000; i++)
        {
            // Every binade from subnormals to the largest floats, and densely around 1.
            float x = i % 2 == 0
                ? BitConverter.Int32BitsToSingle((int)(random.NextUInt64() % 0x7F800000))
                : 0.5f + (1.5f * random.NextSingle());
            if (x == 0f)
            {
                continue;
            }

            double exact = Math.Log(x);
            float actual = default(PortableMath).Log(x);
            double ulp = Math.Max(Math.Abs(MathF.BitIncrement((float)exact) - (float)exact), float.Epsilon);
            Assert.True(Math.Abs(actual - exact) <= 2 * ulp, $"ln({x:R}) = {actual:R}, exactly {exact:R}");
        }

        Assert.Equal(float.NegativeInfinity, default(PortableMath).Log(0f));
        Assert.Equal(float.PositiveInfinity, default(PortableMath).Log(float.PositiveInfinity));
        Assert.True(float.IsNaN(default(PortableMath).Log(-1f)));
        Assert.True(float.IsNaN(default(PortableMath).Log(float.NaN)));
        Assert.Equal(0f, default(PortableMath).Log(1f));
    }

    [Fact]
    public void DeterministicSoftmax_IsTheSoftmaxSummedInOrder()
    {
        float[] z = [2.5f, -1f, 0.25f, 7f, 7f, -30f, 1e-3f];
        float[] values = (float[])z.Clone();
        DeterministicNetworkMath.SoftmaxInPlace(values);
        double max = 7d, sum = 0d;
        foreach (float v in z)
        {
            sum += Math.Exp(v - max);
        }

        for (int k = 0; k < z.Length; k++)
        {
            Assert.Equal(Math.Exp(z[k] - max) / sum, values[k], 2e-7);
        }
    }

    [Fact]
    public void DeterministicCrossEntropy_MatchesTheDefinitionToFloatPrecision()
    {
        float[] output = [0.7f, 0.2f, 0.1f], target = [0f, 1f, 0f];
        Assert.Equal(-Math.Log(0.2f), DeterministicLosses.CrossEntropy(output, target), 2e-7);
        Assert.Equal(-(Math.Log(1f - 0.7f) + Math.Log(0.2f) + Math.Log(1f - 0.1f)), DeterministicLosses.BinaryCrossEntropy(output, target), 1e-6);
    }

    private static float[] Product<TVector, TSimd>(float[] a, float[] b, float[] start, int rows, int columns, int inner)
        where TVector : struct
        where TSimd : struct, ISimd<TVector>
    {
        // Pinned, as the kernel's callers pin their spans: its Vector512 tiles load through pointers.
        float[] pa = Pinned(a), pb = Pinned(b), c = Pinned(start);
        FixedOrderProduct.Run<TVector, TSimd>(ref pa[0], inner, ref pb[0], inner, ref c[0], columns, rows, columns, inner);
        return c;
    }

    private static float[] Pinned(float[] values)
    {
        float[] pinned = GC.AllocateUninitializedArray<float>(values.Length, pinned: true);
        values.CopyTo(pinned, 0);
        return pinned;
    }

    private static float[] GemmProduct<TVector, TSimd>(float[] a, float[] b, float[] start, int rows, int columns, int inner)
        where TVector : struct
        where TSimd : struct, ISimd<TVector>
    {
        float[] c = (float[])start.Clone();
        Gemm.Run<TVector, TSimd>(ref a[0], inner, 1, ref b[0], columns, ref c[0], columns, rows, columns, inner, accumulate: true);
        return c;
    }

    // The order FixedOrderProduct promises, written out: lane i sums the terms i, i + 8, … with fused multiply-adds;
    // s_i = l_i + l_(i+4); (s0 + s2) + (s1 + s3); then the last inner % 8 terms in order.
    private static float DefinedDot(ReadOnlySpan<float> x, ReadOnlySpan<float> w)
    {
        Span<float> lanes = stackalloc float[8];
        int blockEnd = x.Length - (x.Length % 8);
        for (int p = 0; p < blockEnd; p++)
        {
            lanes[p % 8] = MathF.FusedMultiplyAdd(x[p], w[p], lanes[p % 8]);
        }

        float s0 = lanes[0] + lanes[4], s1 = lanes[1] + lanes[5], s2 = lanes[2] + lanes[6], s3 = lanes[3] + lanes[7];
        float total = (s0 + s2) + (s1 + s3);
        for (int p = blockEnd; p < x.Length; p++)
        {
            total = MathF.FusedMultiplyAdd(x[p], w[p], total);
        }

        return total;
    }

    private static void AssertActivation<TOperator>(TOperator op)
        where TOperator : struct, IActivationOperator
    {
        AssertOperator(op);
        float[] inputs = OperatorInputs();
        float[] deltas = Values(inputs.Length, 9);
        for (int i = 0; i + 16 <= inputs.Length; i += 16)
        {
            Vector512<float> z = Vector512.Create(inputs.AsSpan(i, 16)), delta = Vector512.Create(deltas.AsSpan(i, 16));
            Vector512<float> wide = Fused<Vector512<float>, Simd512>.Apply(op, delta, z);
            for (int lane = 0; lane < 16; lane++)
            {
                float one = Fused<float, SimdScalar>.Apply(op, deltas[i + lane], inputs[i + lane]);
                Vector256<float> half = Fused<Vector256<float>, Simd256>.Apply(op, Vector256.Create(deltas.AsSpan(i + (lane & 8), 8)), Vector256.Create(inputs.AsSpan(i + (lane & 8), 8)));
                Vector128<float> quarter = Fused<Vector128<float>, Simd128>.Apply(op, Vector128.Create(deltas.AsSpan(i + (lane & 12), 4)), Vector128.Create(inputs.AsSpan(i + (lane & 12), 4)));
                AssertSameBits(one, wide[lane], $"{typeof(TOperator).Name}' at {inputs[i + lane]:R}, 512");
                AssertSameBits(one, half[lane & 7], $"{typeof(TOperator).Name}' at {inputs[i + lane]:R}, 256");
                AssertSameBits(one, quarter[lane & 3], $"{typeof(TOperator).Name}' at {inputs[i + lane]:R}, 128");
            }
        }
    }

    private static void AssertOperator<TOperator>(TOperator op)
        where TOperator : struct, IUnaryOperator
    {
        float[] inputs = OperatorInputs();
        for (int i = 0; i + 16 <= inputs.Length; i += 16)
        {
            Vector512<float> wide = Fused<Vector512<float>, Simd512>.Apply(op, Vector512.Create(inputs.AsSpan(i, 16)));
            for (int lane = 0; lane < 16; lane++)
            {
                float one = Fused<float, SimdScalar>.Apply(op, inputs[i + lane]);
                Vector256<float> half = Fused<Vector256<float>, Simd256>.Apply(op, Vector256.Create(inputs.AsSpan(i + (lane & 8), 8)));
                Vector128<float> quarter = Fused<Vector128<float>, Simd128>.Apply(op, Vector128.Create(inputs.AsSpan(i + (lane & 12), 4)));
                AssertSameBits(one, wide[lane], $"{typeof(TOperator).Name} at {inputs[i + lane]:R}, 512");
                AssertSameBits(one, half[lane & 7], $"{typeof(TOperator).Name} at {inputs[i + lane]:R}, 256");
                AssertSameBits(one, quarter[lane & 3], $"{typeof(TOperator).Name} at {inputs[i + lane]:R}, 128");
            }
        }
    }

    // Values across every range the functions treat differently, the special values, and 4,000 random ones; a multiple of 16.
    private static float[] OperatorInputs()
    {
        var inputs = new List<float>
        {
            0f, -0f, 1f, -1f, 0.5f, -0.5f, 3.9f, 4f, 9.1f, -9.1f, 20f, 20.5f, -20f, 87f, 88.5f, -87.5f, 100f, -100f,
            float.Epsilon, -float.Epsilon, 1e-30f, float.MaxValue, float.MinValue, float.PositiveInfinity, float.NegativeInfinity, float.NaN,
        };
        var random = new DeterministicRandom(13);
        while (inputs.Count < 4096)
        {
            inputs.Add(random.NextSymmetric(inputs.Count % 3 == 0 ? 100f : 8f));
        }

        return inputs.ToArray();
    }

    private static float[] Values(int count, int seed, float scale = 1f)
    {
        var random = new DeterministicRandom(seed);
        var values = new float[count];
        for (int i = 0; i < count; i++)
        {
            values[i] = random.NextSymmetric(scale);
        }

        return values;
    }

    private static void AssertBits(float[] expected, float[] actual, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            AssertSameBits(expected[i], actual[i], $"{what}, element {i}");
        }
    }

    private static void AssertSameBits(float expected, float actual, string what)
    {
        // Any NaN equals any NaN: the payload is the hardware's, not a result.
        if (float.IsNaN(expected) && float.IsNaN(actual))
        {
            return;
        }

        Assert.True(
            BitConverter.SingleToInt32Bits(expected) == BitConverter.SingleToInt32Bits(actual),
            $"{what}: expected {expected:R} (0x{BitConverter.SingleToInt32Bits(expected):X8}), got {actual:R} (0x{BitConverter.SingleToInt32Bits(actual):X8})");
    }
}
