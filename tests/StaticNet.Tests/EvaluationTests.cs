using System;
using Xunit;

namespace StaticNet.Tests;

/// <summary>3 inputs, 3 linear outputs: with W = I and b = 0 the output is the input, so the predictions are chosen by the features.</summary>
[Network(3, 3, Output = Activation.Identity)]
public partial class PassThroughNet
{
    public static PassThroughNet Identity()
    {
        var network = new PassThroughNet();
        network.Parameters.Clear();
        for (int i = 0; i < InputSize; i++)
        {
            network.Layer1Weights[(i * InputSize) + i] = 1f;
        }

        return network;
    }
}

/// <summary>A one-output binary classifier: an arg max over one value is always class 0.</summary>
[Network(3, 1, Output = Activation.Sigmoid, Loss = Loss.BinaryCrossEntropy)]
public partial class OneOutputNet
{
}

/// <summary>Classification metrics on real predictions, and their refusal of data that are not class labels.</summary>
public class EvaluationTests
{
    // Arg max per row: 0, 1, 2, 0.
    private static readonly float[] Features =
    {
        0.9f, 0.1f, 0f,
        0.2f, 0.7f, 0.1f,
        0.1f, 0.2f, 0.8f,
        0.6f, 0.3f, 0.1f,
    };

    private static readonly int[] TrueClasses = { 0, 1, 2, 1 };

    [Fact]
    public void ConfusionMatrix_OfOneHotTargets_CountsArgMaxAgainstTheHotClass()
    {
        var data = new Dataset(Features, 3, OneHot(TrueClasses), 3);

        ConfusionMatrix matrix = Evaluation.ConfusionMatrix(PassThroughNet.Identity(), data);

        Assert.Equal(3, matrix.ClassCount);
        Assert.Equal(new long[] { 1, 0, 0, 1, 1, 0, 0, 0, 1 }, Counts(matrix));
        Assert.Equal(0.75, matrix.Accuracy, 1e-12);
        Assert.Equal(0.75, Evaluation.Accuracy(PassThroughNet.Identity(), data), 1e-12);
    }

    [Fact]
    public void ConfusionMatrix_OfLabels_GivesTheSameCounts()
    {
        Dataset data = Dataset.FromLabels(Features, 3, TrueClasses, 3);

        Assert.Equal(new long[] { 1, 0, 0, 1, 1, 0, 0, 0, 1 }, Counts(Evaluation.ConfusionMatrix(PassThroughNet.Identity(), data)));
    }

    [Theory]
    [InlineData(new[] { 0f, 1f, 0f, 0.5f, 1.5f, -2f }, 1, "[0.5, 1.5, -2]")] // a regression target
    [InlineData(new[] { 0f, 0f, 0f, 0f, 1f, 0f }, 0, "[0, 0, 0]")] // no class at all
    [InlineData(new[] { 1f, 0f, 0f, 0f, 1f, 1f }, 1, "[0, 1, 1]")] // two classes
    [InlineData(new[] { 0.9f, 0.05f, 0.05f, 0f, 1f, 0f }, 0, "[0.9, 0.05, 0.05]")] // label smoothing is not a label
    public void ConfusionMatrix_RejectsTargetsThatAreNotOneHot_NamingTheRow(float[] targets, int badRow, string shown)
    {
        var data = new Dataset(new float[6], 3, targets, 3);

        ArgumentException error = Assert.Throws<ArgumentException>(() => Evaluation.ConfusionMatrix(PassThroughNet.Identity(), data));

        Assert.Equal("data", error.ParamName);
        Assert.StartsWith($"'data' row {badRow} is not a one-hot class label: it is {shown}, but a class label is exactly one 1 and 0 everywhere else.", error.Message);
        Assert.Contains("Evaluation.MeanSquaredError", error.Message);
        Assert.Throws<ArgumentException>(() => Evaluation.Accuracy(PassThroughNet.Identity(), data));
    }

    [Fact]
    public void ConfusionMatrix_RejectsAOneOutputNetwork()
    {
        // The old behaviour: a 2-class table in which every sample was predicted as class 0.
        var data = new Dataset(new float[6], 3, new[] { 0f, 1f }, 1);

        ArgumentException error = Assert.Throws<ArgumentException>(() => Evaluation.ConfusionMatrix(new OneOutputNet(), data));

        Assert.Equal("network", error.ParamName);
        Assert.StartsWith("'network' has 1 output, but classification metrics need one output per class (at least 2)", error.Message);
        Assert.Throws<ArgumentException>(() => Evaluation.Accuracy(new OneOutputNet(), data));
    }

