using System;

namespace StaticNet;

/// <summary>
/// What every generated network offers, so that optimizers, the gradient check and training helpers work with
/// any architecture. Parameters and gradients share one layout: W[1], b[1], W[2], b[2], …, each W[l] in the
/// order <see cref="GetWeightOrder"/> names; <see cref="NetworkWeights"/> reads and writes each layer in PyTorch's order.
/// </summary>
public interface INetwork
{
    /// <summary>The number of inputs, n0.</summary>
    int InputSize { get; }

    /// <summary>The number of outputs, nL.</summary>
    int OutputSize { get; }

    /// <summary>The number of weights and biases in <see cref="Parameters"/>.</summary>
    int ParameterCount { get; }

    /// <summary>The layer sizes, input first: layer l's weights are [LayerSizes[l] × LayerSizes[l−1]].</summary>
    ReadOnlySpan<int> LayerSizes { get; }

    /// <summary>
    /// All weights and biases in one contiguous buffer, layer by layer: W[l] (in the order of
    /// <see cref="GetWeightOrder"/>), then b[l]. Optimizers step it element by element; to read or write one layer in
    /// PyTorch's order, use <see cref="NetworkWeights.GetWeights"/> and <see cref="NetworkWeights.SetWeights"/>.
    /// </summary>
    Span<float> Parameters { get; }

    /// <summary>How W[<paramref name="layer"/>] is laid out in <see cref="Parameters"/> (and in a gradient).</summary>
    /// <param name="layer">The weight layer, 1 to LayerSizes.Length − 1.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="layer"/> names no weight layer.</exception>
    WeightOrder GetWeightOrder(int layer);

    /// <summary>Re-initialises every parameter deterministically from <paramref name="seed"/>.</summary>
    void Initialize(int seed);

    /// <summary>Computes ŷ for one sample. Allocates nothing and is safe to call from several threads at once.</summary>
    void Forward(ReadOnlySpan<float> input, Span<float> output);

    /// <summary>Runs one sample forward and backward, adds ∂C/∂θ into <paramref name="gradient"/> and returns C.</summary>
    float Backward(ReadOnlySpan<float> input, ReadOnlySpan<float> target, Span<float> gradient);

    /// <summary>
    /// Like <see cref="Backward(ReadOnlySpan{float}, ReadOnlySpan{float}, Span{float})"/>, and also writes ∂C/∂x
    /// into <paramref name="inputGradient"/> (pass an empty span to skip it).
    /// </summary>
    float Backward(ReadOnlySpan<float> input, ReadOnlySpan<float> target, Span<float> gradient, Span<float> inputGradient);

    /// <summary>
    /// Given any upstream gradient ∂L/∂ŷ, adds ∂L/∂θ into <paramref name="gradient"/> and writes ∂L/∂x into
    /// <paramref name="inputGradient"/> (an empty span skips it).
    /// </summary>
    void Backpropagate(ReadOnlySpan<float> input, ReadOnlySpan<float> outputGradient, Span<float> gradient, Span<float> inputGradient);

    /// <summary>The network's loss C(ŷ, y) for one output and target.</summary>
    float Loss(ReadOnlySpan<float> output, ReadOnlySpan<float> target);
}
