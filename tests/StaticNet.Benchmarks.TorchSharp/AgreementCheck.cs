using System;
using System.Globalization;
using System.Linq;

namespace StaticNet.Benchmarks.TorchSharp;

/// <summary>
/// Shows that the benchmark's two sides do the same work: from the same weights and batch, one step of each StaticNet
/// configuration and of TorchSharp on the same number of threads, for every batch size the benchmark measures. The
/// losses must agree to 1e-5 relative, the gradients to 1e-5 absolute (the learning rate is small, so the updated
/// parameters alone would hide a wrong gradient) and the updated parameters to 1e-4 absolute.
/// </summary>
public static class AgreementCheck
{
    /// <summary>The command-line argument that runs the check instead of the benchmarks (see Program.cs).</summary>
    public const string Argument = "--check";

    private const double LossTolerance = 1e-5, GradientTolerance = 1e-5, ParameterTolerance = 1e-4;

    /// <summary>Runs every comparison, prints one line each, and returns 0 if all agree, 1 otherwise.</summary>
    public static int Run()
    {
        bool agree = true;
        foreach (int batchSize in new[] { 64, 256 })
        {
            foreach (int threads in new[] { 1, 2 })
            {
                agree &= Compare(batchSize, threads);
            }
        }

        Console.WriteLine(agree ? "StaticNet and TorchSharp agree." : "StaticNet and TorchSharp DISAGREE.");
        return agree ? 0 : 1;
    }

    private static bool Compare(int batchSize, int threads)
    {
        (float[] inputs, float[] targets) = TorchSharpTrainingBenchmarks.Batch(batchSize);
        // Inter-op threads can be set only once per process; they take no part in these eager steps.
        TorchSharpTraining.UseThreads(threads, interOpAlso: false);
        using var staticNet = new StaticNetTraining(new Mnist784(1), inputs, targets, threads);
        using var torchSharp = new TorchSharpTraining(staticNet.Network, inputs, targets);
        float[] before = BenchmarkData.InPyTorchOrder(staticNet.Network);

        float staticLoss = staticNet.Step(), torchLoss = torchSharp.Step();

        var staticGradient = new float[Mnist784.ParameterCount];
        staticNet.Network.ToPyTorchOrder(staticNet.Gradient, staticGradient);
        float[] after = BenchmarkData.InPyTorchOrder(staticNet.Network);
        double lossError = Math.Abs(staticLoss - torchLoss) / Math.Abs(torchLoss);
        double gradientError = MaxDifference(staticGradient, torchSharp.Gradient());
        double parameterError = MaxDifference(after, torchSharp.Parameters());
        double largestUpdate = MaxDifference(after, before);
        bool agree = lossError <= LossTolerance && gradientError <= GradientTolerance && parameterError <= ParameterTolerance;

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"batch {batchSize,3}, {threads} thread(s): loss {staticLoss:F7} vs {torchLoss:F7} (relative error {lossError:E1}), " +
            $"gradient max |Δ| {gradientError:E1} (largest |g| {staticGradient.Max(Math.Abs):E1}), " +
            $"parameters max |Δ| {parameterError:E1} (largest update {largestUpdate:E1}): {(agree ? "agree" : "DISAGREE")}"));
        return agree;
    }

    private static double MaxDifference(float[] a, float[] b)
    {
        if (a.Length != b.Length)
        {
            throw new ArgumentException($"Expected {a.Length} values, got {b.Length}.", nameof(b));
        }

        double max = 0;
        for (int i = 0; i < a.Length; i++)
        {
            max = Math.Max(max, Math.Abs(a[i] - b[i]));
        }

        return max;
    }
}
