using System;
using System.Runtime.Intrinsics;
using StaticNet.CompilerServices;
using Xunit;

namespace StaticNet.Tests;

/// <summary>
/// The register-level exp, σ and tanh at every width (Vector128, Vector256, Vector512) against double precision: every float step of 0.7 % from
/// 1e-7 to 100 of both signs, plus a uniform grid over [−20, 20], about 60,000 inputs.
/// </summary>
public class VectorActivationTests
{
    private static readonly float[] Inputs = BuildInputs();

    [Fact]
    public void Exp_IsAccurateTo1e6RelativeOverTheNormalRange()
    {
        AssertAccurate(VectorActivations.Exp, VectorActivations.Exp, VectorActivations.Exp, Math.Exp, x => Math.Abs(x) < 87);
    }

    [Fact]
    public void Sigmoid_IsAccurateTo1e6Relative()
    {
        AssertAccurate(VectorActivations.Sigmoid, VectorActivations.Sigmoid, VectorActivations.Sigmoid, x => 1 / (1 + Math.Exp(-x)), x => 1 / (1 + Math.Exp(-x)) > 1e-37);
    }

    [Fact]
    public void Tanh_IsAccurateTo1e6Relative()
    {
        AssertAccurate(VectorActivations.Tanh, VectorActivations.Tanh, VectorActivations.Tanh, Math.Tanh, x => true);
    }

    [Theory]
    [InlineData(-1e30f, 0f, 0f, -1f)]
    [InlineData(-1000f, 0f, 0f, -1f)]
    [InlineData(-88.8f, 0f, 0f, -1f)]
    [InlineData(-9.5f, 7.485183e-5f, 7.48462e-5f, -1f)]
    [InlineData(9.5f, 13359.727f, 0.99992515f, 1f)]
    [InlineData(88.8f, float.PositiveInfinity, 1f, 1f)]
    [InlineData(float.MaxValue, float.PositiveInfinity, 1f, 1f)]
    [InlineData(float.PositiveInfinity, float.PositiveInfinity, 1f, 1f)]
    [InlineData(float.NegativeInfinity, 0f, 0f, -1f)]
    public void ExtremeInputs_SaturateWithoutNaN(float z, float exp, float sigmoid, float tanh)
    {
        // Below e^−87.3 the exp stays at the smallest normal floats rather than going to 0; σ(z) is still exactly 0
        // there because 1 + e^88.8 overflows to ∞ first.
        float expectedExp = z < -87.3f ? VectorActivations.Exp(Vector128.Create(-87.3f)).GetElement(0) : exp;
        foreach (float actual in new[] { VectorActivations.Exp(Vector128.Create(z)).GetElement(0), VectorActivations.Exp(Vector256.Create(z)).GetElement(7), VectorActivations.Exp(Vector512.Create(z)).GetElement(15) })
        {
            Assert.Equal(expectedExp, actual, expectedExp * 1e-6f);
        }

        Assert.Equal(sigmoid, VectorActivations.Sigmoid(Vector128.Create(z)).GetElement(3), 1e-6f * sigmoid);
        Assert.Equal(sigmoid, VectorActivations.Sigmoid(Vector256.Create(z)).GetElement(5), 1e-6f * sigmoid);
        Assert.Equal(tanh, VectorActivations.Tanh(Vector128.Create(z)).GetElement(1));
        Assert.Equal(tanh, VectorActivations.Tanh(Vector256.Create(z)).GetElement(6));
        Assert.Equal(sigmoid, VectorActivations.Sigmoid(Vector512.Create(z)).GetElement(9), 1e-6f * sigmoid);
        Assert.Equal(tanh, VectorActivations.Tanh(Vector512.Create(z)).GetElement(12));
    }

    [Fact]
    public void NaN_PassesThrough()
    {
        // A diverged network must stay visibly diverged: the trainer's guard looks for NaN in the loss.
        Assert.True(float.IsNaN(VectorActivations.Exp(Vector256.Create(float.NaN)).GetElement(0)));
        Assert.True(float.IsNaN(VectorActivations.Sigmoid(Vector128.Create(float.NaN)).GetElement(0)));
        Assert.True(float.IsNaN(VectorActivations.Sigmoid(Vector256.Create(float.NaN)).GetElement(0)));
        Assert.True(float.IsNaN(VectorActivations.Tanh(Vector128.Create(float.NaN)).GetElement(0)));
        Assert.True(float.IsNaN(VectorActivations.Tanh(Vector256.Create(float.NaN)).GetElement(0)));
        Assert.True(float.IsNaN(VectorActivations.Exp(Vector512.Create(float.NaN)).GetElement(0)));
        Assert.True(float.IsNaN(VectorActivations.Sigmoid(Vector512.Create(float.NaN)).GetElement(0)));
        Assert.True(float.IsNaN(VectorActivations.Tanh(Vector512.Create(float.NaN)).GetElement(0)));
    }

    private static void AssertAccurate(
        Func<Vector128<float>, Vector128<float>> narrow,
        Func<Vector256<float>, Vector256<float>> wide,
        Func<Vector512<float>, Vector512<float>> widest,
        Func<double, double> exact,
        Func<double, bool> isChecked)
    {
        double worst = 0;
        float worstAt = 0;
        for (int i = 0; i + 16 <= Inputs.Length; i += 16)
        {
            Vector512<float> x = Vector512.Create(Inputs, i);
            Vector512<float> fromWidest = widest(x);
            Vector512<float> fromWide = Vector512.Create(wide(x.GetLower()), wide(x.GetUpper()));
            Vector512<float> fromNarrow = Vector512.Create(
                Vector256.Create(narrow(x.GetLower().GetLower()), narrow(x.GetLower().GetUpper())),
                Vector256.Create(narrow(x.GetUpper().GetLower()), narrow(x.GetUpper().GetUpper())));
            for (int k = 0; k < 16; k++)
            {
                double input = Inputs[i + k];
                if (!isChecked(input))
                {
                    continue;
                }

                double expected = exact(input);
                foreach (float actual in new[] { fromWidest.GetElement(k), fromWide.GetElement(k), fromNarrow.GetElement(k) })
                {
                    double error = Math.Abs(actual - expected) / Math.Abs(expected);
                    if (error > worst)
                    {
                        worst = error;
                        worstAt = Inputs[i + k];
                    }
                }
            }
        }

        Assert.True(worst <= 1e-6, $"worst relative error {worst:E2} at {worstAt:G9}");
    }

    private static float[] BuildInputs()
    {
        var values = new System.Collections.Generic.List<float>();
        for (float magnitude = 1e-7f; magnitude < 100f; magnitude *= 1.007f)
        {
            values.Add(magnitude);
            values.Add(-magnitude);
        }

        for (int i = 0; i <= 40_000; i++)
        {
            values.Add(-20f + (i * 0.001f));
        }

        while (values.Count % 8 != 0)
        {
            values.Add(0.5f);
        }

        return values.ToArray();
    }
}
