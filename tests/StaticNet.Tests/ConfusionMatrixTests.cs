using System;
using Xunit;

namespace StaticNet.Tests;

/// <summary>The metrics against the 10-class confusion matrix of docs/backprop.md.</summary>
public class ConfusionMatrixTests
{
    private static readonly long[,] CourseCounts =
    {
        { 902, 0, 3, 3, 3, 11, 5, 4, 3, 2 },
        { 0, 1119, 10, 4, 1, 8, 1, 1, 14, 5 },
        { 3, 12, 872, 15, 13, 5, 15, 13, 27, 7 },
        { 3, 9, 25, 896, 0, 50, 2, 13, 24, 16 },
        { 3, 0, 6, 1, 858, 3, 10, 5, 8, 54 },
        { 8, 5, 10, 20, 9, 809, 16, 6, 29, 9 },
        { 1, 1, 6, 1, 4, 14, 978, 1, 4, 3 },
        { 6, 2, 11, 3, 6, 1, 1, 957, 0, 42 },
        { 3, 18, 11, 16, 6, 27, 9, 4, 867, 17 },
        { 5, 4, 3, 8, 22, 9, 0, 27, 2, 912 },
    };

    [Fact]
    public void CourseMatrix_GivesTheCourseAccuracyPrecisionRecallAndF1()
    {
        ConfusionMatrix matrix = ConfusionMatrix.FromCounts(CourseCounts);

        Assert.Equal(10_000, matrix.Total);
        Assert.Equal(0.917, matrix.Accuracy, 1e-9);
        Assert.Equal(0.9657, matrix.Precision(0), 1e-4);
        Assert.Equal(0.9637, matrix.Recall(0), 1e-4);
        Assert.Equal(0.9647, matrix.F1(0), 1e-4);
        Assert.Equal(0.8634, matrix.Precision(5), 1e-4);
        Assert.Equal(0.8784, matrix.Recall(5), 1e-4);
        Assert.Equal(0.8708, matrix.F1(5), 1e-4);
        Assert.Equal(0.8547, matrix.Precision(9), 1e-4);
        Assert.Equal(0.9194, matrix.Recall(9), 1e-4);
        Assert.Equal(0.8859, matrix.F1(9), 1e-4);
    }

    [Fact]
    public void Averages_FollowTheirDefinitions()
    {
        ConfusionMatrix matrix = ConfusionMatrix.FromCounts(CourseCounts);
        double macroF1 = 0, weightedF1 = 0;
        for (int c = 0; c < 10; c++)
        {
            macroF1 += matrix.F1(c) / 10;
            weightedF1 += matrix.F1(c) * matrix.Support(c) / 10_000.0;
        }

        Assert.Equal(macroF1, matrix.MacroF1, 1e-12);
        Assert.Equal(weightedF1, matrix.WeightedF1, 1e-12);
        Assert.Equal(matrix.Accuracy, matrix.WeightedRecall, 1e-12);
        Assert.Equal(936, matrix.Support(0)); // row 0: 902 / 936 is the stated recall 0.9637
        Assert.Equal(934, matrix.Predicted(0));
    }

    [Fact]
    public void ToString_IsAnAlignedTableWithScores()
    {
        string table = ConfusionMatrix.FromCounts(CourseCounts).ToString();
        string[] lines = table.Split('\n');
        Assert.StartsWith("true \\ predicted", lines[0]);
        Assert.Contains(" 1119", lines[2]);
        Assert.Contains("0.9657", table);
        Assert.Contains("0.8859", table);
        Assert.Contains("accuracy", table);
        Assert.Contains("0.9170", table);
        Assert.Equal(lines[1].Length, lines[2].Length);
    }

    [Fact]
    public void AddAndEmptyClasses_AreCountedWithoutDividingByZero()
    {
        var matrix = new ConfusionMatrix(3);
        matrix.Add(0, 0);
        matrix.Add(0, 1);
        matrix.Add(1, 1);
        Assert.Equal(2.0 / 3, matrix.Accuracy, 1e-12);
        Assert.Equal(0.5, matrix.Precision(1), 1e-12);
        Assert.Equal(0, matrix.Recall(2));
        Assert.Equal(0, matrix.F1(2));
        Assert.Throws<ArgumentOutOfRangeException>(() => matrix.Add(3, 0));
    }
}
