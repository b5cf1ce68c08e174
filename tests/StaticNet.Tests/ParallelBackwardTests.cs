using System;
using StaticNet.Tests.Networks;
using Xunit;

namespace StaticNet.Tests;

/// <summary>
/// ParallelBackward and Trainer with MaxDegreeOfParallelism: the same bits with 1, 2 and 3 threads, batch sizes that
/// are and are not multiples of the block size, and a gradient that is the batch's mean-loss gradient.
/// </summary>
public class ParallelBackwardTests
{
    public static TheoryData<string, int> Cases() => new()
    {
        { nameof(Mnist784Net), 64 },
        { nameof(Mnist784Net), 100 },
        { nameof(Arch23), 37 },
        { nameof(Arch23), 256 },
        { nameof(Arch23), 1000 },
        { nameof(Arch05), 95 },
        { nameof(DefaultNet), 70 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void RawSteps_GiveTheSameBits_With1_2_3And16Threads(string name, int batchSize)
    {
        int[] threadCounts = [1, 2, 3, 16];
        float[][] parameters = new float[threadCounts.Length][];
        float[][] losses = new float[threadCounts.Length][];
        for (int t = 0; t < threadCounts.Length; t++)
        {
            int threads = threadCounts[t];
            IBatchNetwork network = Create(name);
            (float[] inputs, float[] targets) = Batch(network, batchSize, seed: 5);
            var gradient = new float[network.ParameterCount];
            var optimizer = new Sgd(0.05f);
            using var backward = new ParallelBackward(network, threads);
            losses[t] = new float[4];
            for (int step = 0; step < 4; step++)
            {
                // A zero gradient holds the first part itself; a gradient of −0 (not zero bit for bit) takes the part
                // buffers' path. Both are here, alternately, and every thread count must agree on both.
                gradient.AsSpan().Fill(step % 2 == 0 ? 0f : -0f);
                losses[t][step] = backward.BackwardBatch(inputs, targets, gradient);
                optimizer.Step(network.Parameters, gradient);
            }

            parameters[t] = network.Parameters.ToArray();
        }

        for (int t = 1; t < threadCounts.Length; t++)
        {
            Assert.Equal(losses[0], losses[t]);
            AssertSameBits(parameters[0], parameters[t]);
        }
    }

    [Theory]
    [InlineData(nameof(Mnist784Net), 64, 1)]
    [InlineData(nameof(Mnist784Net), 64, 2)]
    [InlineData(nameof(Arch23), 37, 2)] // a short second part
    [InlineData(nameof(Arch23), 256, 16)] // four parts
    [InlineData(nameof(Arch05), 95, 3)] // three parts, the last short
    public void ZeroGradient_HoldingTheFirstPart_AddsTheSumAsAnyGradientDoes(string name, int batchSize, int threads)
    {
        // gradient + s with gradient = 1 must be 1 + (0 + s) bit for bit: the zero gradient's path performs the same
        // operations as the part buffers' path, only in another buffer.
        IBatchNetwork network = Create(name);
        (float[] inputs, float[] targets) = Batch(network, batchSize, seed: 3);
        var fromZero = new float[network.ParameterCount];
        var fromOne = new float[network.ParameterCount];
        fromOne.AsSpan().Fill(1f);
        using var backward = new ParallelBackward(network, threads);

        float zeroLoss = backward.BackwardBatch(inputs, targets, fromZero);
        float oneLoss = backward.BackwardBatch(inputs, targets, fromOne);

        Assert.Equal(zeroLoss, oneLoss);
        var expected = new float[fromZero.Length];
        for (int i = 0; i < expected.Length; i++)
        {
            expected[i] = 1f + fromZero[i];
        }

        AssertSameBits(expected, fromOne);
    }

    [Fact]
    public void ZeroCheck_TakesOnlyPositiveZeros()
    {
        float[] values = new float[37];
        Assert.True(ParallelBackward.IsAllZeroBits(values));
        foreach (int position in new[] { 0, 7, 8, 31, 36 })
        {
            values[position] = -0f;
            Assert.False(ParallelBackward.IsAllZeroBits(values));
            values[position] = float.Epsilon;
            Assert.False(ParallelBackward.IsAllZeroBits(values));
            values[position] = 0f;
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Gradient_IsTheBatchMeanLossGradient(string name, int batchSize)
    {
        IBatchNetwork network = Create(name);
        (float[] inputs, float[] targets) = Batch(network, batchSize, seed: 9);
        var expected = new float[network.ParameterCount];
        var actual = new float[network.ParameterCount];
        actual.AsSpan().Fill(0.5f); // it adds into the gradient, as BackwardBatch does
        float expectedLoss = network.BackwardBatch(inputs, targets, expected);
        using var backward = new ParallelBackward(network, 2);

        float loss = backward.BackwardBatch(inputs, targets, actual);

        Assert.Equal(expectedLoss, loss, 1e-5f * Math.Abs(expectedLoss));
        float largest = 0f;
        foreach (float g in expected)
        {
            largest = Math.Max(largest, Math.Abs(g));
        }

        for (int i = 0; i < expected.Length; i++)
        {
            // Another summation order: agreement to float rounding of the largest component.
            Assert.True(Math.Abs(actual[i] - 0.5f - expected[i]) <= 1e-5f * largest + 1e-7f, $"{name} parameter {i}: {actual[i] - 0.5f} against {expected[i]}");
        }
    }

    [Fact]
    public void Trainer_GivesTheSameBits_With1_2And3Threads()
    {
        foreach ((string name, int samples, int batchSize) in new[] { (nameof(Arch23), 300, 100), (nameof(Mnist784Net), 200, 64), (nameof(Mnist784Net), 150, 48) })
        {
            float[][] parameters = new float[3][];
            float[] finalLosses = new float[3];
            for (int threads = 1; threads <= 3; threads++)
            {
                IBatchNetwork network = Create(name);
                (float[] inputs, float[] targets) = Batch(network, samples, seed: 2);
                var data = new Dataset(inputs, network.InputSize, targets, network.OutputSize);
                var options = new TrainerOptions { Epochs = 3, BatchSize = batchSize, Seed = 4, MaxDegreeOfParallelism = threads };
                TrainingResult result = new Trainer(network, new Adam(0.01f), options).Fit(data);
                parameters[threads - 1] = network.Parameters.ToArray();
                finalLosses[threads - 1] = result.History[^1].TrainLoss;
            }

            Assert.Equal(finalLosses[0], finalLosses[1]);
            Assert.Equal(finalLosses[0], finalLosses[2]);
            AssertSameBits(parameters[0], parameters[1]);
            AssertSameBits(parameters[0], parameters[2]);
        }
    }

    [Fact]
    public void Trainer_AdaptingTheDegree_GivesTheBitsOfAPinnedDegree()
    {
        // 40 batches: the first probe runs two threads and one thread in turns, then the tuner's choice runs.
        float[][] parameters = new float[2][];
        for (int run = 0; run < 2; run++)
        {
            IBatchNetwork network = Create(nameof(Arch23));
            (float[] inputs, float[] targets) = Batch(network, 2560, seed: 2);
            var data = new Dataset(inputs, network.InputSize, targets, network.OutputSize);
            var options = new TrainerOptions { Epochs = 1, BatchSize = 64, Seed = 4, MaxDegreeOfParallelism = 2, AdaptDegreeOfParallelism = run == 0 };
            new Trainer(network, new Sgd(0.05f, momentum: 0.9f), options).Fit(data);
            parameters[run] = network.Parameters.ToArray();
        }

        AssertSameBits(parameters[0], parameters[1]);
    }

    [Theory]
    [InlineData(nameof(Mnist784Net), 64, 1)]
    [InlineData(nameof(Mnist784Net), 64, 2)]
    [InlineData(nameof(Mnist784Net), 20, 2)] // one part: no sum, the caller hands the gradient over range by range
    [InlineData(nameof(Arch23), 1000, 3)]
    public void IndexedBatch_GivesTheBitsOfTheGatheredBatch_AndHandsOverEveryGradientElementOnce(string name, int batchSize, int threads)
    {
        IBatchNetwork network = Create(name);
        (float[] inputs, float[] targets) = Batch(network, batchSize * 2, seed: 6);
        var data = new Dataset(inputs, network.InputSize, targets, network.OutputSize);
        var rows = new int[batchSize];
        for (int s = 0; s < rows.Length; s++)
        {
            rows[s] = (s * 7) % data.Count; // out of order, some samples left out
        }

        Dataset gathered = data.Subset(rows);
        var expected = new float[network.ParameterCount];
        var actual = new float[network.ParameterCount];
        var consumer = new CountingConsumer(network.ParameterCount);
        using var backward = new ParallelBackward(network, threads);

        float expectedLoss = backward.BackwardBatch(gathered.Features, gathered.Targets, expected);
        float loss = backward.BackwardBatch(data, rows, actual, consumer);

        Assert.Equal(expectedLoss, loss);
        AssertSameBits(expected, actual);
        Assert.All(consumer.Seen, count => Assert.Equal(1, count));
    }

    [Fact]
    public void NetworkWithoutWorkspaces_RunsItsPartsInTurn_WithTheSameBits()
    {
        var generated = new Arch23(seed: 3);
        IBatchNetwork wrapped = new SequentialOnly(new Arch23(seed: 3));
        (float[] inputs, float[] targets) = Batch(generated, 150, seed: 8);
        var gradient = new float[Arch23.ParameterCount];
        var wrappedGradient = new float[Arch23.ParameterCount];
        using var parallel = new ParallelBackward(generated, 3);
        using var sequential = new ParallelBackward(wrapped, 3);

        float loss = parallel.BackwardBatch(inputs, targets, gradient);
        float wrappedLoss = sequential.BackwardBatch(inputs, targets, wrappedGradient);

        Assert.Equal(1, sequential.MaxDegreeOfParallelism);
        Assert.Equal(loss, wrappedLoss);
        AssertSameBits(gradient, wrappedGradient);
    }

    [Theory]
    [InlineData(0)] // the part the caller takes first
    [InlineData(3)] // the last part, taken by whichever thread gets there
    public void FailureInAPart_ReachesTheCaller_AndTheNextCallWorks(int failingPart)
    {
        var inner = new Arch23(seed: 3);
        var network = new FailsOnMarkedRow(inner);
        (float[] inputs, float[] targets) = Batch(inner, 256, seed: 4);
        var gradient = new float[Arch23.ParameterCount];
        using var backward = new ParallelBackward(network, 2);
        float[] marked = (float[])inputs.Clone();
        marked[failingPart * 64 * Arch23.InputSize] = FailsOnMarkedRow.Marker;

        var exception = Assert.Throws<InvalidOperationException>(() => backward.BackwardBatch(marked, targets, gradient));
        Assert.Equal(FailsOnMarkedRow.Message, exception.Message);

        // The helpers are back in their places: a good batch gives the bits of a fresh instance.
        Array.Clear(gradient);
        float loss = backward.BackwardBatch(inputs, targets, gradient);
        var fresh = new float[Arch23.ParameterCount];
        using var other = new ParallelBackward(inner, 1);
        Assert.Equal(other.BackwardBatch(inputs, targets, fresh), loss);
        AssertSameBits(fresh, gradient);
    }

    [Fact]
    public void AfterTheFirstCall_AllocatesNothing()
    {
        var network = new Arch23(seed: 1);
        (float[] inputs, float[] targets) = Batch(network, 200, seed: 1);
        var gradient = new float[Arch23.ParameterCount];
        using var backward = new ParallelBackward(network, 2);
        backward.BackwardBatch(inputs, targets, gradient);

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 50; i++)
        {
            backward.BackwardBatch(inputs, targets, gradient);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void WrongLengths_NameTheArgumentAndTheLengths()
    {
        using var backward = new ParallelBackward(new DefaultNet(seed: 1), 2);
        var inputs = Assert.Throws<ArgumentException>(() => backward.BackwardBatch(new float[10], new float[6], new float[DefaultNet.ParameterCount]));
        Assert.Equal("inputs", inputs.ParamName);
        Assert.Contains("whole rows of 4 values, but has length 10", inputs.Message);
        var targets = Assert.Throws<ArgumentException>(() => backward.BackwardBatch(new float[8], new float[5], new float[DefaultNet.ParameterCount]));
        Assert.Equal("targets", targets.ParamName);
        Assert.Contains("must have length 6, but has length 5", targets.Message);
        var gradient = Assert.Throws<ArgumentException>(() => backward.BackwardBatch(new float[8], new float[6], new float[42]));
        Assert.Equal("gradient", gradient.ParamName);
        Assert.Contains("must have length 43, but has length 42", gradient.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => new ParallelBackward(new DefaultNet(), 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Trainer(new DefaultNet(), new Sgd(0.1f), new TrainerOptions { MaxDegreeOfParallelism = 0 }));
    }

    [Fact]
    public void WorkspaceOfAnotherNetworkType_IsRejected()
    {
        IParallelBatchNetwork network = new DefaultNet(seed: 1);
        object foreign = ((IParallelBatchNetwork)new Arch23(seed: 1)).CreateBatchWorkspace();
        var exception = Assert.Throws<ArgumentException>(() => network.BackwardBatch(new float[4], new float[3], new float[DefaultNet.ParameterCount], foreign));
        Assert.Equal("workspace", exception.ParamName);
    }

    [Theory]
    [InlineData(1, 32, 1)]
    [InlineData(32, 32, 1)]
    [InlineData(33, 32, 2)]
    [InlineData(64, 32, 2)]
    [InlineData(65, 64, 2)]
    [InlineData(100, 64, 2)]
    [InlineData(256, 64, 4)]
    [InlineData(1024, 64, 16)]
    [InlineData(1025, 96, 11)]
    public void Layout_DependsOnTheBatchSizeOnly(int count, int partSize, int parts)
    {
        Assert.Equal((partSize, parts), ParallelBackward.Layout(count));
    }

    private static IBatchNetwork Create(string name) => name switch
    {
        nameof(Mnist784Net) => new Mnist784Net(seed: 1),
        nameof(DefaultNet) => new DefaultNet(seed: 1),
        _ => GradientCheckNetworks.Create(name, seed: 1),
    };

    /// <summary>Random inputs in [−1, 1] and one-hot targets (a valid target for every loss).</summary>
    private static (float[] Inputs, float[] Targets) Batch(INetwork network, int count, int seed)
    {
        var random = new DeterministicRandom(seed);
        var inputs = new float[count * network.InputSize];
        var targets = new float[count * network.OutputSize];
        for (int i = 0; i < inputs.Length; i++)
        {
            inputs[i] = random.NextSymmetric(1f);
        }

        for (int s = 0; s < count; s++)
        {
            targets[(s * network.OutputSize) + random.NextInt32(network.OutputSize)] = 1f;
        }

        return (inputs, targets);
    }

    internal static void AssertSameBits(float[] expected, float[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.True(BitConverter.SingleToInt32Bits(expected[i]) == BitConverter.SingleToInt32Bits(actual[i]), $"parameter {i}: {expected[i]:R} against {actual[i]:R}");
        }
    }

    /// <summary>Counts how often each gradient element is handed over.</summary>
    private sealed class CountingConsumer(int length) : ParallelBackward.IGradientConsumer
    {
        public int[] Seen { get; } = new int[length];

        public void Consume(int start, int length)
        {
            for (int i = start; i < start + length; i++)
            {
                System.Threading.Interlocked.Increment(ref Seen[i]);
            }
        }
    }

    /// <summary>A parallel network whose batch methods throw on a part whose first input is <see cref="Marker"/>.</summary>
    private sealed class FailsOnMarkedRow(Arch23 inner) : SequentialOnly(inner), IParallelBatchNetwork
    {
        public const float Marker = 12345f;

        public const string Message = "A marked row.";

        public object CreateBatchWorkspace() => ((IParallelBatchNetwork)inner).CreateBatchWorkspace();

        public float BackwardBatch(ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets, Span<float> gradient, object workspace) =>
            inputs[0] == Marker
                ? throw new InvalidOperationException(Message)
                : ((IParallelBatchNetwork)inner).BackwardBatch(inputs, targets, gradient, workspace);
    }
}
