using System;
using System.Runtime.Intrinsics;
using StaticNet.CompilerServices;
using StaticNet.Kernels;
using StaticNet.Tests.Networks;
using Xunit;

namespace StaticNet.Tests;

/// <summary>
/// GELU, SiLU, ELU and Softplus against double precision (<see cref="DoubleReference"/>): the function and
/// its derivative in every runtime form (the whole-layer kernels, the scalar NetworkMath forms the straight-line code
/// calls, the vector forms of register layers at every width), erf itself, and whole networks' gradients in every
/// layer strategy against backpropagation in double precision.
/// </summary>
public sealed class SmoothActivationTests
{
    private static readonly float[] Inputs = BuildInputs();

    public static TheoryData<Activation> Activations() => new(DoubleReference.Smooth);

    [Theory]
    [MemberData(nameof(Activations))]
    public void Function_InEveryForm_MatchesDoublePrecision(Activation activation)
    {
        var kernel = new float[Inputs.Length];
        Layer(activation)(Inputs, kernel);
        for (int i = 0; i < Inputs.Length; i++)
        {
            float z = Inputs[i];
            double exact = DoubleReference.Function(activation, z);
            AssertClose(activation, "kernel", z, exact, kernel[i]);
            AssertClose(activation, "NetworkMath", z, exact, Scalar(activation)(z));
            AssertClose(activation, "Vector128", z, exact, Vector(activation, Vector128.Create(z)).GetElement(3));
            AssertClose(activation, "Vector256", z, exact, Vector(activation, Vector256.Create(z)).GetElement(7));
            AssertClose(activation, "Vector512", z, exact, Vector(activation, Vector512.Create(z)).GetElement(15));
        }
    }

    [Theory]
    [MemberData(nameof(Activations))]
    public void Derivative_InEveryForm_MatchesDoublePrecision(Activation activation)
    {
        var delta = new float[Inputs.Length];
        Array.Fill(delta, 1f);
        Derivative(activation)(delta, Inputs);
        for (int i = 0; i < Inputs.Length; i++)
        {
            float z = Inputs[i];
            double exact = DoubleReference.Derivative(activation, z);
            AssertClose(activation, "derivative kernel", z, exact, delta[i]);
            AssertClose(activation, "NetworkMath derivative", z, exact, ScalarDerivative(activation)(1f, z));
        }
    }

    [Fact]
    public void Softplus_IsTheIdentityAbove20_AsPyTorch()
    {
        float[] z = { 20.0001f, 25f, 1e6f, 3e38f };
        var a = new float[z.Length];
        var delta = new float[] { 2f, 2f, 2f, 2f };
        ActivationKernels.Softplus(z, a);
        ActivationKernels.MultiplySoftplusDerivative(delta, z);
        Assert.Equal(z, a);
        Assert.Equal(new[] { 2f, 2f, 2f, 2f }, delta);
    }

    [Fact]
    public void SmoothActivations_KeepNaN_AndStayFiniteAtTheExtremes()
    {
        float[] z = { float.NaN, -1e30f, -1000f, -88.8f, 88.8f, 1000f, 1e30f };
        foreach (Activation activation in DoubleReference.Smooth)
        {
            var a = new float[z.Length];
            var delta = new float[z.Length];
            Array.Fill(delta, 1f);
            Layer(activation)(z, a);
            Derivative(activation)(delta, z);
            Assert.True(float.IsNaN(a[0]) && float.IsNaN(delta[0]), activation.ToString());
            for (int i = 1; i < z.Length; i++)
            {
                Assert.True(float.IsFinite(a[i]) && float.IsFinite(delta[i]), $"{activation}({z[i]}) = {a[i]}, g' = {delta[i]}");
            }
        }
    }

    [Fact]
    public void Erf_IsWithinThreeUlp_InScalarAndVectorForm()
    {
        for (float x = -6f; x <= 6f; x += 0.00731f)
        {
            AssertErf(x);
        }

        for (float x = 1e-7f; x < 1f; x *= 1.37f)
        {
            AssertErf(x);
            AssertErf(-x);
        }

        Assert.Equal(1f, SmoothFunctions.Erf<SimdScalar, float>(float.PositiveInfinity));
        Assert.Equal(-1f, SmoothFunctions.Erf<SimdScalar, float>(float.NegativeInfinity));
        Assert.True(float.IsNaN(SmoothFunctions.Erf<SimdScalar, float>(float.NaN)));
    }

