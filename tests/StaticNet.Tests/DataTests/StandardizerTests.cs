using System;
using System.Linq;
using Xunit;

namespace StaticNet.Tests.Data;

/// <summary>Standardizer statistics come from the training part only and are applied unchanged to other parts.</summary>
public class StandardizerTests
{
    // Three features over eight samples:
    //   0: 2 4 4 4 5 5 7 9             mean 5, population std 2 (Σ(x−5)² = 32, 32/8 = 4)
    //   1: constant 3                   mean 3, std 0
    //   2: 1000 ± 1, alternating        mean 1000, std 1 (a large offset that a one-pass variance would lose in float)
    private static readonly float[] Column0 = { 2, 4, 4, 4, 5, 5, 7, 9 };

    private static Dataset HandSet()
    {
        var features = new float[8 * 3];
        for (int i = 0; i < 8; i++)
        {
            features[3 * i] = Column0[i];
            features[(3 * i) + 1] = 3f;
            features[(3 * i) + 2] = i % 2 == 0 ? 999f : 1001f;
        }

        return Dataset.FromLabels(features, 3, Enumerable.Range(0, 8).Select(i => i % 2).ToArray(), classCount: 2);
    }

    /// <summary>Deterministic pseudo-random data with very different scales and offsets per feature.</summary>
    private static Dataset Noisy(int count, int seed)
    {
        var random = new DeterministicRandom(seed);
        var features = new float[count * 4];
        for (int i = 0; i < count; i++)
        {
            features[4 * i] = random.NextSymmetric(1f);
            features[(4 * i) + 1] = 500f + (30f * random.NextSingle());
            features[(4 * i) + 2] = 1e-3f * random.NextSymmetric(1f);
            features[(4 * i) + 3] = -7f + (2f * random.NextSingle() * random.NextSingle());
        }

        return new Dataset(features, 4, new float[count], 1);
    }

    [Fact]
    public void Fit_HandComputedMeanAndPopulationStandardDeviation()
    {
        Standardizer s = Standardizer.Fit(HandSet());
        Assert.Equal(3, s.FeatureCount);
        Assert.Equal(new[] { 5f, 3f, 1000f }, s.Mean);
        Assert.Equal(new[] { 2f, 0f, 1f }, s.StandardDeviation);
    }

    [Fact]
    public void Transform_HandSet_GivesExactZScores()
    {
        Dataset z = Standardizer.Fit(HandSet()).Transform(HandSet());
        float[] expected0 = { -1.5f, -0.5f, -0.5f, -0.5f, 0f, 0f, 1f, 2f };
        for (int i = 0; i < 8; i++)
        {
            Assert.Equal(expected0[i], z.FeaturesOf(i)[0]);
            Assert.Equal(0f, z.FeaturesOf(i)[1]);
            Assert.Equal(i % 2 == 0 ? -1f : 1f, z.FeaturesOf(i)[2]);
        }
    }

    [Fact]
    public void Transform_TrainingPart_HasMeanZeroAndStandardDeviationOne()
    {
        (Dataset train, _) = Noisy(400, seed: 3).Split(0.75, seed: 3);
        Dataset z = Standardizer.Fit(train).Transform(train);
        for (int c = 0; c < 4; c++)
        {
            double[] column = Enumerable.Range(0, z.Count).Select(i => (double)z.FeaturesOf(i)[c]).ToArray();
            double mean = column.Average();
            double std = Math.Sqrt(column.Select(x => (x - mean) * (x - mean)).Average());
            Assert.True(Math.Abs(mean) < 1e-5, $"feature {c}: mean {mean}");
            Assert.True(Math.Abs(std - 1) < 1e-5, $"feature {c}: std {std}");
        }
    }

    [Fact]
    public void Transform_TestData_UsesTheTrainingStatistics()
    {
        Standardizer s = Standardizer.Fit(HandSet());
        var test = new Dataset(new[] { 9f, 7f, 1003f, 1f, -100f, 1000.5f }, 3, new[] { 1f, 2f }, 1);
        Dataset z = s.Transform(test);

        // (9 − 5) / 2, the constant feature stays 0 whatever the test value, (1003 − 1000) / 1.
        Assert.Equal(new[] { 2f, 0f, 3f, -2f, 0f, 0.5f }, z.Features);

        // The test part's own statistics (mean 5, spread 4 in feature 0) must not be used.
        Assert.Equal(new[] { 5f, 3f, 1000f }, s.Mean);
    }