    [Fact]
    public void ConfusionMatrix_RejectsTargetsOfAnotherWidth()
    {
        var data = new Dataset(new float[6], 3, new[] { 1f, 0f, 0f, 1f }, 2);

        ArgumentException error = Assert.Throws<ArgumentException>(() => Evaluation.ConfusionMatrix(PassThroughNet.Identity(), data));

        Assert.StartsWith("'data' has 2 targets per sample, but the network has 3 outputs; give one target per output.", error.Message);
    }

    [Fact]
    public void ConfusionMatrix_RejectsALabelOutOfRange()
    {
        var data = new Dataset(new float[6], 3, new float[6], 3, labels: new[] { 2, 5 });

        ArgumentException error = Assert.Throws<ArgumentException>(() => Evaluation.ConfusionMatrix(PassThroughNet.Identity(), data));

        Assert.StartsWith("'data' row 1 has label 5, but the network has 3 outputs, so a class label must be in [0, 3).", error.Message);
    }

    [Fact]
    public void MeanSquaredError_OfRegressionData_IsExact_AndTargetsOfAnotherWidthAreRejected()
    {
        // Output = features; errors 0.1, −0.1, 0 and 0.2, 0.7, 0.1 → (0.01 + 0.01 + 0 + 0.04 + 0.49 + 0.01) / 6 = 0.56 / 6.
        var data = new Dataset(new[] { 0.9f, 0.1f, 0f, 0.2f, 0.7f, 0.1f }, 3, new[] { 0.8f, 0.2f, 0f, 0f, 0f, 0f }, 3);
        Assert.Equal(0.56 / 6, Evaluation.MeanSquaredError(PassThroughNet.Identity(), data), 1e-7);

        var narrow = new Dataset(new float[6], 3, new float[2], 1);
        ArgumentException error = Assert.Throws<ArgumentException>(() => Evaluation.MeanSquaredError(PassThroughNet.Identity(), narrow));
        Assert.StartsWith("'data' has 1 targets per sample, but the network gives 3 outputs", error.Message);
    }

    [Fact]
    public void ConfusionMatrixAdd_OfOutputAndOneHotTarget_CountsAndAllocatesNothing()
    {
        var matrix = new ConfusionMatrix(3);
        float[] target = { 0f, 0f, 1f };
        float[] output = { 0.1f, 0.7f, 0.2f };
        matrix.Add(target, output);

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 1000; i++)
        {
            matrix.Add(target, output);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.Equal(1001, matrix[2, 1]);
        Assert.Equal(1001, matrix.Total);
    }

    [Fact]
    public void ConfusionMatrixAdd_RejectsATargetThatIsNotOneHot_OrHasTheWrongLength()
    {
        var matrix = new ConfusionMatrix(3);

        ArgumentException notOneHot = Assert.Throws<ArgumentException>(() => matrix.Add(new[] { 0.2f, 0.3f, 0.5f }, new float[3]));
        Assert.Equal("target", notOneHot.ParamName);
        Assert.StartsWith("'target' is not a one-hot class label: it is [0.2, 0.3, 0.5]", notOneHot.Message);

        ArgumentException wrongLength = Assert.Throws<ArgumentException>(() => matrix.Add(new[] { 1f, 0f }, new float[3]));
        Assert.Contains("3", wrongLength.Message);
        Assert.Contains("2", wrongLength.Message);
        Assert.Equal(0, matrix.Total); // rejected before anything was counted
    }

    private static float[] OneHot(int[] classes)
    {
        var targets = new float[classes.Length * 3];
        for (int i = 0; i < classes.Length; i++)
        {
            targets[(i * 3) + classes[i]] = 1f;
        }

        return targets;
    }

    private static long[] Counts(ConfusionMatrix matrix)
    {
        var counts = new long[matrix.ClassCount * matrix.ClassCount];
        for (int actual = 0; actual < matrix.ClassCount; actual++)
        {
            for (int predicted = 0; predicted < matrix.ClassCount; predicted++)
            {
                counts[(actual * matrix.ClassCount) + predicted] = matrix[actual, predicted];
            }
        }

        return counts;
    }
}
