using StaticNet.Generator.Model;

namespace StaticNet.Generator.Planning;

/// <summary>How one layer is computed in each pass, decided once by <see cref="NetworkPlan"/>.</summary>
internal enum LayerStrategy
{
    /// <summary>Unrolled, with the sums and activations kept in locals and vector registers: no scratch at all.</summary>
    Registers,

    /// <summary>One expression per unit with every index a constant, then the activation over the whole layer.</summary>
    StraightLine,

    /// <summary>A SIMD kernel call (<c>DenseKernels</c>) on the layer's slices of the parameters and scratch.</summary>
    Kernel,
}

/// <summary>
/// The decisions that shape the code of one layer: everything an emitter needs to choose, computed once from the
/// <see cref="NetworkSpec"/> and read, never re-derived, by every emitter.
/// </summary>
internal sealed class LayerPlan
{
    public LayerPlan(LayerSpec layer, bool isOutput, LayerStrategy inference, LayerStrategy training, bool keepsPreActivation, bool readsInputFromRegisters, bool usesVectors)
    {
        UsesVectors = usesVectors;
        Layer = layer;
        IsOutput = isOutput;
        Inference = inference;
        Training = training;
        KeepsPreActivation = keepsPreActivation;
        ReadsInputFromRegisters = readsInputFromRegisters;
    }

    /// <summary>The layer's sizes, activation and place in the parameters.</summary>
    public LayerSpec Layer { get; }

    /// <summary>1-based index l.</summary>
    public int Index => Layer.Index;

    /// <summary>Whether this is layer L, whose activations are ŷ.</summary>
    public bool IsOutput { get; }

    /// <summary>How <c>Forward</c> computes the layer.</summary>
    public LayerStrategy Inference { get; }

    /// <summary>How <c>ForwardLayers</c> (the forward half of training) computes the layer; a[l] is stored either way.</summary>
    public LayerStrategy Training { get; }

    /// <summary>
    /// Whether its products are written out (straight-line or registers) rather than a kernel call; the backward pass
    /// of one sample follows the same choice (unrolled BP2–BP4, or the kernels).
    /// </summary>
    public bool IsUnrolled => Inference != LayerStrategy.Kernel;

    /// <summary>
    /// Whether training stores z[l] beside a[l]: the ReLU family reads g' from z, and an output layer with softmax or
    /// with binary cross-entropy gives its loss from the logits in a numerically stable form.
    /// </summary>
    public bool KeepsPreActivation { get; }

    /// <summary>Whether <c>Forward</c> reads a[l−1] from the register locals of the layer before (not from memory).</summary>
    public bool ReadsInputFromRegisters { get; }

    /// <summary>Whether training drops units of this layer's output (a hidden layer with a dropout rate above 0).</summary>
    public bool HasDropout => Layer.HasDropout;

    /// <summary>
    /// Whether training keeps a[l] as it was before dropout beside the dropped a[l] that the next layer reads: where g'
    /// is read from a (σ, tanh), it must be the a that g computed.
    /// </summary>
    public bool KeepsActivationBeforeDropout => HasDropout && ActivationTable.Of(Layer.Activation).Derivative == DerivativeSource.Activation;

    /// <summary>Whether this layer's straight-line code may use System.Runtime.Intrinsics vectors (see <see cref="NetworkPlan.UsesVectors"/>).</summary>
    public bool UsesVectors { get; }
}
