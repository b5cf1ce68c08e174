using System;
using StaticNet.CompilerServices;
using StaticNet.Tests.Networks;
using Xunit;

namespace StaticNet.Tests;

/// <summary>
/// Generated networks declared Deterministic = true: the vector branches of their generated code give the bits of
/// the scalar branch, their kernels those of the one-sample path, and the hot paths allocate nothing. Across widths
/// and runtimes the proof is tests/Determinism/run.sh; CI also reruns these tests at every width.
/// </summary>
public sealed class DeterministicNetworkTests
{
    [Fact]
    public void RegisterNetwork_Forward_GivesTheBitsOfTheScalarFormulas()
    {
        // Forward keeps both layers in registers and calls the vector σ of the widest hardware width; the generated
        // scalar branch (no hardware vectors) computes the same sums in source order and σ one float at a time.
        var network = new DeterministicRegisterNet(3);
        float[] p = network.Parameters.ToArray();
        var random = new DeterministicRandom(17);
        Span<float> output = stackalloc float[3];
        for (int sample = 0; sample < 500; sample++)
        {
            float[] x = [random.NextSymmetric(3f), random.NextSymmetric(3f), random.NextSymmetric(3f), random.NextSymmetric(3f)];
            var a1 = new float[5];
            for (int j = 0; j < 5; j++)
            {
                int w = 4 * j;
                float z = p[w] * x[0] + p[w + 1] * x[1] + p[w + 2] * x[2] + (p[w + 3] * x[3] + p[20 + j]);
                a1[j] = DeterministicNetworkMath.Sigmoid(z);
            }

            network.Forward(x, output);
            for (int j = 0; j < 3; j++)
            {
                int w = 25 + (5 * j);
                float z = p[w] * a1[0] + p[w + 1] * a1[1] + p[w + 2] * a1[2] + (p[w + 3] * a1[3] + p[w + 4] * a1[4] + p[40 + j]);
                Assert.Equal(BitConverter.SingleToInt32Bits(DeterministicNetworkMath.Sigmoid(z)), BitConverter.SingleToInt32Bits(output[j]));
            }
        }
    }

    [Fact]
    public void KernelNetwork_ForwardBatch_GivesTheBitsOfForwardForEverySample()
    {
        // One sample and a block of samples run the same fixed-order dot products, whatever block a sample falls in.
        var network = new DeterministicKernelNet(5);
        const int Count = 70;
        float[] inputs = Values(Count * 20, 19), batch = new float[Count * 10], one = new float[10];
        network.ForwardBatch(inputs, batch);
        for (int s = 0; s < Count; s++)
        {
            network.Forward(inputs.AsSpan(s * 20, 20), one);
            for (int k = 0; k < 10; k++)
            {
                Assert.Equal(BitConverter.SingleToInt32Bits(one[k]), BitConverter.SingleToInt32Bits(batch[(s * 10) + k]));
            }
        }
    }

    [Fact]
    public void KernelNetwork_StaysWithinRoundingOfTheDefaultKernels()
    {
        // Same network, same seed, default kernels: the deterministic one differs only in rounding. The default one may
        // keep W by columns, so both are compared in PyTorch's order.
        var deterministic = new DeterministicKernelNet(5);
        var reference = new SoftmaxReferenceNet(5);
        Assert.Equal(PyTorchOrder.ParametersOf(reference), deterministic.Parameters.ToArray());
        float[] inputs = Values(64 * 20, 23), targets = new float[64 * 10];
        for (int s = 0; s < 64; s++)
        {
            targets[(s * 10) + (s % 10)] = 1f;
        }

        float[] gradient = new float[deterministic.Parameters.Length], referenceGradient = new float[gradient.Length];
        float loss = deterministic.BackwardBatch(inputs, targets, gradient);
        float referenceLoss = reference.BackwardBatch(inputs, targets, referenceGradient);
        referenceGradient = PyTorchOrder.Of(reference, referenceGradient);
        Assert.Equal(referenceLoss, loss, 1e-5f);
        for (int i = 0; i < gradient.Length; i++)
        {
            Assert.Equal(referenceGradient[i], gradient[i], 1e-5f);
        }
    }

    [Fact]
    public void KernelNetwork_BatchMethods_AllocateNothing()
    {
        var network = new DeterministicKernelNet(5);
        var workspace = new DeterministicKernelNet.BatchWorkspace();
        float[] inputs = Values(64 * 20, 29), targets = new float[64 * 10], outputs = new float[64 * 10], gradient = new float[network.Parameters.Length];
        for (int s = 0; s < 64; s++)
        {
            targets[(s * 10) + (s % 7)] = 1f;
        }

        long least = long.MaxValue;
        for (int read = 0; read < 3; read++)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < 50; i++)
            {
                network.ForwardBatch(inputs, outputs, workspace);
                network.BackwardBatch(inputs, targets, gradient, workspace);
                network.TrainStep(inputs.AsSpan(0, 20), targets.AsSpan(0, 10), 0.01f);
            }

            least = Math.Min(least, GC.GetAllocatedBytesForCurrentThread() - before);
        }

        Assert.Equal(0, least);
    }

    private static float[] Values(int count, int seed)
    {
        var random = new DeterministicRandom(seed);
        var values = new float[count];
        for (int i = 0; i < count; i++)
        {
            values[i] = random.NextSymmetric(1f);
        }

        return values;
    }
}
