using System;
using System.Globalization;
using System.Text;
using StaticNet;

// A netstandard2.1 library in C# 9, as a Unity project compiles one: networks declared through the packaged
// generator (which writes the scalar form here) and trained with the packaged runtime. Mono runs it through a
// launcher, .NET through a console project; tests/PackageConsumer/run.sh compares the two printouts line by line.
namespace PortableConsumer
{
    /// <summary>Trains three networks deterministically and returns what it prints.</summary>
    public static class TrainingDemo
    {
        /// <summary>Writes the report to standard output.</summary>
        public static void Run(string[] args) => Console.Write(Report());

        /// <summary>The losses and outputs of three seeded training runs, four decimals each.</summary>
        public static string Report()
        {
            var text = new StringBuilder();
            CultureInfo invariant = CultureInfo.InvariantCulture;

            // XOR with Adam, one sample at a time (Backward into a shared gradient, then one step).
            float[] inputs = { 0, 0, 0, 1, 1, 0, 1, 1 };
            float[] targets = { 0, 1, 1, 0 };
            var xor = new PortableXorNet(1);
            var adam = new Adam(0.05f);
            var gradient = new float[PortableXorNet.ParameterCount];
            for (int step = 1; step <= 400; step++)
            {
                Array.Clear(gradient, 0, gradient.Length);
                float loss = 0;
                for (int i = 0; i < 4; i++)
                {
                    loss += xor.Backward(inputs.AsSpan(2 * i, 2), targets.AsSpan(i, 1), gradient);
                }

                adam.Step(xor.Parameters, gradient);
                if (step % 100 == 0)
                {
                    text.AppendLine(string.Format(invariant, "xor step {0}: loss {1:F4}", step, loss / 4));
                }
            }

            Span<float> output = stackalloc float[1];
            for (int i = 0; i < 4; i++)
            {
                xor.Forward(inputs.AsSpan(2 * i, 2), output);
                text.AppendLine(string.Format(invariant, "xor {0} {1} -> {2:F4}", inputs[2 * i], inputs[(2 * i) + 1], output[0]));
            }

            // A wider regression with the fused TrainStep (plain SGD), whose layers run through the runtime's kernels.
            var random = new DeterministicRandom(11);
            var wide = new PortableWideNet(2);
            var x = new float[PortableWideNet.InputSize];
            var y = new float[PortableWideNet.OutputSize];
            for (int step = 1; step <= 300; step++)
            {
                Sample(ref random, x, y);
                float loss = wide.TrainStep(x, y, 0.01f);
                if (step % 100 == 0)
                {
                    text.AppendLine(string.Format(invariant, "wide step {0}: loss {1:F4}", step, loss));
                }
            }

            // Mini-batches: BackwardBatch's mean gradient, an AdamW step, and ForwardBatch on the trained network.
            const int Batch = 16;
            var batchX = new float[Batch * PortableWideNet.InputSize];
            var batchY = new float[Batch * PortableWideNet.OutputSize];
            var batchGradient = new float[PortableWideNet.ParameterCount];
            var adamW = new AdamW(0.01f, weightDecay: 0.01f);
            for (int step = 1; step <= 60; step++)
            {
                for (int s = 0; s < Batch; s++)
                {
                    Sample(ref random, batchX.AsSpan(s * PortableWideNet.InputSize, PortableWideNet.InputSize), batchY.AsSpan(s * PortableWideNet.OutputSize, PortableWideNet.OutputSize));
                }

                Array.Clear(batchGradient, 0, batchGradient.Length);
                float loss = wide.BackwardBatch(batchX, batchY, batchGradient);
                adamW.Step(wide.Parameters, batchGradient);
                if (step % 20 == 0)
                {
                    text.AppendLine(string.Format(invariant, "batch step {0}: loss {1:F4}", step, loss));
                }
            }

            var predictions = new float[Batch * PortableWideNet.OutputSize];
            wide.ForwardBatch(batchX, predictions);
            text.AppendLine(string.Format(invariant, "batch predictions: {0:F4} {1:F4} {2:F4}", predictions[0], predictions[1], predictions[predictions.Length - 1]));
            return text.ToString();
        }

        // y = (x0·x1 + x2, x3 − x4²) from x uniform in [−1, 1): arithmetic only, so both runtimes make the same data.
        private static void Sample(ref DeterministicRandom random, Span<float> x, Span<float> y)
        {
            for (int i = 0; i < x.Length; i++)
            {
                x[i] = (random.NextSingle() * 2f) - 1f;
            }

            y[0] = (x[0] * x[1]) + x[2];
            y[1] = x[3] - (x[4] * x[4]);
        }
    }

    /// <summary>2-4-1, tanh then σ, binary cross-entropy: the README's XOR network.</summary>
    [Network(2, 4, 1, Hidden = Activation.Tanh, Output = Activation.Sigmoid, Loss = Loss.BinaryCrossEntropy)]
    public partial class PortableXorNet
    {
    }

    /// <summary>8-64-64-2 with GELU and SiLU: layers large enough for the runtime's kernels.</summary>
    [Network(8, 64, 64, 2, Activations = new[] { Activation.GELU, Activation.SiLU, Activation.Identity }, Loss = Loss.MeanSquaredError)]
    public partial class PortableWideNet
    {
    }
}
