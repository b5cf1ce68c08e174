using System.Collections.Generic;
using StaticNet.Generator.Model;

namespace StaticNet.Generator.Emit;

/// <summary>
/// Which per-sample buffers each generated method needs (a[l], z[l], δ[l]) and where they live. Sizes are constants,
/// so small networks take their scratch from the stack; beyond <see cref="StackLimit"/> floats a per-thread array,
/// allocated once per thread, keeps deep stacks safe while still allocating nothing per call.
/// </summary>
internal sealed class ScratchPlan
{
    /// <summary>64 KiB of floats: well inside the 1 MiB default stack of a .NET thread, even with callers' frames.</summary>
    public const int StackLimit = 16 * 1024;

    private ScratchPlan(List<Buffer> forward, List<Buffer> training)
    {
        Forward = forward;
        Training = training;
    }

    /// <summary>Buffers of <c>Forward</c>: hidden activations and kept pre-activations; the output goes to the caller's span.</summary>
    public IReadOnlyList<Buffer> Forward { get; }

    /// <summary>Buffers of <c>Backward</c>/<c>Backpropagate</c>: every activation, kept pre-activation and error δ.</summary>
    public IReadOnlyList<Buffer> Training { get; }

    public int ForwardLength => LengthOf(Forward);

    public int TrainingLength => LengthOf(Training);

    /// <summary>True when the training scratch is too large for the stack and a per-thread array is used instead.</summary>
    public bool UsesThreadScratch => TrainingLength > StackLimit;

    public static string A(int layer) => "a" + Literals.Int(layer);

    public static string Z(int layer) => "z" + Literals.Int(layer);

    public static string Delta(int layer) => "delta" + Literals.Int(layer);

    /// <summary>
    /// Whether the forward pass stores z[l] apart from a[l]: the ReLU family reads g' from z (backprop.md), softmax is
    /// computed from the whole of z, and binary cross-entropy is computed from the logits for stability.
    /// </summary>
    public static bool KeepsPreActivation(NetworkSpec spec, LayerSpec layer)
    {
        if (layer.KeepsPreActivation)
        {
            return true;
        }

        return layer.Index == spec.Layers.Count &&
               (layer.Activation == ActivationKind.Softmax || spec.Loss == LossKind.BinaryCrossEntropy);
    }

    public static ScratchPlan For(NetworkSpec spec)
    {
        var forward = new List<Buffer>();
        var activations = new List<Buffer>();
        var deltas = new List<Buffer>();
        foreach (LayerSpec layer in spec.Layers)
        {
            string size = SizeConstant(layer.Index);
            if (KeepsPreActivation(spec, layer))
            {
                forward.Add(new Buffer(Z(layer.Index), size, layer.Size));
                activations.Add(new Buffer(Z(layer.Index), size, layer.Size));
            }

            if (layer.Index < spec.Layers.Count)
            {
                forward.Add(new Buffer(A(layer.Index), size, layer.Size));
            }

            activations.Add(new Buffer(A(layer.Index), size, layer.Size));
            deltas.Add(new Buffer(Delta(layer.Index), size, layer.Size));
        }

        activations.AddRange(deltas);
        return new ScratchPlan(forward, activations);
    }

    /// <summary>The name of the generated constant holding the size of layer <paramref name="layer"/> (0 = input).</summary>
    public static string SizeConstant(int layer) => layer == 0 ? "InputSize" : "Layer" + Literals.Int(layer) + "Size";

    private static int LengthOf(IReadOnlyList<Buffer> buffers)
    {
        int length = 0;
        foreach (Buffer buffer in buffers)
        {
            length += buffer.Length;
        }

        return length;
    }

    /// <summary>One named slice of scratch.</summary>
    internal sealed record Buffer(string Name, string SizeConstant, int Length);
}
