using System;
using System.Runtime.Intrinsics;
using StaticNet.Kernels;
using Xunit;

namespace StaticNet.Tests;

/// <summary>
/// Every element-wise operator at every width gives what its scalar form gives: exactly for the ReLU family and the
/// derivatives, to 1e-6 relative for exp, σ and tanh (whose vector forms are our own polynomials). The vector forms
/// are exercised whether or not this machine accelerates the width (unaccelerated widths are emulated), so one run
/// checks them all; CI's runs with narrower hardware widths then check the driver's branches.
/// </summary>
public sealed class ElementwiseOperatorTests
{
    private static readonly float[] Inputs = BuildInputs();

    [Fact]
    public void Exp_AtEveryWidth_MatchesTheScalarForm() => AssertUnary(new ExpOperator(), relative: 1e-6, x => x is > -87f and < 88f);

    [Fact]
    public void Sigmoid_AtEveryWidth_MatchesTheScalarForm() => AssertUnary(new SigmoidOperator(), relative: 1e-6, x => x > -87f);

    [Fact]
    public void Tanh_AtEveryWidth_MatchesTheScalarForm() => AssertUnary(new TanhOperator(), relative: 1e-6, x => true);

    [Fact]
    public void ReLU_AtEveryWidth_MatchesTheScalarFormExactly() => AssertUnary(new ReLUOperator(), relative: 0, x => true);

    [Theory]
    [InlineData(0.01f)]
    [InlineData(0.2f)]
    [InlineData(-0.5f)]
    public void LeakyReLU_AtEveryWidth_MatchesTheScalarFormExactly(float slope) => AssertUnary(new LeakyReLUOperator(slope), relative: 0, x => true);

    [Fact]
    public void Derivatives_AtEveryWidth_MatchTheScalarFormsExactly()
    {
        AssertDerivative(new SigmoidOperator());
        AssertDerivative(new TanhOperator());
        AssertDerivative(new LeakyReLUOperator(0f));
        AssertDerivative(new LeakyReLUOperator(0.01f));
    }

    [Fact]
    public void ReLUFamily_KeepsNaN_AtEveryWidth()
    {
        var relu = new ReLUOperator();
        var leaky = new LeakyReLUOperator(0.01f);
        Assert.True(float.IsNaN(relu.Invoke(float.NaN)));
        Assert.True(float.IsNaN(relu.Invoke(Vector128.Create(float.NaN)).GetElement(1)));
        Assert.True(float.IsNaN(relu.Invoke(Vector256.Create(float.NaN)).GetElement(5)));
        Assert.True(float.IsNaN(relu.Invoke(Vector512.Create(float.NaN)).GetElement(11)));
        Assert.True(float.IsNaN(leaky.Invoke(Vector512.Create(float.NaN)).GetElement(0)));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(5)]
    [InlineData(17)]
    [InlineData(33)]
    [InlineData(100)]
    public void Driver_CoversEveryElement_ForAnyLength(int length)
    {
        float[] z = new float[length], a = new float[length], delta = new float[length];
        for (int i = 0; i < length; i++)
        {
            z[i] = (i * 0.37f) - 5f;
            delta[i] = 1f + i;
        }

        Elementwise.Apply(new TanhOperator(), z, a);
        for (int i = 0; i < length; i++)
        {
            Assert.Equal(Math.Tanh(z[i]), a[i], 1e-6 * Math.Max(1e-3, Math.Abs(Math.Tanh(z[i]))));
        }

        Elementwise.MultiplyInPlace(new LeakyReLUOperator(0.1f), delta, z);
        for (int i = 0; i < length; i++)
        {
            Assert.Equal((1f + i) * (z[i] > 0 ? 1f : 0.1f), delta[i]);
        }
    }

    private static void AssertUnary<TOperator>(TOperator f, double relative, Func<float, bool> isChecked)
        where TOperator : struct, IUnaryOperator
    {
        for (int i = 0; i + 16 <= Inputs.Length; i += 16)
        {
            Vector512<float> x = Vector512.Create(Inputs, i);
            Vector512<float> widest = f.Invoke(x);
            Vector256<float> lowerWide = f.Invoke(x.GetLower()), upperWide = f.Invoke(x.GetUpper());
            for (int k = 0; k < 16; k++)
            {
                float input = Inputs[i + k];
                if (!isChecked(input))
                {
                    continue;
                }

                float expected = f.Invoke(input);
                float wide = k < 8 ? lowerWide.GetElement(k) : upperWide.GetElement(k - 8);
                Vector256<float> half = k < 8 ? x.GetLower() : x.GetUpper();
                Vector128<float> quarter = (k % 8) < 4 ? half.GetLower() : half.GetUpper();
                float narrow = f.Invoke(quarter).GetElement(k % 4);
                foreach (float actual in new[] { widest.GetElement(k), wide, narrow })
                {
                    double tolerance = relative * Math.Max(Math.Abs(expected), 1e-30);
                    Assert.True(Math.Abs(actual - expected) <= tolerance, $"{typeof(TOperator).Name}({input:G9}) = {actual:G9}, scalar form {expected:G9}");
                }
            }
        }
    }

    private static void AssertDerivative<TOperator>(TOperator g)
        where TOperator : struct, IDerivativeOperator
    {
        for (int i = 0; i + 16 <= Inputs.Length; i += 16)
        {
            Vector512<float> value = Vector512.Create(Inputs, i);
            Vector512<float> delta = Vector512.Create(Inputs, (i + 7) % (Inputs.Length - 16));
            Vector512<float> widest = g.Invoke(delta, value);
            for (int k = 0; k < 16; k++)
            {
                float expected = g.Invoke(delta.GetElement(k), value.GetElement(k));
                Assert.Equal(expected, widest.GetElement(k));
                Assert.Equal(expected, (k < 8 ? g.Invoke(delta.GetLower(), value.GetLower()) : g.Invoke(delta.GetUpper(), value.GetUpper())).GetElement(k % 8));
                Assert.Equal(expected, g.Invoke(Vector128.Create(delta.GetElement(k)), Vector128.Create(value.GetElement(k))).GetElement(2));
            }
        }
    }

    private static float[] BuildInputs()
    {
        var values = new System.Collections.Generic.List<float> { 0f, -0f, float.Epsilon, -float.Epsilon };
        for (float magnitude = 1e-6f; magnitude < 120f; magnitude *= 1.03f)
        {
            values.Add(magnitude);
            values.Add(-magnitude);
        }

        while (values.Count % 16 != 0)
        {
            values.Add(1f);
        }

        return values.ToArray();
    }
}
