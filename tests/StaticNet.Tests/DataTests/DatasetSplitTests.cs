using System;
using System.Collections.Generic;
using System.Linq;
using Xunit;

namespace StaticNet.Tests.Data;

/// <summary>Seeded train/test, train/validation/test and k-fold splits.</summary>
public class DatasetSplitTests
{
    /// <summary>Feature 0 is the sample's index, feature 1 twice it, the target its negative, the label index mod 3.</summary>
    private static Dataset Indexed(int count)
    {
        var features = new float[count * 2];
        var targets = new float[count];
        var labels = new int[count];
        for (int i = 0; i < count; i++)
        {
            features[2 * i] = i;
            features[(2 * i) + 1] = 2 * i;
            targets[i] = -i;
            labels[i] = i % 3;
        }

        return new Dataset(features, 2, targets, 1, labels);
    }

    /// <summary>The original indices of a part's samples, after checking each row was copied whole.</summary>
    private static int[] Indices(Dataset part)
    {
        var indices = new int[part.Count];
        for (int i = 0; i < part.Count; i++)
        {
            int index = (int)part.FeaturesOf(i)[0];
            Assert.Equal(2 * index, part.FeaturesOf(i)[1]);
            Assert.Equal(-index, part.TargetsOf(i)[0]);
            Assert.Equal(index % 3, part.Labels![i]);
            indices[i] = index;
        }

        return indices;
    }

    private static void AssertPartition(int count, params Dataset[] parts)
    {
        int[] all = parts.SelectMany(Indices).ToArray();
        Assert.Equal(count, all.Length);
        Assert.Equal(Enumerable.Range(0, count), all.Order());
    }

    [Fact]
    public void Split_150At0_7_Gives105TrainAnd45Test()
    {
        (Dataset train, Dataset test) = Indexed(150).Split(0.7, seed: 42);
        Assert.Equal(105, train.Count);
        Assert.Equal(45, test.Count);
        Assert.Equal(2, train.FeatureCount);
        Assert.Equal(1, test.TargetCount);
    }

    [Fact]
    public void Split_PartsAreDisjointAndCoverEverySample()
    {
        (Dataset train, Dataset test) = Indexed(150).Split(0.7, seed: 42);
        AssertPartition(150, train, test);
    }

    [Fact]
    public void Split_IsShuffled()
    {
        (Dataset train, _) = Indexed(150).Split(0.7, seed: 42);
        Assert.NotEqual(Enumerable.Range(0, 105), Indices(train));
        Assert.NotEqual(Enumerable.Range(0, 105), Indices(train).Order());
    }

    [Fact]
    public void Split_SameSeed_GivesSameSplit()
    {
        Dataset data = Indexed(150);
        (Dataset train1, Dataset test1) = data.Split(0.7, seed: 7);
        (Dataset train2, Dataset test2) = data.Split(0.7, seed: 7);
        Assert.Equal(Indices(train1), Indices(train2));
        Assert.Equal(Indices(test1), Indices(test2));
        Assert.Equal(train1.Features, train2.Features);
    }

    [Fact]
    public void Split_DifferentSeed_GivesDifferentSplit()
    {
        Dataset data = Indexed(150);
        (Dataset train1, _) = data.Split(0.7, seed: 1);
        (Dataset train2, _) = data.Split(0.7, seed: 2);
        Assert.NotEqual(Indices(train1).Order(), Indices(train2).Order());
    }

    [Fact]
    public void Split_IsTheFisherYatesWalkOfDeterministicRandom()
    {
        // Written out independently of DeterministicRandom.Shuffle: a seed must mean this exact split on every platform.
        var expected = new int[150];
        for (int i = 0; i < expected.Length; i++)
        {
            expected[i] = i;
        }

        var random = new DeterministicRandom(42);
        for (int i = expected.Length - 1; i > 0; i--)
        {
            int j = random.NextInt32(i + 1);
            (expected[i], expected[j]) = (expected[j], expected[i]);
        }

        (Dataset train, Dataset test) = Indexed(150).Split(0.7, seed: 42);
        Assert.Equal(expected.Take(105), Indices(train));
        Assert.Equal(expected.Skip(105), Indices(test));
    }

    [Fact]
    public void Split_DoesNotChangeTheSource()
    {
        Dataset data = Indexed(20);
        float[] before = data.Features.ToArray();
        _ = data.Split(0.5, seed: 3);
        Assert.Equal(before, data.Features);
    }

    [Theory]
    [InlineData(150, 0.6, 0.2, 90, 30, 30)]
    [InlineData(100, 0.7, 0.15, 70, 15, 15)]
    [InlineData(10, 0.8, 0.1, 8, 1, 1)]
    public void ThreeWaySplit_HasRoundedSizesAndCoversEverySample(int count, double trainFraction, double validationFraction, int trainCount, int validationCount, int testCount)
    {
        (Dataset train, Dataset validation, Dataset test) = Indexed(count).Split(trainFraction, validationFraction, seed: 5);
        Assert.Equal(trainCount, train.Count);
        Assert.Equal(validationCount, validation.Count);
        Assert.Equal(testCount, test.Count);
        AssertPartition(count, train, validation, test);
    }

