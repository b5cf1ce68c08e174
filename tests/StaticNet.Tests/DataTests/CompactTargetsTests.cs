using System.Linq;
using Xunit;

namespace StaticNet.Tests.Data;

/// <summary>
/// Dataset.FromLabels keeps one-hot targets as labels plus one shared row: every view of them (TargetsOf, Targets,
/// Subset, Standardizer) gives the one-hot rows, and a Targets array the caller changed is what is read afterwards.
/// </summary>
public class CompactTargetsTests
{
    private static Dataset Data() => Dataset.FromLabels([1f, 2f, 3f, 4f], 1, [2, 0, 1, 2], 3);

    [Fact]
    public void TargetsOf_IsTheOneHotRowOfEachLabel()
    {
        Dataset data = Data();

        Assert.Equal(new[] { 0f, 0f, 1f }, data.TargetsOf(0).ToArray());
        Assert.Equal(new[] { 1f, 0f, 0f }, data.TargetsOf(1).ToArray());
        Assert.Equal(new[] { 0f, 1f, 0f }, data.TargetsOf(2).ToArray());
        Assert.Equal(new[] { 0f, 0f, 1f, 1f, 0f, 0f, 0f, 1f, 0f, 0f, 0f, 1f }, data.Targets);
    }

    [Fact]
    public void ChangesToTheBuiltTargets_AreWhatIsReadAfterwards()
    {
        Dataset data = Data();
        data.Targets[0] = 0.25f;

        Assert.Equal(new[] { 0.25f, 0f, 1f }, data.TargetsOf(0).ToArray());
        Assert.Same(data.Targets, data.Targets);
        Assert.Equal(new[] { 0.25f, 0f, 1f }, data.Subset([0]).TargetsOf(0).ToArray());
    }

    [Fact]
    public void Subset_AndStandardizer_KeepTheRowsAndShareTheStorage()
    {
        Dataset data = Data();

        Dataset subset = data.Subset([3, 1, 1]);
        Dataset standardized = Standardizer.Fit(data).Transform(data);

        Assert.Equal(new[] { 2, 0, 0 }, subset.Labels);
        Assert.Equal(new[] { 0f, 0f, 1f, 1f, 0f, 0f, 1f, 0f, 0f }, subset.Targets);
        Assert.Equal(Enumerable.Range(0, 4).Select(i => data.TargetsOf(i).ToArray()), Enumerable.Range(0, 4).Select(i => standardized.TargetsOf(i).ToArray()));
        Assert.Same(data.Targets, standardized.Targets);
    }
}
