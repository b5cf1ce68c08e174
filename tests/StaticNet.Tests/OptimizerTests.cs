using System;
using Xunit;

namespace StaticNet.Tests;

/// <summary>The optimizers' update rules on hand-computed values.</summary>
public class OptimizerTests
{
    [Fact]
    public void Sgd_SubtractsLearningRateTimesGradient()
    {
        float[] parameters = { 1f, -2f };
        new Sgd(0.1f).Step(parameters, new[] { 0.5f, -1f });
        Assert.Equal(0.95f, parameters[0], 1e-7f);
        Assert.Equal(-1.9f, parameters[1], 1e-7f);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(43)]
    [InlineData(1027)]
    public void Sgd_VectorisedStep_RoundsExactlyAsTheScalarFormula(int length)
    {
        var parameters = new float[length];
        var gradient = new float[length];
        var expected = new float[length];
        for (int i = 0; i < length; i++)
        {
            parameters[i] = MathF.Sin(i) * 3f;
            gradient[i] = MathF.Cos(i * 0.7f) / 3f;
            expected[i] = parameters[i] - (0.37f * gradient[i]);
        }

        new Sgd(0.37f).Step(parameters, gradient);

        Assert.Equal(expected, parameters);
    }

    [Fact]
    public void SgdMomentum_AccumulatesVelocity_LikePyTorch()
    {
        float[] parameters = { 0f };
        var sgd = new Sgd(0.1f, momentum: 0.9f);
        sgd.Step(parameters, new[] { 1f }); // v = 1,   θ = −0.1
        sgd.Step(parameters, new[] { 1f }); // v = 1.9, θ = −0.29
        Assert.Equal(-0.29f, parameters[0], 1e-6f);
        sgd.Reset();
        sgd.Step(parameters, new[] { 1f }); // v = 1 again
        Assert.Equal(-0.39f, parameters[0], 1e-6f);
    }

    [Fact]
    public void Adam_FirstStep_MovesByLearningRateAgainstTheGradientSign()
    {
        // After one step m̂ = g and v̂ = g², so Δθ = −η·g / (|g| + ε).
        float[] parameters = { 1f, 1f };
        var adam = new Adam(learningRate: 0.01f);
        adam.Step(parameters, new[] { 3f, -0.002f });
        Assert.Equal(0.99f, parameters[0], 1e-6f);
        Assert.Equal(1.01f, parameters[1], 1e-6f);
        Assert.Equal(1, adam.StepCount);
    }

    [Fact]
    public void Adam_SecondStep_MatchesTheTextbookFormula()
    {
        float[] parameters = { 0.5f };
        var adam = new Adam(learningRate: 0.1f);
        adam.Step(parameters, new[] { 1f });
        adam.Step(parameters, new[] { -2f });

        // By hand, in double: m = 0.9·0.1 + 0.1·(−2) = −0.11, v = 0.999·0.001 + 0.001·4 = 0.004999.
        double m = -0.11, v = 0.004999;
        double mHat = m / (1 - (0.9 * 0.9)), vHat = v / (1 - (0.999 * 0.999));
        double expected = 0.5 - 0.1 - (0.1 * mHat / (System.Math.Sqrt(vHat) + 1e-8));
        Assert.Equal(expected, parameters[0], 1e-5);
    }
}
