using System;
using System.Diagnostics;
using System.Globalization;
using StaticNet;

// A Stopwatch harness, not BenchmarkDotNet (docs/performance.md, "Portable build", says why): the same source is
// compiled against each runtime build and run on each runtime, and prints the median of 7 timed runs of each
// operation, in nanoseconds per call, for default and deterministic networks. C# 9, as Unity compiles it.
namespace StaticNet.PortableBenchmarks
{
    /// <summary>Times Forward, TrainStep and a batch training step of two networks, without and with Deterministic = true.</summary>
    public static class Workload
    {
        /// <summary>Prints one line per operation: its name and the median nanoseconds per call.</summary>
        public static void Run(string[] args)
        {
            Measure(string.Empty, new BenchSmallNet(1), new BenchMediumNet(2));
            Measure(", deterministic", new BenchSmallDeterministicNet(1), new BenchMediumDeterministicNet(2));
        }

        /// <summary>The five operations on one pair of networks (the default ones, or the same shapes with Deterministic = true).</summary>
        private static void Measure<TSmall, TMedium>(string variant, TSmall small, TMedium medium)
            where TSmall : INetwork, ITrainStep
            where TMedium : IBatchNetwork, ITrainStep
        {
            var random = new DeterministicRandom(3);
            var smallX = Random(ref random, small.InputSize);
            var smallY = OneHot(small.OutputSize, 1);
            var smallOut = new float[small.OutputSize];
            var mediumX = Random(ref random, medium.InputSize);
            var mediumY = OneHot(medium.OutputSize, 4);
            var mediumOut = new float[medium.OutputSize];
            const int Batch = 32;
            var batchX = Random(ref random, Batch * medium.InputSize);
            var batchY = new float[Batch * medium.OutputSize];
            for (int s = 0; s < Batch; s++)
            {
                batchY[(s * medium.OutputSize) + (s % medium.OutputSize)] = 1f;
            }

            var gradient = new float[medium.ParameterCount];
            var adam = new Adam(1e-4f);

            Report("Forward 4-8-3" + variant, 200_000, () => small.Forward(smallX, smallOut));
            Report("TrainStep 4-8-3" + variant, 200_000, () => small.TrainStep(smallX, smallY, 1e-4f));
            Report("Forward 64-128-128-10" + variant, 5_000, () => medium.Forward(mediumX, mediumOut));
            Report("TrainStep 64-128-128-10" + variant, 2_000, () => medium.TrainStep(mediumX, mediumY, 1e-4f));
            Report("batch step 64-128-128-10 (32 samples + Adam)" + variant, 100, () =>
            {
                Array.Clear(gradient, 0, gradient.Length);
                medium.BackwardBatch(batchX, batchY, gradient);
                adam.Step(medium.Parameters, gradient);
            });
        }

        private static void Report(string name, int calls, Action operation)
        {
            for (int i = 0; i < calls; i++)
            {
                operation();
            }

            var times = new double[7];
            for (int run = 0; run < times.Length; run++)
            {
                long start = Stopwatch.GetTimestamp();
                for (int i = 0; i < calls; i++)
                {
                    operation();
                }

                times[run] = (Stopwatch.GetTimestamp() - start) * 1e9 / Stopwatch.Frequency / calls;
            }

            Array.Sort(times);
            Console.WriteLine(string.Format(CultureInfo.InvariantCulture, "{0}: {1:F1} ns", name, times[3]));
        }

        private static float[] Random(ref DeterministicRandom random, int length)
        {
            var values = new float[length];
            for (int i = 0; i < length; i++)
            {
                values[i] = random.NextSymmetric(1f);
            }

            return values;
        }

        private static float[] OneHot(int length, int index)
        {
            var values = new float[length];
            values[index] = 1f;
            return values;
        }
    }

    /// <summary>The generated TrainStep, which no runtime interface declares, for the generic <see cref="Workload"/>.</summary>
    public interface ITrainStep
    {
        /// <summary>One fused SGD step on one sample; returns its loss before the step.</summary>
        float TrainStep(ReadOnlySpan<float> input, ReadOnlySpan<float> target, float learningRate);
    }

    /// <summary>A small controller-sized network: every layer straight-line code.</summary>
    [Network(4, 8, 3, Hidden = Activation.ReLU, Output = Activation.Softmax, Loss = Loss.CrossEntropy)]
    public partial class BenchSmallNet : ITrainStep
    {
    }

    /// <summary>A mid-sized network whose layers run through the runtime's kernels.</summary>
    [Network(64, 128, 128, 10, Hidden = Activation.ReLU, Output = Activation.Softmax, Loss = Loss.CrossEntropy)]
    public partial class BenchMediumNet : ITrainStep
    {
    }

    /// <summary><see cref="BenchSmallNet"/> with Deterministic = true.</summary>
    [Network(4, 8, 3, Hidden = Activation.ReLU, Output = Activation.Softmax, Loss = Loss.CrossEntropy, Deterministic = true)]
    public partial class BenchSmallDeterministicNet : ITrainStep
    {
    }

    /// <summary><see cref="BenchMediumNet"/> with Deterministic = true.</summary>
    [Network(64, 128, 128, 10, Hidden = Activation.ReLU, Output = Activation.Softmax, Loss = Loss.CrossEntropy, Deterministic = true)]
    public partial class BenchMediumDeterministicNet : ITrainStep
    {
    }
}
