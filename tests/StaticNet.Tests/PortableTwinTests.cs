using System;
using System.Collections.Generic;
using StaticNet.Kernels;
using Xunit;

namespace StaticNet.Tests;

/// <summary>
/// What the netstandard2.1 build computes for deterministic networks without intrinsics gives the vector builds' bits:
/// its software fused multiply-add equals the hardware instruction (<see cref="MathF.FusedMultiplyAdd"/>) on millions
/// of random and edge-case triples, and each twin in <see cref="FusedScalarFunctions"/> equals the operator's one form
/// under fused lanes (<see cref="Fused{TVector, TSimd}"/>, which DeterministicKernelTests ties to every width) on
/// special values, every range the functions treat differently and random inputs. Both files are compiled into this
/// project from src/Runtime/Kernels/Portable/Deterministic; the portable tests and tests/Determinism/run.sh (Mono)
/// check the rest of the portable path through whole networks.
/// </summary>
public sealed class PortableTwinTests
{
    private static readonly float[] Specials =
    [
        0f, -0f, 1f, -1f, 0.5f, -0.5f, 1.5f, 3f, -3f, 1f + (1f / 8388608f), 1f - (1f / 16777216f), float.Epsilon, -float.Epsilon,
        1.17549435e-38f, -1.17549435e-38f, 1.17549421e-38f, 5.9e-39f, 1e-20f, 1e20f, 1.8446744e19f, 3.4e38f,
        float.MaxValue, float.MinValue, float.PositiveInfinity, float.NegativeInfinity, float.NaN,
    ];

