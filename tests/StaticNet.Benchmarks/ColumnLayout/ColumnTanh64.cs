using System;
using StaticNet.CompilerServices;

namespace StaticNet.Benchmarks.ColumnLayout;

/// <summary>
/// The generated <see cref="Tanh64"/> (64-64-64, tanh) written as the generator would emit it with W stored by
/// columns: each kernel layer is one call of the column kernel a frozen network's Predict uses
/// (<see cref="FrozenLayers.Forward"/>), which keeps the sums of all 64 units in vector accumulators, adds one
/// broadcast input times one column at a time, and applies tanh to the accumulators before storing them.
/// </summary>
/// <remarks>
/// With 64 units a column is four Vector512 (one cache line each), so <see cref="FrozenLayers"/>'s padded layout
/// pads nothing: b[l] then W[l][:,0], W[l][:,1], … is exactly <see cref="ColumnOrder"/>, 4160 floats per layer as in
/// PyTorch's order, and the parameters are cache-line aligned (<see cref="ParameterMemory"/>) as the generated
/// network's are.
/// </remarks>
public sealed class ColumnTanh64
{
    /// <summary>The number of weights and biases, the same as <see cref="Tanh64.ParameterCount"/>.</summary>
    public const int ParameterCount = 2 * LayerLength;

    /// <summary>The floats of one layer: b (64), then 64 columns of 64.</summary>
    public const int LayerLength = 65 * 64;

    private static ReadOnlySpan<int> Sizes => new[] { 64, 64, 64 };

    private readonly float[] _buffer = ParameterMemory.Allocate(ParameterCount);

    /// <summary>Creates the network from parameters in PyTorch's order (a generated <see cref="Tanh64"/>'s Parameters).</summary>
    /// <param name="pytorchOrder">W[1] row-major, b[1], W[2] row-major, b[2]: 8320 floats.</param>
    /// <exception cref="ArgumentException">The span is not 8320 floats long.</exception>
    public ColumnTanh64(ReadOnlySpan<float> pytorchOrder) => ColumnOrder.FromPyTorchOrder(Sizes, pytorchOrder, Parameters);

    /// <summary>All weights and biases in the column order.</summary>
    public Span<float> Parameters => ParameterMemory.View(_buffer, ParameterCount);

    /// <summary>Computes ŷ for one sample; allocates nothing and only reads the parameters.</summary>
    /// <param name="input">x, exactly 64 values.</param>
    /// <param name="output">Receives ŷ, exactly 64 values.</param>
    /// <exception cref="ArgumentException">A span has the wrong length.</exception>
    public void Forward(ReadOnlySpan<float> input, Span<float> output)
    {
        SpanLength.Require(input, 64, nameof(input));
        SpanLength.Require(output, 64, nameof(output));
        Span<float> a1 = stackalloc float[64];
        ReadOnlySpan<float> p = Parameters;

        // Layer 1 (64 → 64, Tanh), column kernel: a[1] = tanh(b[1] + Σ_k x_k · W[1][:, k])
        FrozenLayers.Forward(p.Slice(0, LayerLength), input, a1, Activation.Tanh, 0f);

        // Layer 2 (64 → 64, Tanh), column kernel: ŷ = a[2] = tanh(b[2] + Σ_k a[1]_k · W[2][:, k])
        FrozenLayers.Forward(p.Slice(LayerLength, LayerLength), a1, output, Activation.Tanh, 0f);
    }
}
