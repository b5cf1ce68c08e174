using System;
using StaticNet.Tests.Networks;
using Xunit;

namespace StaticNet.Tests;

/// <summary>GradientClipping against torch.nn.utils' formulas, and TrainerOptions.MaxGradientNorm in the Trainer.</summary>
public class GradientClippingTests
{
    [Fact]
    public void ClipNorm_AboveTheLimit_ScalesToMaxNormOverNormPlusEpsilon()
    {
        // <docs:clip-norm>
        float[] gradient = { 3f, 4f };
        float norm = GradientClipping.ClipNorm(gradient, maxNorm: 1f); // the norm before clipping: 5
        // gradient is now { 3, 4 } · 1 / (5 + 1e-6)
        // </docs:clip-norm>
        Assert.Equal(5f, norm);
        Assert.Equal(3f * (1f / (5f + 1e-6f)), gradient[0]);
        Assert.Equal(4f * (1f / (5f + 1e-6f)), gradient[1]);
    }

    [Fact]
    public void ClipNorm_BelowTheLimit_LeavesTheGradientAlone()
    {
        // Exactly at the limit torch still scales, by maxNorm / (norm + 1e-6) < 1; a limit a little above leaves it.
        float[] gradient = { 0.3f, -0.4f };
        Assert.Equal(0.5f, GradientClipping.ClipNorm(gradient, 0.500001f), 1e-7f);
        Assert.Equal(new[] { 0.3f, -0.4f }, gradient);
    }

    [Fact]
    public void ClipNorm_NotFinite_ReturnsTheNormAndChangesNothing()
    {
        float[] gradient = { float.NaN, 1f };
        Assert.True(float.IsNaN(GradientClipping.ClipNorm(gradient, 1f)));
        Assert.Equal(1f, gradient[1]);
    }

    [Fact]
    public void ClipValue_LimitsEachComponent()
    {
        float[] gradient = { -3f, 0.25f, 7f, float.NaN };
        GradientClipping.ClipValue(gradient, 0.5f);
        Assert.Equal(new[] { -0.5f, 0.25f, 0.5f }, gradient[..3]);
        Assert.True(float.IsNaN(gradient[3]));
    }

    [Fact]
    public void Limits_NotPositive_AreRejected()
    {
        Assert.Equal("maxNorm", Assert.Throws<ArgumentOutOfRangeException>(() => GradientClipping.ClipNorm(new float[1], 0f)).ParamName);
        Assert.Equal("clipValue", Assert.Throws<ArgumentOutOfRangeException>(() => GradientClipping.ClipValue(new float[1], float.NaN)).ParamName);
        Assert.Throws<ArgumentOutOfRangeException>(() => new TrainerOptions { MaxGradientNorm = -1f });
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Trainer_MaxGradientNorm_ClipsEveryBatchBeforeTheStep(bool plainSgd)
    {
        // Plain SGD is normally stepped range by range while the gradient is summed; clipping must come first there too.
        Dataset data = Problem();
        IOptimizer Optimizer() => plainSgd ? new Sgd(0.2f) : new AdamW(0.05f);
        var trained = new OptimizerFixtureNet(seed: 3);
        var options = new TrainerOptions { Epochs = 6, BatchSize = data.Count, MaxGradientNorm = 0.25f, MaxDegreeOfParallelism = 1 };
        new Trainer(trained, Optimizer(), options).Fit(data);

        // The same full-batch steps by hand: gradient, clip, step.
        var network = new OptimizerFixtureNet(seed: 3);
        IOptimizer optimizer = Optimizer();
        var gradient = new float[OptimizerFixtureNet.ParameterCount];
        for (int epoch = 0; epoch < 6; epoch++)
        {
            // <docs:manual-step>
            Array.Clear(gradient);                                        // optimizer.zero_grad()
            network.BackwardBatch(data.Features, data.Targets, gradient); // loss.backward()
            float norm = GradientClipping.ClipNorm(gradient, 0.25f);      // clip_grad_norm_(model.parameters(), 0.25)
            optimizer.Step(network.Parameters, gradient);                 // optimizer.step()
            // </docs:manual-step>
            Assert.True(norm > 0.25f, "the test needs gradients that clipping changes");
        }

        var unclipped = new OptimizerFixtureNet(seed: 3);
        new Trainer(unclipped, Optimizer(), new TrainerOptions { Epochs = 6, BatchSize = data.Count, MaxDegreeOfParallelism = 1 }).Fit(data);
        for (int i = 0; i < gradient.Length; i++)
        {
            Assert.Equal(network.Parameters[i], trained.Parameters[i], 1e-5f);
        }

        Assert.True(MaxDifference(trained.Parameters, unclipped.Parameters) > 1e-3f, "clipping changed nothing");
    }

    /// <summary>The samples of the optimizer fixtures, with targets large enough that the gradient norm exceeds 0.25.</summary>
    private static Dataset Problem()
    {
        const int Count = 32;
        var features = new float[Count * 3];
        var targets = new float[Count * 2];
        for (int s = 0; s < Count; s++)
        {
            for (int j = 0; j < 3; j++)
            {
                features[(s * 3) + j] = MathF.Sin((s * 3) + j);
            }

            targets[s * 2] = 2f * MathF.Cos(s);
            targets[(s * 2) + 1] = features[s * 3] - 1f;
        }

        return new Dataset(features, 3, targets, 2);
    }

    private static float MaxDifference(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        float worst = 0f;
        for (int i = 0; i < a.Length; i++)
        {
            worst = Math.Max(worst, Math.Abs(a[i] - b[i]));
        }

        return worst;
    }
}
