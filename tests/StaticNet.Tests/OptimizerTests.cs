using System;
using StaticNet.Tests.Networks;
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

    [Fact]
    public void AdamW_DecaysTheParametersBeforeTheAdamUpdate()
    {
        // Step 1: θ·(1 − η·λ), then Adam's first step −η·g/(|g| + ε) ≈ −η·sign(g).
        float[] parameters = { 2f, -4f };
        var adamW = new AdamW(learningRate: 0.1f, weightDecay: 0.5f);
        adamW.Step(parameters, new[] { 1f, 1f });
        Assert.Equal((2f * 0.95f) - 0.1f, parameters[0], 1e-6f);
        Assert.Equal((-4f * 0.95f) - 0.1f, parameters[1], 1e-6f);
        Assert.Equal(0.5f, adamW.WeightDecay);
    }

    [Fact]
    public void AdamL2_AddsTheDecayToTheGradient()
    {
        // g + λ·θ = 1 + 0.5·(−4) = −1: the coupled decay reverses this parameter's direction, AdamW's would not.
        float[] parameters = { -4f };
        new Adam(learningRate: 0.1f, weightDecay: 0.5f).Step(parameters, new[] { 1f });
        Assert.Equal(-3.9f, parameters[0], 1e-6f);
    }

    [Fact]
    public void SgdDampening_LeavesTheFirstGradientUndamped()
    {
        float[] parameters = { 0f };
        var sgd = new Sgd(0.1f, momentum: 0.9f, dampening: 0.5f);
        sgd.Step(parameters, new[] { 1f }); // b = 1 (torch copies the first gradient), θ = −0.1
        sgd.Step(parameters, new[] { 1f }); // b = 0.9 + 0.5 = 1.4, θ = −0.24
        Assert.Equal(-0.24f, parameters[0], 1e-6f);
        sgd.Reset();
        sgd.Step(parameters, new[] { 1f }); // b = 1 again, undamped
        Assert.Equal(-0.34f, parameters[0], 1e-6f);
    }

    [Fact]
    public void SgdNesterov_StepsAlongGradientPlusMomentumTimesBuffer()
    {
        float[] parameters = { 1f };
        var sgd = new Sgd(0.1f, momentum: 0.5f, weightDecay: 0.2f, nesterov: true);
        sgd.Step(parameters, new[] { 1f }); // g = 1 + 0.2 = 1.2, b = 1.2, d = 1.2 + 0.6 = 1.8, θ = 0.82
        Assert.Equal(0.82f, parameters[0], 1e-6f);
    }

    [Theory]
    [InlineData(0f, 0f)]
    [InlineData(0.9f, 0.1f)]
    public void SgdNesterov_WithoutMomentumOrWithDampening_IsRejected(float momentum, float dampening)
    {
        var exception = Assert.Throws<ArgumentException>(() => new Sgd(0.1f, momentum, dampening, nesterov: true));
        Assert.Equal("nesterov", exception.ParamName);
        Assert.Contains("dampening of 0", exception.Message);
    }

    [Fact]
    public void RmsProp_FirstStep_DividesByTheRootOfTheSquareAverage()
    {
        // s = 0.01·g², so Δθ = −η·g / (0.1·|g| + ε) = −10·η·sign(g).
        float[] parameters = { 0f, 0f };
        new RmsProp(learningRate: 0.01f).Step(parameters, new[] { 4f, -0.5f });
        Assert.Equal(-0.1f, parameters[0], 1e-6f);
        Assert.Equal(0.1f, parameters[1], 1e-6f);
    }

    [Fact]
    public void OptimizerArguments_OutOfRange_NameTheArgument()
    {
        Assert.Equal("weightDecay", Assert.Throws<ArgumentOutOfRangeException>(() => new AdamW(weightDecay: -1f)).ParamName);
        Assert.Equal("alpha", Assert.Throws<ArgumentOutOfRangeException>(() => new RmsProp(alpha: 1f)).ParamName);
        Assert.Equal("dampening", Assert.Throws<ArgumentOutOfRangeException>(() => new Sgd(0.1f, dampening: float.NaN)).ParamName);
        Assert.Equal("epsilon", Assert.Throws<ArgumentOutOfRangeException>(() => new RmsProp(epsilon: 0f)).ParamName);
    }

    [Fact]
    public void Step_WithAnotherParameterCount_ThrowsAndLeavesTheParametersAlone()
    {
        var adamW = new AdamW(learningRate: 0.1f);
        adamW.Step(new float[3], new float[3]);
        float[] other = { 1f, 2f };
        Assert.Throws<InvalidOperationException>(() => adamW.Step(other, new float[2]));
        Assert.Equal(new[] { 1f, 2f }, other);
    }

    [Fact]
    public void AdamWWithClipping_TrainsARegressionNetworkThroughTheTrainer()
    {
        var random = new DeterministicRandom(11);
        var features = new float[128 * 3];
        var targets = new float[128 * 2];
        for (int s = 0; s < 128; s++)
        {
            float x = random.NextSymmetric(1f), y = random.NextSymmetric(1f), z = random.NextSymmetric(1f);
            features[3 * s] = x;
            features[(3 * s) + 1] = y;
            features[(3 * s) + 2] = z;
            targets[2 * s] = x + (y * z);
            targets[(2 * s) + 1] = (2f * y) - x;
        }

        var train = new Dataset(features, 3, targets, 2);

        // <docs:adamw-trainer>
        var network = new OptimizerFixtureNet(seed: 1);
        var optimizer = new AdamW(learningRate: 1e-2f, weightDecay: 1e-2f); // torch.optim.AdamW(params, lr=1e-2, weight_decay=1e-2)
        var options = new TrainerOptions { Epochs = 40, BatchSize = 16, MaxGradientNorm = 1f };
        TrainingResult result = new Trainer(network, optimizer, options).Fit(train);
        // </docs:adamw-trainer>

        Assert.True(result.History[^1].TrainLoss < result.History[0].TrainLoss / 4, $"loss {result.History[0].TrainLoss} -> {result.History[^1].TrainLoss}");
        Assert.True(Evaluation.RSquared(network, train) > 0.8);
    }

    [Fact]
    public void ExcludeBiasesFromWeightDecay_WithAnotherNetwork_ThrowsBeforeChangingAnything()
    {
        var sgd = new Sgd(0.1f, weightDecay: 0.5f);
        sgd.ExcludeBiasesFromWeightDecay(new OptimizerFixtureNet(seed: 1));
        float[] parameters = { 1f, 2f, 3f };
        var exception = Assert.Throws<ArgumentException>(() => sgd.Step(parameters, new float[3]));
        Assert.Contains("ExcludeBiasesFromWeightDecay", exception.Message);
        Assert.Equal(new[] { 1f, 2f, 3f }, parameters);
    }

    [Fact]
    public void ExcludeBiasesFromWeightDecay_DecaysTheWeightsOnly()
    {
        // 3-4-2: W1 is [0, 12), b1 [12, 16), W2 [16, 24), b2 [24, 26).
        var network = new OptimizerFixtureNet(seed: 1);
        var adamW = new AdamW(learningRate: 0.1f, weightDecay: 0.5f);
        adamW.ExcludeBiasesFromWeightDecay(network);
        var parameters = new float[OptimizerFixtureNet.ParameterCount];
        parameters.AsSpan().Fill(1f);
        adamW.Step(parameters, new float[parameters.Length]); // a zero gradient: only the decay moves anything
        Assert.Equal(0.95f, parameters[0]);
        Assert.Equal(1f, parameters[12]);
        Assert.Equal(0.95f, parameters[23]);
        Assert.Equal(1f, parameters[25]);
    }
}