    [Fact]
    public void SoftwareFusedMultiplyAdd_OnEveryTripleOfSpecialValues_IsTheHardwareInstruction()
    {
        Assert.True(System.Runtime.Intrinsics.X86.Fma.IsSupported || System.Runtime.Intrinsics.Arm.AdvSimd.IsSupported, "the reference needs a hardware FMA");
        foreach (float a in Specials)
        {
            foreach (float b in Specials)
            {
                foreach (float c in Specials)
                {
                    AssertFma(a, b, c);
                }
            }
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void SoftwareFusedMultiplyAdd_OnAMillionTriplesOfAKind_IsTheHardwareInstruction(int kind)
    {
        var random = new Random(1000 + kind);
        for (int i = 0; i < 1_000_000; i++)
        {
            (float a, float b, float c) = Triple(random, kind);
            AssertFma(a, b, c);
        }
    }

    [Fact]
    public void EveryTwin_GivesTheBitsOfTheOneFormUnderFusedLanes()
    {
        float[] inputs = Inputs();
        var deltas = new float[inputs.Length];
        var random = new Random(7);
        for (int i = 0; i < deltas.Length; i++)
        {
            deltas[i] = (float)((random.NextDouble() * 4) - 2);
        }

        for (int i = 0; i < inputs.Length; i++)
        {
            float z = inputs[i], delta = deltas[i];
            Same(Fused<float, SimdScalar>.Apply(new ExpOperator(), z), FusedScalarFunctions.Exp(z), "Exp", z);
            Same(One(new SigmoidOperator(), z), FusedScalarFunctions.Sigmoid(z), "Sigmoid", z);
            Same(One(new TanhOperator(), z), FusedScalarFunctions.Tanh(z), "Tanh", z);
            Same(One(new ReLUOperator(), z), FusedScalarFunctions.ReLU(z), "ReLU", z);
            Same(One(new LeakyReLUOperator(0.01f), z), FusedScalarFunctions.LeakyReLU(z, 0.01f), "LeakyReLU", z);
            Same(One(new GELUOperator(), z), FusedScalarFunctions.Gelu(z), "GELU", z);
            Same(One(new SiLUOperator(), z), FusedScalarFunctions.Silu(z), "SiLU", z);
            Same(One(new ELUOperator(), z), FusedScalarFunctions.Elu(z), "ELU", z);
            Same(One(new SoftplusOperator(), z), FusedScalarFunctions.Softplus(z), "Softplus", z);
            Same(SmoothFunctions.Erf<Fused<float, SimdScalar>, float>(z), FusedScalarFunctions.Erf(z), "Erf", z);

            Same(Derivative(new SigmoidOperator(), delta, z), FusedScalarFunctions.SigmoidDerivative(delta, z), "Sigmoid'", z);
            Same(Derivative(new TanhOperator(), delta, z), FusedScalarFunctions.TanhDerivative(delta, z), "Tanh'", z);
            Same(Derivative(new ReLUOperator(), delta, z), FusedScalarFunctions.LeakyReLUDerivative(delta, z, 0f), "ReLU'", z);
            Same(Derivative(new LeakyReLUOperator(0.01f), delta, z), FusedScalarFunctions.LeakyReLUDerivative(delta, z, 0.01f), "LeakyReLU'", z);
            Same(Derivative(new GELUOperator(), delta, z), FusedScalarFunctions.GeluDerivative(delta, z), "GELU'", z);
            Same(Derivative(new SiLUOperator(), delta, z), FusedScalarFunctions.SiluDerivative(delta, z), "SiLU'", z);
            Same(Derivative(new ELUOperator(), delta, z), FusedScalarFunctions.EluDerivative(delta, z), "ELU'", z);
            Same(Derivative(new SoftplusOperator(), delta, z), FusedScalarFunctions.SoftplusDerivative(delta, z), "Softplus'", z);
        }
    }

    private static float One<TOperator>(TOperator op, float z)
        where TOperator : struct, IUnaryOperator => Fused<float, SimdScalar>.Apply(op, z);

    private static float Derivative<TOperator>(TOperator op, float delta, float z)
        where TOperator : struct, IDerivativeOperator => Fused<float, SimdScalar>.Apply(op, delta, z);

    /// <summary>Special values, the bounds every function switches at and their neighbours, and 200,000 random values in three ranges and over all bit patterns.</summary>
    private static float[] Inputs()
    {
        var inputs = new List<float>(Specials);
        foreach (float bound in new[] { 1f, 3.9f, 4f, 7.90531110763549805f, 9.1f, 20f, 87.3f, 88.3f, 88.8f })
        {
            foreach (float x in new[] { bound, -bound })
            {
                inputs.Add(x);
                inputs.Add(MathF.BitIncrement(x));
                inputs.Add(MathF.BitDecrement(x));
            }
        }

        var random = new Random(11);
        for (int i = 0; i < 200_000; i++)
        {
            inputs.Add((i % 4) switch
            {
                0 => (float)((random.NextDouble() * 16) - 8),
                1 => (float)((random.NextDouble() * 200) - 100),
                2 => (float)((random.NextDouble() * 2e-3) - 1e-3),
                _ => BitConverter.Int32BitsToSingle(random.Next() ^ (random.Next(2) << 31)),
            });
        }

        return inputs.ToArray();
    }

    /// <summary>
    /// 0: any bit patterns (NaN, ∞, subnormals, overflow); 1: c ≈ −a·b, where the sum cancels and the product's low bits
    /// decide; 2: 12-bit significands, so a·b fits in 24 bits and a·b + c often lies halfway between two floats; 3: results
    /// in and around the subnormal range; 4: results around the overflow threshold.
    /// </summary>
    private static (float A, float B, float C) Triple(Random random, int kind)
    {
        switch (kind)
        {
            case 0:
                return (AnyBits(random), AnyBits(random), AnyBits(random));
            case 1:
            {
                float a = Scaled(random, -20, 20), b = Scaled(random, -20, 20);
                float c = -(a * b);
                int nudge = random.Next(-3, 4);
                return (a, b, BitConverter.Int32BitsToSingle(BitConverter.SingleToInt32Bits(c) + nudge));
            }

            case 2:
            {
                float a = (random.Next(2048, 4096) * (random.Next(2) == 0 ? 1 : -1)) * MathF.Pow(2, random.Next(-20, 20));
                float b = random.Next(2048, 4096) * MathF.Pow(2, random.Next(-20, 20));
                return (a, b, Scaled(random, -50, 30));
            }

            case 3:
                return (Scaled(random, -80, -60), Scaled(random, -80, -60), Scaled(random, -150, -120));
            default:
                return (Scaled(random, 60, 66), Scaled(random, 60, 66), Scaled(random, 125, 128));
        }
    }

    private static float AnyBits(Random random) => BitConverter.Int32BitsToSingle(random.Next() ^ (random.Next(2) << 31));

    /// <summary>A random significand, sign and power of two in [2^lowest, 2^highest).</summary>
    private static float Scaled(Random random, int lowest, int highest) =>
        (float)((random.NextDouble() + 1) * Math.Pow(2, random.Next(lowest, highest)) * (random.Next(2) == 0 ? 1 : -1));

    private static void AssertFma(float a, float b, float c)
    {
        float expected = MathF.FusedMultiplyAdd(a, b, c), actual = SoftwareFusedMultiplyAdd.Compute(a, b, c);
        int nanOperands = (float.IsNaN(a) ? 1 : 0) + (float.IsNaN(b) ? 1 : 0) + (float.IsNaN(c) ? 1 : 0);
        if (nanOperands > 1)
        {
            // Which NaN the instruction returns follows the operand order of the encoding the JIT chose.
            Assert.True(float.IsNaN(actual), $"fma({a:R}, {b:R}, {c:R}) = {actual:R}, not NaN");
            return;
        }

        if (BitConverter.SingleToInt32Bits(expected) != BitConverter.SingleToInt32Bits(actual))
        {
            Assert.Fail($"fma({a:R}, {b:R}, {c:R}) [{Bits(a)} {Bits(b)} {Bits(c)}]: hardware {expected:R} ({Bits(expected)}), software {actual:R} ({Bits(actual)})");
        }
    }

    private static void Same(float expected, float actual, string function, float z)
    {
        if ((float.IsNaN(expected) && float.IsNaN(actual)) || BitConverter.SingleToInt32Bits(expected) == BitConverter.SingleToInt32Bits(actual))
        {
            return;
        }

        Assert.Fail($"{function} at {z:R} ({Bits(z)}): one form {expected:R} ({Bits(expected)}), twin {actual:R} ({Bits(actual)})");
    }

    private static string Bits(float value) => BitConverter.SingleToInt32Bits(value).ToString("X8", System.Globalization.CultureInfo.InvariantCulture);
}
