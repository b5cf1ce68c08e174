using System;
using System.Diagnostics;
using System.Linq;
using CsCheck;
using StaticNet.Tests.Networks;
using StaticNet.Tests.Properties;
using Xunit;
using Xunit.Abstractions;

namespace StaticNet.Tests;

/// <summary>
/// Issue 18, classes 10–14: the Trainer's options at their limits (Epochs = int.MaxValue, huge
/// MaxDegreeOfParallelism), an empty validation set, ConfusionMatrix's class count and ParallelBackward's layout near
/// int.MaxValue.
/// </summary>
public class TrainerLimitsTests
{
    private readonly ITestOutputHelper _output;

    public TrainerLimitsTests(ITestOutputHelper output) => _output = output;

    [Fact]
    public void EpochsIntMaxValue_TrainsUntilEarlyStopping()
    {
        // Before: OutOfMemoryException from a history list pre-sized by Epochs, before the first epoch.
        var network = new Arch23(seed: 3);
        // Noisy blobs: 64 samples overfit within a few dozen epochs, and the validation loss turns up.
        Dataset train = TrainerTests.Blobs(64, seed: 1, noise: 3f), validation = TrainerTests.Blobs(32, seed: 2, noise: 3f);
        // <docs:train-until-early-stopping>
        var options = new TrainerOptions { Epochs = int.MaxValue, Patience = 2 }; // until 2 epochs bring no better validation loss
        TrainingResult result = new Trainer(network, new Adam(0.01f), options).Fit(train, validation);
        // </docs:train-until-early-stopping>

        _output.WriteLine($"Epochs = int.MaxValue stopped early after {result.History.Count} epochs, best {result.BestEpoch}, {result.History[^1].Elapsed.TotalSeconds:F2} s");
        Assert.True(result.StoppedEarly);
        Assert.InRange(result.History.Count, 3, 200);
        Assert.Equal(result.BestEpoch + 2, result.History.Count);
        Assert.All(result.History, report => Assert.Equal(int.MaxValue, report.Epochs));
    }

    [Fact]
    public void AnEmptyValidationSet_IsTheArgumentExceptionOfAnEmptyTrainingSet()
    {
        // Before: TrainingDivergedException "the validation loss is not finite" (its mean loss was 0/0).
        var network = new Arch23(seed: 3);
        float[] before = network.Parameters.ToArray();
        var empty = new Dataset([], 40, [], 10);
        var trainer = new Trainer(network, new Adam(0.01f), new TrainerOptions { Epochs = 2 });

        var validation = Assert.Throws<ArgumentException>(() => trainer.Fit(TrainerTests.Blobs(32, seed: 1), empty));
        var train = Assert.Throws<ArgumentException>(() => trainer.Fit(empty));

        Assert.Equal("validation", validation.ParamName);
        Assert.StartsWith("'validation' holds no samples; there is nothing to validate on. Pass null to train without validation.", validation.Message);
        Assert.Equal("train", train.ParamName);
        Assert.Equal(before, network.Parameters.ToArray());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(int.MinValue)]
    public void MaxDegreeOfParallelismBelowOne_IsRejected_NamingTheOptionAndTheValue(int value)
    {
        var exception = Assert.Throws<ArgumentOutOfRangeException>(() =>
            new Trainer(new Arch23(seed: 1), new Sgd(0.1f), new TrainerOptions { MaxDegreeOfParallelism = value }));

        Assert.Equal("MaxDegreeOfParallelism", exception.ParamName);
        Assert.Contains($"TrainerOptions.MaxDegreeOfParallelism must be at least 1 (it counts the calling thread; values above 16 (ParallelBackward.MaxParts, the most parts a batch has) use 16 threads); got {value}.", exception.Message);
    }

    [Theory]
    [InlineData(100_000)]
    [InlineData(int.MaxValue)]
    public void AHugeMaxDegreeOfParallelism_TrainsWithAtMostOneThreadPerPart_AndTheBitsOfOneThread(int threads)
    {
        // Before: int.MaxValue was an OutOfMemoryException; 100,000 started 99,999 threads and aborted the process.
        Dataset train = TrainerTests.Blobs(1024, seed: 1);
        var reference = new Arch23(seed: 3);
        new Trainer(reference, new Adam(0.01f), new TrainerOptions { Epochs = 2, BatchSize = 1024, MaxDegreeOfParallelism = 1 }).Fit(train);

        var network = new Arch23(seed: 3);
        int before = Process.GetCurrentProcess().Threads.Count;
        int most = 0;
        var progress = new TrainerTests.InlineProgress(_ => most = Math.Max(most, Process.GetCurrentProcess().Threads.Count));
        new Trainer(network, new Adam(0.01f), new TrainerOptions { Epochs = 2, BatchSize = 1024, MaxDegreeOfParallelism = threads }).Fit(train, progress: progress);

        // A batch of 1024 has 16 parts: 15 helpers at most. The slack is for threads other tests start meanwhile.
        _output.WriteLine($"MaxDegreeOfParallelism {threads}: process threads {before} before, at most {most} during Fit");
        Assert.InRange(most - before, int.MinValue, 15 + 24);
        Assert.Equal(reference.Parameters.ToArray(), network.Parameters.ToArray());
    }

