using System;
using StaticNet.Kernels;
using Xunit;

namespace StaticNet.Tests;

/// <summary>
/// The one-float forms every build computes (<see cref="ScalarFunctions"/>: what the operators' scalar members and the
/// netstandard2.1 build's kernels run) against the generic functions instantiated at one float per "vector"
/// (<see cref="SimdScalar"/>: what the vector builds run at their scalar width), bit for bit, over 200 001 inputs from
/// −100 to 100, both infinities and NaN. Equal bits here are why the portable build and a .NET 10 build without
/// hardware intrinsics print the same numbers.
/// </summary>
public sealed class ScalarFunctionTests
{
    private static readonly float[] Inputs = BuildInputs();

    [Fact]
    public void Exp_EqualsTheScalarWidthBitForBit() =>
        AssertSameBits("Exp", ScalarFunctions.Exp, ActivationFunctions.Exp<SimdScalar, float>);

    [Fact]
    public void PolynomialSigmoid_EqualsTheScalarWidthBitForBit() =>
        AssertSameBits("Sigmoid", ScalarFunctions.PolynomialSigmoid, ActivationFunctions.Sigmoid<SimdScalar, float>);

    [Fact]
    public void Erf_EqualsTheScalarWidthBitForBit() =>
        AssertSameBits("Erf", ScalarFunctions.Erf, SmoothFunctions.Erf<SimdScalar, float>);

    [Fact]
    public void SmoothFunctions_EqualTheScalarWidthBitForBit()
    {
        AssertSameBits("Gelu", ScalarFunctions.Gelu, SmoothFunctions.Gelu<SimdScalar, float>);
        AssertSameBits("Silu", ScalarFunctions.Silu, SmoothFunctions.Silu<SimdScalar, float>);
        AssertSameBits("Elu", ScalarFunctions.Elu, SmoothFunctions.Elu<SimdScalar, float>);
        AssertSameBits("Softplus", ScalarFunctions.Softplus, SmoothFunctions.Softplus<SimdScalar, float>);
    }

    [Fact]
    public void SmoothDerivatives_EqualTheScalarWidthBitForBit()
    {
        // δ = 0.75 so that the product with δ is part of what is compared.
        AssertSameBits("GeluDerivative", z => ScalarFunctions.GeluDerivative(0.75f, z), z => SmoothFunctions.GeluDerivative<SimdScalar, float>(0.75f, z));
        AssertSameBits("SiluDerivative", z => ScalarFunctions.SiluDerivative(0.75f, z), z => SmoothFunctions.SiluDerivative<SimdScalar, float>(0.75f, z));
        AssertSameBits("EluDerivative", z => ScalarFunctions.EluDerivative(0.75f, z), z => SmoothFunctions.EluDerivative<SimdScalar, float>(0.75f, z));
        AssertSameBits("SoftplusDerivative", z => ScalarFunctions.SoftplusDerivative(0.75f, z), z => SmoothFunctions.SoftplusDerivative<SimdScalar, float>(0.75f, z));
    }

    private static void AssertSameBits(string name, Func<float, float> scalar, Func<float, float> generic)
    {
        foreach (float x in Inputs)
        {
            int expected = BitConverter.SingleToInt32Bits(generic(x));
            int actual = BitConverter.SingleToInt32Bits(scalar(x));
            if (expected != actual && !(float.IsNaN(generic(x)) && float.IsNaN(scalar(x))))
            {
                Assert.Fail($"{name}({x:R}): ScalarFunctions gives {scalar(x):R}, the SimdScalar instantiation {generic(x):R}.");
            }
        }
    }

    private static float[] BuildInputs()
    {
        var inputs = new float[200_004];
        for (int i = 0; i <= 200_000; i++)
        {
            inputs[i] = (i - 100_000) / 1000f;
        }

        inputs[200_001] = float.PositiveInfinity;
        inputs[200_002] = float.NegativeInfinity;
        inputs[200_003] = float.NaN;
        return inputs;
    }
}
