using System.Collections.Generic;

namespace StaticNet.Generator.Planning;

/// <summary>What a per-sample buffer of layer l holds.</summary>
internal enum BufferKind
{
    /// <summary>a[l] = g(z[l]).</summary>
    Activation,

    /// <summary>z[l], kept where backpropagation reads it.</summary>
    PreActivation,

    /// <summary>δ[l] = ∂C/∂z[l].</summary>
    Error,

    /// <summary>Dropout's factor per unit of a[l] (0 for a dropped unit, 1/(1 − p) for a kept one), which BP2 multiplies δ[l] by.</summary>
    DropoutMask,

    /// <summary>a[l] before dropout, kept where g' is read from a (a[l] itself then holds the dropped activations).</summary>
    BeforeDropout,
}

/// <summary>
/// Which per-sample buffers each generated method needs (a[l], z[l], δ[l]) and where they live. Sizes are constants,
/// so small networks take their scratch from the stack; beyond <see cref="StackLimit"/> floats a per-thread array,
/// allocated once per thread, keeps deep stacks safe while still allocating nothing per call.
/// </summary>
internal sealed class ScratchPlan
{
    /// <summary>
    /// The stack budget: 4,096 floats, 16 KiB. Hosts that call into user code on small-stack threads (audio callbacks,
    /// game-engine job workers, musl's 128 KiB default; the smallest seen in practice is 64 KiB) leave room for it and
    /// for the callers' frames; 64 KiB of scratch overflowed a 96 KiB thread. Above it, one array per thread takes over,
    /// whose cost (a thread-static read per call) is nothing next to the work of a layer that large.
    /// </summary>
    public const int StackLimit = 4 * 1024;

    private ScratchPlan(List<Buffer> inference, List<Buffer> activations, List<Buffer> training, List<Buffer> backwardLayers)
    {
        Inference = inference;
        Activations = activations;
        Training = training;
        BackwardLayers = backwardLayers;
    }

    /// <summary>Buffers of <c>Forward</c>: the hidden activations not kept in registers; the output goes to the caller's span.</summary>
    public IReadOnlyList<Buffer> Inference { get; }

    /// <summary>What <c>ForwardLayers</c> fills for training: every a[l], z[l] where kept, dropout's masks and a[l] before dropout where kept.</summary>
    public IReadOnlyList<Buffer> Activations { get; }

    /// <summary>Buffers of <c>Backward</c>/<c>Backpropagate</c>: <see cref="Activations"/> and every error δ[l].</summary>
    public IReadOnlyList<Buffer> Training { get; }

    /// <summary>
    /// What <c>BackwardLayers</c> reads and writes, in its parameter order: z[l] (where kept) and a[l] of every hidden
    /// layer, then every δ[l]. The output layer's a and z were consumed by BP1.
    /// </summary>
    public IReadOnlyList<Buffer> BackwardLayers { get; }

    public int InferenceLength => LengthOf(Inference);

    public int TrainingLength => LengthOf(Training);

    /// <summary>True when the training scratch is too large for the stack and a per-thread array is used instead.</summary>
    public bool UsesThreadScratch => TrainingLength > StackLimit;

    public static ScratchPlan For(IReadOnlyList<LayerPlan> layers)
    {
        var inference = new List<Buffer>();
        var activations = new List<Buffer>();
        var deltas = new List<Buffer>();
        var backwardLayers = new List<Buffer>();
        foreach (LayerPlan plan in layers)
        {
            int l = plan.Index;
            int length = plan.Layer.Size;
            if (!plan.IsOutput && plan.Inference != LayerStrategy.Registers)
            {
                inference.Add(new Buffer(BufferKind.Activation, l, length));
            }

            if (plan.KeepsPreActivation)
            {
                activations.Add(new Buffer(BufferKind.PreActivation, l, length));
                if (!plan.IsOutput)
                {
                    backwardLayers.Add(activations[activations.Count - 1]);
                }
            }

            activations.Add(new Buffer(BufferKind.Activation, l, length));
            if (!plan.IsOutput)
            {
                backwardLayers.Add(activations[activations.Count - 1]);
            }

            // Dropout is on hidden layers only; BP2 reads the mask, and g' reads a[l] as g computed it.
            if (plan.HasDropout)
            {
                activations.Add(new Buffer(BufferKind.DropoutMask, l, length));
                backwardLayers.Add(activations[activations.Count - 1]);
                if (plan.KeepsActivationBeforeDropout)
                {
                    activations.Add(new Buffer(BufferKind.BeforeDropout, l, length));
                    backwardLayers.Add(activations[activations.Count - 1]);
                }
            }

            deltas.Add(new Buffer(BufferKind.Error, l, length));
        }

        var training = new List<Buffer>(activations);
        training.AddRange(deltas);
        backwardLayers.AddRange(deltas);
        return new ScratchPlan(inference, activations, training, backwardLayers);
    }

    private static int LengthOf(IReadOnlyList<Buffer> buffers)
    {
        int length = 0;
        foreach (Buffer buffer in buffers)
        {
            length += buffer.Length;
        }

        return length;
    }

    /// <summary>One slice of scratch: what it holds, for which layer, and how many floats (the layer's size).</summary>
    internal sealed record Buffer(BufferKind Kind, int Layer, int Length);
}
