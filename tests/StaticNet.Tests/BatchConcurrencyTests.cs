using System;
using System.Threading;
using System.Threading.Tasks;
using StaticNet.Tests.Networks;
using Xunit;

namespace StaticNet.Tests;

/// <summary>
/// Issue 10, class 5: the batch overloads without a workspace, called from several threads on one network. They
/// used to share one workspace and returned losses off by up to 207 %; now each call takes the network's workspace
/// for its duration and a call that overlaps another uses its own, so every result is bit-exact.
/// </summary>
public class BatchConcurrencyTests
{
    private const int Threads = 4;
    private const int CallsPerThread = 300;

    private static float[] Data(int length, int seed)
    {
        var random = new DeterministicRandom(seed);
        var values = new float[length];
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = random.NextSymmetric(1f);
        }

        return values;
    }

    [Fact]
    public void BackwardBatchAndForwardBatch_WithoutAWorkspace_AreBitExactFromManyThreads()
    {
        // 40-40-10, batches of 64: long enough calls that threads overlap in every run of this test.
        var network = new Arch23(seed: 7);
        const int batch = 64;
        var inputs = new float[Threads][];
        var targets = new float[Threads][];
        var expectedGradients = new float[Threads][];
        var expectedLosses = new float[Threads];
        var expectedOutputs = new float[Threads][];
        for (int t = 0; t < Threads; t++)
        {
            inputs[t] = Data(batch * Arch23.InputSize, seed: 10 + t);
            targets[t] = Data(batch * Arch23.OutputSize, seed: 20 + t);
            expectedGradients[t] = new float[Arch23.ParameterCount];
            expectedLosses[t] = network.BackwardBatch(inputs[t], targets[t], expectedGradients[t], new Arch23.BatchWorkspace());
            expectedOutputs[t] = new float[batch * Arch23.OutputSize];
            network.ForwardBatch(inputs[t], expectedOutputs[t], new Arch23.BatchWorkspace());
        }

        int wrong = 0;
        using var start = new Barrier(Threads);
        Parallel.For(0, Threads, new ParallelOptions { MaxDegreeOfParallelism = Threads }, t =>
        {
            var gradient = new float[Arch23.ParameterCount];
            var outputs = new float[batch * Arch23.OutputSize];
            start.SignalAndWait();
            for (int call = 0; call < CallsPerThread; call++)
            {
                Array.Clear(gradient);
                float loss = network.BackwardBatch(inputs[t], targets[t], gradient);
                network.ForwardBatch(inputs[t], outputs);
                if (BitConverter.SingleToInt32Bits(loss) != BitConverter.SingleToInt32Bits(expectedLosses[t])
                    || !gradient.AsSpan().SequenceEqual(expectedGradients[t])
                    || !outputs.AsSpan().SequenceEqual(expectedOutputs[t]))
                {
                    Interlocked.Increment(ref wrong);
                }
            }
        });

        Assert.Equal(0, wrong);
    }
}