    [Fact]
    public void Transform_ConstantColumn_MapsToZero()
    {
        var constant = new Dataset(new[] { 4f, 1f, 4f, 2f, 4f, 3f }, 2, new float[3], 1);
        Standardizer s = Standardizer.Fit(constant);
        Assert.Equal(0f, s.StandardDeviation[0]);
        Dataset z = s.Transform(constant);
        Assert.All(Enumerable.Range(0, 3), i => Assert.Equal(0f, z.FeaturesOf(i)[0]));
        Assert.All(z.Features, x => Assert.True(float.IsFinite(x)));
    }

    [Fact]
    public void Transform_SharesTargetsAndLabels()
    {
        Dataset data = HandSet();
        Dataset z = Standardizer.Fit(data).Transform(data);
        Assert.Same(data.Targets, z.Targets);
        Assert.Same(data.Labels, z.Labels);
        Assert.NotSame(data.Features, z.Features);
        Assert.Equal(7f, data.FeaturesOf(6)[0]); // the source is unchanged
    }

    [Fact]
    public void TransformInPlace_EqualsTheDatasetTransformBitForBit()
    {
        (Dataset train, Dataset test) = Noisy(200, seed: 9).Split(0.5, seed: 9);
        Standardizer s = Standardizer.Fit(train);
        Dataset z = s.Transform(test);
        var sample = new float[4];
        for (int i = 0; i < test.Count; i++)
        {
            test.FeaturesOf(i).CopyTo(sample);
            s.Transform(sample);
            for (int c = 0; c < 4; c++)
            {
                Assert.Equal(BitConverter.SingleToInt32Bits(z.FeaturesOf(i)[c]), BitConverter.SingleToInt32Bits(sample[c]));
            }
        }
    }

    [Fact]
    public void TransformInPlace_AllocatesNothing()
    {
        Standardizer s = Standardizer.Fit(Noisy(50, seed: 1));
        var sample = new float[4];
        s.Transform(sample);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 1000; i++)
        {
            s.Transform(sample);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void RestoredFromSavedStatistics_TransformsIdentically()
    {
        Dataset data = Noisy(100, seed: 5);
        Standardizer fitted = Standardizer.Fit(data);
        var restored = new Standardizer(fitted.Mean.ToArray(), fitted.StandardDeviation.ToArray());
        Assert.Equal(fitted.Transform(data).Features, restored.Transform(data).Features);
    }

    [Fact]
    public void Statistics_CannotBeChangedThroughTheLists()
    {
        Standardizer s = Standardizer.Fit(HandSet());
        Assert.False(s.Mean is float[]);
        Assert.False(s.StandardDeviation is float[]);
    }

    [Fact]
    public void Fit_EmptyOrNonFinite_Throws()
    {
        var empty = new Dataset(Array.Empty<float>(), 2, Array.Empty<float>(), 1);
        var e = Assert.Throws<ArgumentException>(() => Standardizer.Fit(empty));
        Assert.Contains("no samples", e.Message);

        var withNaN = new Dataset(new[] { 1f, 2f, 3f, float.NaN }, 2, new float[2], 1);
        e = Assert.Throws<ArgumentException>(() => Standardizer.Fit(withNaN));
        Assert.Contains("Feature 1 of sample 1 is NaN", e.Message);
    }

    [Fact]
    public void Transform_WrongFeatureCount_Throws()
    {
        Standardizer s = Standardizer.Fit(HandSet());
        var e = Assert.Throws<ArgumentException>(() => s.Transform(new Dataset(new float[4], 2, new float[2], 1)));
        Assert.Contains("has 2 features per sample, but this standardizer was fitted on 3", e.Message);
        Assert.Throws<ArgumentException>(() => s.Transform(new float[4].AsSpan()));
    }

    [Fact]
    public void Constructor_InvalidStatistics_Throws()
    {
        Assert.Throws<ArgumentException>(() => new Standardizer(new[] { 0f, 1f }, new[] { 1f }));
        Assert.Throws<ArgumentException>(() => new Standardizer(Array.Empty<float>(), Array.Empty<float>()));
        Assert.Throws<ArgumentException>(() => new Standardizer(new[] { 0f }, new[] { -1f }));
        Assert.Throws<ArgumentException>(() => new Standardizer(new[] { float.NaN }, new[] { 1f }));
    }
}