    /// <summary>The smooth activations' architectures: every layer strategy, every loss, hidden and output layers.</summary>
    public static TheoryData<string> Networks() => new() { "Arch32", "Arch33", "Arch34", "Arch35", "Arch36", "Arch37", "Arch38", "Arch39", "Arch40" };

    [Theory]
    [MemberData(nameof(Networks))]
    public void Backward_MatchesBackpropagationInDoublePrecision(string name)
    {
        for (int seed = 1; seed <= 4; seed++)
        {
            AssertGradientMatchesReference(GradientCheckNetworks.Create(name, seed), seed, scale: 2f);
        }
    }

    [Fact]
    public void Backward_MatchesDoublePrecision_WhereFiniteDifferencesStraddleELUsKink()
    {
        // ELU (α = 1) is continuously differentiable but its second derivative jumps at 0: finite differences with
        // units near 0 are off by O(ε), so this draw of the architecture property is checked against exact
        // backpropagation instead (the analytic gradient is right to float rounding).
        INetwork network = new Arch37(12332);
        var random = new DeterministicRandom(12332);
        float[] input = GradientCheckTests.RandomVector(network.InputSize, ref random, 68f / 35f);
        float[] target = GradientCheckTests.RandomDistribution(network.OutputSize, ref random);
        Assert.True(GradientCheck.CheckLoss(network, input, target).MaxRelativeError > 1e-2f);
        AssertGradientMatchesReference(network, 12332, scale: 68f / 35f);
    }

    /// <summary>
    /// Backward on a random sample (drawn as the gradient-check tests draw it) against the double-precision reference,
    /// each entry within <paramref name="tolerance"/> of the largest (float32 rounding, e.g. σ' = a(1 − a) read from a
    /// saturated a, stays far below it; a wrong formula is off by the entry itself).
    /// </summary>
    internal static void AssertGradientMatchesReference(INetwork network, int seed, float scale, double tolerance = 1e-5)
    {
        var random = new DeterministicRandom(seed);
        float[] input = GradientCheckTests.RandomVector(network.InputSize, ref random, scale);
        float[] target = GradientCheckTests.RandomDistribution(network.OutputSize, ref random);
        var gradient = new float[network.ParameterCount];
        float loss = network.Backward(input, target, gradient);

        var attribute = (NetworkAttribute)Attribute.GetCustomAttribute(network.GetType(), typeof(NetworkAttribute))!;
        float[] parameters = network.Parameters.ToArray();
        int[] sizes = network.LayerSizes.ToArray();
        Activation[] activations = ActivationsOf(network);
        (double exactLoss, double[] exact) = attribute.Loss == Loss.MeanSquaredError
            ? DoubleReference.LossGradient(parameters, sizes, activations, input, target)
            : (DoubleReference.Loss(Array.ConvertAll(parameters, v => (double)v), sizes, activations, attribute.Loss, input, target, attribute.HuberDelta),
               DoubleReference.NumericalGradient(parameters, sizes, activations, attribute.Loss, input, target, attribute.HuberDelta));
        Assert.Equal(exactLoss, loss, 1e-5 * Math.Max(1, exactLoss));
        double largest = 0;
        foreach (double g in exact)
        {
            largest = Math.Max(largest, Math.Abs(g));
        }

        for (int i = 0; i < exact.Length; i++)
        {
            Assert.True(Math.Abs(gradient[i] - exact[i]) <= tolerance * Math.Max(largest, 1e-3), $"{network.GetType().Name} seed {seed}: ∂C/∂θ[{i}] = {gradient[i]:G9}, exact {exact[i]:G9}");
        }
    }

    internal static Activation[] ActivationsOf(INetwork network)
    {
        var attribute = (NetworkAttribute)Attribute.GetCustomAttribute(network.GetType(), typeof(NetworkAttribute))!;
        if (attribute.Activations is { } explicitActivations)
        {
            return explicitActivations;
        }

        var activations = new Activation[attribute.LayerSizes.Length - 1];
        Array.Fill(activations, attribute.Hidden);
        activations[^1] = attribute.Output;
        return activations;
    }