    [Theory]
    [InlineData(17, 16)]
    [InlineData(100_000, 16)]
    [InlineData(int.MaxValue, 16)]
    [InlineData(3, 3)]
    public void ParallelBackward_UsesNoMoreThreadsThanABatchHasParts(int requested, int used)
    {
        using var backward = new ParallelBackward(new Arch23(seed: 1), requested);
        Assert.Equal(used, backward.MaxDegreeOfParallelism);
    }

    [Fact]
    public void Layout_CoversEveryBatchExactly_UpToIntMaxValue()
    {
        // Before: counts within 31 of int.MaxValue wrapped to one 32-sample part.
        static void Covers(int count)
        {
            (int partSize, int parts) = ParallelBackward.Layout(count);
            Assert.InRange(parts, 1, ParallelBackward.MaxParts);
            Assert.True(partSize >= 1 && partSize % ParallelBackward.BlockSize == 0, $"count {count}: part size {partSize}");
            Assert.True((long)(parts - 1) * partSize < count && count <= (long)parts * partSize, $"count {count}: {parts} parts of {partSize}");
        }

        for (int k = 0; k < 4096; k++)
        {
            Covers(int.MaxValue - k);
            Covers(k + 1);
        }

        for (int shift = 1; shift < 31; shift++)
        {
            Covers((1 << shift) - 1);
            Covers(1 << shift);
            Covers((1 << shift) + 1);
        }

        Seeded.ForAll(Gen.Int[1, int.MaxValue], 20_000, seed: 18, Covers);
        Assert.Equal((134_217_728, 16), ParallelBackward.Layout(int.MaxValue));
        Assert.Equal((32, 1), ParallelBackward.Layout(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => ParallelBackward.Layout(-1));
    }

    [Theory]
    [InlineData(46_341)] // before: OverflowException
    [InlineData(65_536)] // before: IndexOutOfRangeException on Add(0, 0)
    [InlineData(65_537)] // before: Add(65536, 65536) counted into another cell
    [InlineData(int.MaxValue)]
    [InlineData(0)]
    public void ConfusionMatrix_ClassCountsWhoseCellsDoNotFitOneArray_AreRejected_StatingTheBound(int classCount)
    {
        var exception = Assert.Throws<ArgumentOutOfRangeException>(() => new ConfusionMatrix(classCount));

        Assert.Equal("classCount", exception.ParamName);
        Assert.Contains($"classCount must be in [1, 46340] (ConfusionMatrix.MaxClassCount: classCount² counts must fit one array); got {classCount}.", exception.Message);
    }

    [Fact]
    public void ConfusionMatrix_CountsTheCornerCellsOfALargeMatrix_InTheirOwnCells()
    {
        const int classes = 2_000;
        var matrix = new ConfusionMatrix(classes);

        matrix.Add(classes - 1, classes - 1);
        matrix.Add(classes - 1, 0);
        matrix.Add(0, classes - 1);

        Assert.Equal(1, matrix[classes - 1, classes - 1]);
        Assert.Equal(1, matrix[classes - 1, 0]);
        Assert.Equal(1, matrix[0, classes - 1]);
        Assert.Equal(0, matrix[0, 0]);
        Assert.Equal(3, matrix.Total);
        Assert.Equal(46_340, ConfusionMatrix.MaxClassCount);
        long limit = ConfusionMatrix.MaxClassCount, cells = Array.MaxLength;
        Assert.True(limit * limit <= cells && (limit + 1) * (limit + 1) > cells);
    }

    [Fact]
    public void ConfusionMatrix_ToString_OfALargeMatrix_LeavesOutTheCountsTable_AndSaysSo()
    {
        var matrix = new ConfusionMatrix(2_000);
        matrix.Add(1_999, 1_999);

        string text = matrix.ToString();

        Assert.StartsWith("(the counts table is left out above 1000 classes: it would have 4000000 cells; read counts with this[actual, predicted])", text);
        Assert.Contains("1999                 1.0000     1.0000     1.0000          1", text);
        Assert.True(text.Length < 200_000, $"{text.Length} characters");
    }

    [Fact]
    public void Evaluation_OfAnEmptyDataSet_IsAnArgumentException()
    {
        // Before: ArgumentOutOfRangeException from a span of the first sample's features.
        var empty = new Dataset([], 40, [], 10);

        var exception = Assert.Throws<ArgumentException>(() => Evaluation.Accuracy(new Arch23(seed: 1), empty));

        Assert.Equal("data", exception.ParamName);
        Assert.StartsWith("'data' holds no samples; there is nothing to evaluate.", exception.Message);
    }
}
