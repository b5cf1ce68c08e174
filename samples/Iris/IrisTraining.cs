using System;

namespace StaticNet.Samples.Iris;

/// <summary>Mini-batch training of <see cref="IrisNet"/> with Adam, and accuracy.</summary>
public static class IrisTraining
{
    /// <summary>
    /// Trains for <paramref name="epochs"/> epochs of shuffled mini-batches, minimising the mean cross-entropy of each
    /// batch, and reports each epoch's mean training loss. Nothing inside the epoch loop allocates.
    /// </summary>
    public static void Train(
        IrisNet network,
        IrisData train,
        int epochs,
        int batchSize,
        float learningRate,
        int seed,
        Action<int, float>? onEpoch = null)
    {
        var optimizer = new Adam(learningRate);
        var gradient = new float[IrisNet.ParameterCount];
        Span<float> target = stackalloc float[IrisNet.OutputSize];
        int[] order = new int[train.Count];
        for (int i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }

        var random = new DeterministicRandom(seed);
        for (int epoch = 1; epoch <= epochs; epoch++)
        {
            Shuffle(order, ref random);
            float epochLoss = 0f;
            for (int start = 0; start < order.Length; start += batchSize)
            {
                int count = Math.Min(batchSize, order.Length - start);
                Array.Clear(gradient);
                for (int b = 0; b < count; b++)
                {
                    int sample = order[start + b];
                    train.OneHot(sample, target);
                    epochLoss += network.Backward(train.Features[sample], target, gradient);
                }

                // Backward sums per-sample gradients; the batch objective is their mean (backprop.md).
                float scale = 1f / count;
                for (int i = 0; i < gradient.Length; i++)
                {
                    gradient[i] *= scale;
                }

                optimizer.Step(network.Parameters, gradient);
            }

            onEpoch?.Invoke(epoch, epochLoss / order.Length);
        }
    }

    /// <summary>The fraction of samples whose most probable class is the true one.</summary>
    public static double Accuracy(IrisNet network, IrisData data)
    {
        Span<float> output = stackalloc float[IrisNet.OutputSize];
        int correct = 0;
        for (int i = 0; i < data.Count; i++)
        {
            network.Forward(data.Features[i], output);
            if (ArgMax(output) == data.Labels[i])
            {
                correct++;
            }
        }

        return (double)correct / data.Count;
    }

    /// <summary>The index of the largest value.</summary>
    public static int ArgMax(ReadOnlySpan<float> values)
    {
        int best = 0;
        for (int i = 1; i < values.Length; i++)
        {
            if (values[i] > values[best])
            {
                best = i;
            }
        }

        return best;
    }

    private static void Shuffle(int[] order, ref DeterministicRandom random)
    {
        for (int i = order.Length - 1; i > 0; i--)
        {
            int j = random.NextInt32(i + 1);
            (order[i], order[j]) = (order[j], order[i]);
        }
    }
}