    private static void AssertErf(float x)
    {
        double exact = DoubleReference.Erf(x);
        float rounded = (float)exact;
        double ulp = Math.Max(MathF.BitIncrement(Math.Abs(rounded)) - Math.Abs(rounded), float.Epsilon);
        float scalar = SmoothFunctions.Erf<SimdScalar, float>(x);
        float vector = SmoothFunctions.Erf<Simd256, Vector256<float>>(Vector256.Create(x)).GetElement(0);
        Assert.True(Math.Abs(scalar - exact) <= 3 * ulp, $"erf({x:G9}) = {scalar:G9}, exact {exact:G17}");
        Assert.True(Math.Abs(vector - exact) <= 3 * ulp, $"erf({x:G9}) = {vector:G9} (Vector256), exact {exact:G17}");
    }

    // Relative 1e-6, and absolute 2e-7 per unit of |z|: GELU's 1 + erf and ELU's e^z − 1 cancel, as in PyTorch.
    private static void AssertClose(Activation activation, string form, float z, double exact, float actual) =>
        Assert.True(
            Math.Abs(actual - exact) <= (1e-6 * Math.Abs(exact)) + (2e-7 * Math.Max(1, Math.Abs(z))),
            $"{activation} {form}({z:G9}) = {actual:G9}, exact {exact:G17}");

    private delegate void LayerKernel(ReadOnlySpan<float> z, Span<float> a);

    private delegate void DerivativeKernel(Span<float> delta, ReadOnlySpan<float> z);

    private static LayerKernel Layer(Activation activation) => activation switch
    {
        Activation.GELU => ActivationKernels.GELU,
        Activation.SiLU => ActivationKernels.SiLU,
        Activation.ELU => ActivationKernels.ELU,
        _ => ActivationKernels.Softplus,
    };

    private static DerivativeKernel Derivative(Activation activation) => activation switch
    {
        Activation.GELU => ActivationKernels.MultiplyGELUDerivative,
        Activation.SiLU => ActivationKernels.MultiplySiLUDerivative,
        Activation.ELU => ActivationKernels.MultiplyELUDerivative,
        _ => ActivationKernels.MultiplySoftplusDerivative,
    };

    private static Func<float, float> Scalar(Activation activation) => activation switch
    {
        Activation.GELU => NetworkMath.GELU,
        Activation.SiLU => NetworkMath.SiLU,
        Activation.ELU => NetworkMath.ELU,
        _ => NetworkMath.Softplus,
    };

    private static Func<float, float, float> ScalarDerivative(Activation activation) => activation switch
    {
        Activation.GELU => NetworkMath.MultiplyGELUDerivative,
        Activation.SiLU => NetworkMath.MultiplySiLUDerivative,
        Activation.ELU => NetworkMath.MultiplyELUDerivative,
        _ => NetworkMath.MultiplySoftplusDerivative,
    };

    private static Vector128<float> Vector(Activation activation, Vector128<float> z) => activation switch
    {
        Activation.GELU => VectorActivations.GELU(z),
        Activation.SiLU => VectorActivations.SiLU(z),
        Activation.ELU => VectorActivations.ELU(z),
        _ => VectorActivations.Softplus(z),
    };

    private static Vector256<float> Vector(Activation activation, Vector256<float> z) => activation switch
    {
        Activation.GELU => VectorActivations.GELU(z),
        Activation.SiLU => VectorActivations.SiLU(z),
        Activation.ELU => VectorActivations.ELU(z),
        _ => VectorActivations.Softplus(z),
    };

    private static Vector512<float> Vector(Activation activation, Vector512<float> z) => activation switch
    {
        Activation.GELU => VectorActivations.GELU(z),
        Activation.SiLU => VectorActivations.SiLU(z),
        Activation.ELU => VectorActivations.ELU(z),
        _ => VectorActivations.Softplus(z),
    };

    /// <summary>Logarithmically spaced magnitudes from 1e-6 to 60, both signs, zero, and Softplus's threshold; a length that exercises the vector tails.</summary>
    private static float[] BuildInputs()
    {
        var values = new System.Collections.Generic.List<float> { 0f, 19.99f, 20f, 20.01f };
        for (int i = 0; i < 1001; i++)
        {
            float magnitude = (float)(1e-6 * Math.Pow(6e7, i / 1000.0));
            values.Add(magnitude);
            values.Add(-magnitude);
        }

        return values.ToArray();
    }
}
