using System;
using Xunit;

namespace StaticNet.Tests;

/// <summary>
/// A network's float gradient against backpropagation in double precision (<see cref="DoubleReference"/>), for any
/// network type: shared by the smooth-activation, regression-loss and architecture-property tests, and by the
/// portable build's test project, which compiles these files against the netstandard2.1 runtime.
/// </summary>
internal static class GradientReference
{
    /// <summary>
    /// Backward on a random sample (drawn as the gradient-check tests draw it) against the double-precision reference,
    /// each entry within <paramref name="tolerance"/> of the largest (float32 rounding, e.g. σ' = a(1 − a) read from a
    /// saturated a, stays far below it; a wrong formula is off by the entry itself).
    /// </summary>
    internal static void AssertGradientMatchesReference(INetwork network, int seed, float scale, double tolerance = 1e-5)
    {
        var random = new DeterministicRandom(seed);
        float[] input = GradientCheckTests.RandomVector(network.InputSize, ref random, scale);
        float[] target = GradientCheckTests.RandomDistribution(network.OutputSize, ref random);
        var computed = new float[network.ParameterCount];
        float loss = network.Backward(input, target, computed);

        // The reference indexes every W by rows, as PyTorch does; the network may keep a layer's W by columns.
        float[] gradient = PyTorchOrder.Of(network, computed);

        var attribute = (NetworkAttribute)Attribute.GetCustomAttribute(network.GetType(), typeof(NetworkAttribute))!;
        float[] parameters = PyTorchOrder.ParametersOf(network);
        int[] sizes = network.LayerSizes.ToArray();
        Activation[] activations = ActivationsOf(network);
        (double exactLoss, double[] exact) = attribute.Loss == Loss.MeanSquaredError
            ? DoubleReference.LossGradient(parameters, sizes, activations, input, target)
            : (DoubleReference.Loss(Array.ConvertAll(parameters, v => (double)v), sizes, activations, attribute.Loss, input, target, attribute.HuberDelta),
               DoubleReference.NumericalGradient(parameters, sizes, activations, attribute.Loss, input, target, attribute.HuberDelta));
        Assert.Equal(exactLoss, loss, 1e-5 * Math.Max(1, exactLoss));
        double largest = 0;
        foreach (double g in exact)
        {
            largest = Math.Max(largest, Math.Abs(g));
        }

        for (int i = 0; i < exact.Length; i++)
        {
            Assert.True(Math.Abs(gradient[i] - exact[i]) <= tolerance * Math.Max(largest, 1e-3), $"{network.GetType().Name} seed {seed}: ∂C/∂θ[{i}] = {gradient[i]:G9}, exact {exact[i]:G9}");
        }
    }

    internal static Activation[] ActivationsOf(INetwork network)
    {
        var attribute = (NetworkAttribute)Attribute.GetCustomAttribute(network.GetType(), typeof(NetworkAttribute))!;
        if (attribute.Activations is { } explicitActivations)
        {
            return explicitActivations;
        }

        var activations = new Activation[attribute.LayerSizes.Length - 1];
        Array.Fill(activations, attribute.Hidden);
        activations[^1] = attribute.Output;
        return activations;
    }
}