    [Fact]
    public void ThreeWaySplit_SameSeedSame_DifferentSeedDifferent()
    {
        Dataset data = Indexed(150);
        (Dataset a, Dataset b, Dataset c) = data.Split(0.6, 0.2, seed: 11);
        (Dataset a2, Dataset b2, Dataset c2) = data.Split(0.6, 0.2, seed: 11);
        (Dataset a3, _, _) = data.Split(0.6, 0.2, seed: 12);
        Assert.Equal(Indices(a), Indices(a2));
        Assert.Equal(Indices(b), Indices(b2));
        Assert.Equal(Indices(c), Indices(c2));
        Assert.NotEqual(Indices(a).Order(), Indices(a3).Order());
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(1.0)]
    [InlineData(-0.1)]
    [InlineData(1.5)]
    [InlineData(double.NaN)]
    public void Split_FractionOutsideOpenUnitInterval_Throws(double fraction)
    {
        Dataset data = Indexed(10);
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => data.Split(fraction, seed: 1));
        Assert.Equal("trainFraction", e.ParamName);
        Assert.Equal(fraction, e.ActualValue);

        e = Assert.Throws<ArgumentOutOfRangeException>(() => data.Split(0.5, fraction, seed: 1));
        Assert.Equal("validationFraction", e.ParamName);
    }

    [Fact]
    public void Split_ThatLeavesAPartEmpty_Throws()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => Indexed(3).Split(0.1, seed: 1));
        Assert.Equal("trainFraction", e.ParamName);
        Assert.Contains("0 training and 3 test samples", e.Message);

        e = Assert.Throws<ArgumentOutOfRangeException>(() => Indexed(1).Split(0.5, seed: 1));
        Assert.Equal("trainFraction", e.ParamName);
    }

    [Fact]
    public void ThreeWaySplit_FractionsSummingToOneOrMore_Throws()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => Indexed(150).Split(0.7, 0.4, seed: 1));
        Assert.Equal("validationFraction", e.ParamName);
        Assert.Contains("must be below 1", e.Message);

        // 0.7 + 0.3 leaves nothing for testing, however the sum rounds.
        Assert.Throws<ArgumentOutOfRangeException>(() => Indexed(150).Split(0.7, 0.3, seed: 1));
    }

    [Fact]
    public void KFold_5FoldsOf150_EachValidates30AndEverySampleExactlyOnce()
    {
        Dataset data = Indexed(150);
        var folds = data.KFold(5, seed: 42).ToList();
        Assert.Equal(5, folds.Count);
        var validated = new List<int>();
        foreach ((Dataset train, Dataset validation) in folds)
        {
            Assert.Equal(30, validation.Count);
            Assert.Equal(120, train.Count);
            AssertPartition(150, train, validation);
            validated.AddRange(Indices(validation));
        }

        Assert.Equal(Enumerable.Range(0, 150), validated.Order());
    }

    [Fact]
    public void KFold_UnevenCount_FoldSizesDifferByAtMostOne()
    {
        Dataset data = Indexed(11);
        var sizes = data.KFold(3, seed: 1).Select(f => f.Validation.Count).ToArray();
        Assert.Equal(new[] { 4, 4, 3 }, sizes);
        var validated = data.KFold(3, seed: 1).SelectMany(f => Indices(f.Validation)).Order();
        Assert.Equal(Enumerable.Range(0, 11), validated);
    }

    [Fact]
    public void KFold_LeaveOneOut_Works()
    {
        var folds = Indexed(4).KFold(4, seed: 9).ToList();
        Assert.All(folds, f => Assert.Equal(1, f.Validation.Count));
        Assert.Equal(new[] { 0, 1, 2, 3 }, folds.Select(f => Indices(f.Validation)[0]).Order());
    }

    [Fact]
    public void KFold_SameSeedSame_DifferentSeedDifferent()
    {
        Dataset data = Indexed(150);
        int[][] first = data.KFold(5, seed: 3).Select(f => Indices(f.Validation)).ToArray();
        int[][] again = data.KFold(5, seed: 3).Select(f => Indices(f.Validation)).ToArray();
        int[][] other = data.KFold(5, seed: 4).Select(f => Indices(f.Validation)).ToArray();
        Assert.Equal(first, again);
        Assert.NotEqual(first[0].Order(), other[0].Order());
    }

    [Fact]
    public void KFold_EnumeratingTwice_GivesTheSameFolds()
    {
        IEnumerable<(Dataset Train, Dataset Validation)> folds = Indexed(20).KFold(4, seed: 8);
        Assert.Equal(
            folds.Select(f => Indices(f.Validation)).ToArray(),
            folds.Select(f => Indices(f.Validation)).ToArray());
    }

    [Theory]
    [InlineData(1)]
    [InlineData(0)]
    [InlineData(-3)]
    [InlineData(151)]
    public void KFold_FoldsOutsideTwoToCount_ThrowsAtTheCall(int folds)
    {
        // No enumeration: the check must not wait for the first MoveNext.
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => Indexed(150).KFold(folds, seed: 1));
        Assert.Equal("folds", e.ParamName);
        Assert.Equal(folds, e.ActualValue);
        Assert.Contains("[2, 150]", e.Message);
    }

    [Fact]
    public void NullDataset_Throws()
    {
        Assert.Throws<ArgumentNullException>(() => DatasetSplits.Split(null!, 0.5, seed: 1));
        Assert.Throws<ArgumentNullException>(() => DatasetSplits.Split(null!, 0.5, 0.2, seed: 1));
        Assert.Throws<ArgumentNullException>(() => DatasetSplits.KFold(null!, 2, seed: 1));
    }
}
