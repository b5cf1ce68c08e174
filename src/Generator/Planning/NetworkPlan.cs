using System.Collections.Generic;
using StaticNet.Generator.Model;

namespace StaticNet.Generator.Planning;

/// <summary>
/// The analysis between the model and the emitters, as the Regex generator's tree analysis sits between its parser and
/// its emitter: from a <see cref="NetworkSpec"/> it decides, once, how every layer is computed in each pass, which
/// buffers each method needs and where they live, whether the parameters are aligned, and which form BP1 takes.
/// Emitters read these decisions; none re-derives them.
/// </summary>
internal sealed class NetworkPlan
{
    /// <summary>
    /// Layers with at most this many weights are written as straight-line code, one expression per unit with every
    /// index folded to a constant. Past it, loops with constant bounds keep the source (and the JIT's work) small.
    /// </summary>
    public const int UnrollWeightLimit = 64;

    /// <summary>
    /// Unrolled layers of at most this many units keep their sums and activations in locals and vector registers
    /// (one Vector256, or two Vector128 where 256-bit vectors are not hardware), never in memory: for a 4-5-3
    /// network the stack round trips and the calls into the layer kernels cost more than the arithmetic.
    /// </summary>
    public const int RegisterUnitLimit = 8;

    /// <summary>
    /// A frozen network whose layers all have at most this many units (and at most <see cref="UnrollWeightLimit"/>
    /// weights) predicts with its weights as constant vectors, one per column of W: z = b + Σ_k x_k·W[:,k], each term
    /// one multiply-add of a broadcast input with a constant, and the activation on the whole vector. One Vector256
    /// holds a layer of eight units; a Vector128, one of four.
    /// </summary>
    public const int ConstantColumnUnitLimit = 8;

    private NetworkPlan(NetworkSpec spec, IReadOnlyList<LayerPlan> layers, bool alignsParameters, ScratchPlan scratch, OutputErrorPlan outputError, bool usesVectors)
    {
        Spec = spec;
        UsesVectors = usesVectors;
        Layers = layers;
        AlignsParameters = alignsParameters;
        Scratch = scratch;
        OutputError = outputError;
        Predict = PredictLayout.For(spec, layers);
        TrainStepInRegisters = TrainsInRegisters(layers, outputError);
        ConstantColumnLanes = usesVectors ? ConstantColumnLanesOf(spec) : 0;
    }

    /// <summary>
    /// Whether generated code may use System.Runtime.Intrinsics (register layers and unrolled gradient rows in vectors,
    /// constant columns). Without them (netstandard2.1) every layer is written in its scalar form, which is also what
    /// the vector forms fall back to where the hardware has no vectors, and kernel layers call the runtime, whose
    /// netstandard2.1 build computes them with scalar code.
    /// </summary>
    public bool UsesVectors { get; }

    /// <summary>The network as declared.</summary>
    public NetworkSpec Spec { get; }

    /// <summary>One plan per weight layer, layer 1 first.</summary>
    public IReadOnlyList<LayerPlan> Layers { get; }

    /// <summary>Layer L.</summary>
    public LayerPlan OutputLayer => Layers[Layers.Count - 1];

    /// <summary>
    /// Whether the parameters get a cache-line-aligned view (<c>ParameterMemory</c>): only the SIMD kernels load whole
    /// rows as vectors. Fully unrolled networks read one float at a time, and for them the aligned view's address
    /// arithmetic would sit in front of every load (about 4 ns of a 40 ns forward pass).
    /// </summary>
    public bool AlignsParameters { get; }

    /// <summary>
    /// Floats the parameter buffer keeps after the parameters (<see cref="ColumnOrder.Overhang"/> where a layer is stored
    /// by columns, whose vector loads and stores may run past the last parameter; otherwise 0).
    /// </summary>
    public int ParameterOverhang
    {
        get
        {
            foreach (LayerPlan layer in Layers)
            {
                if (layer.Layer.ByColumns)
                {
                    return ColumnOrder.Overhang;
                }
            }

            return 0;
        }
    }

    /// <summary>The per-sample buffers of each method and where they live.</summary>
    public ScratchPlan Scratch { get; }

    /// <summary>The form of BP1.</summary>
    public OutputErrorPlan OutputError { get; }

    /// <summary>
    /// Whether <c>TrainStep</c> keeps a[l] and δ[l] in locals from the forward pass to the step, with no scratch
    /// between the passes: every layer computed in registers for training (so none keeps z[l]), none dropping units,
    /// and BP1 written per unit. A step's loads of W wait for the previous step's stores, so the step is one chain of
    /// dependent work, and each round trip through the stack lengthens it.
    /// </summary>
    public bool TrainStepInRegisters { get; }

    /// <summary>Where a frozen network's <c>Predict</c> reads the weights it does not write as constants.</summary>
    public PredictLayout Predict { get; }

    /// <summary>
    /// How a frozen network's <c>Predict</c> is written: 0 runs Forward's layers over TrainedParameters; 4 or 8 writes
    /// every layer as constant columns in vectors of that many lanes (Vector128 or Vector256), where the hardware
    /// accelerates them, and Forward's layers otherwise. Only tiny networks qualify: there the time is the chain of
    /// dependent sums and the loads of W, which constant columns turn into one multiply-add per input.
    /// </summary>
    public int ConstantColumnLanes { get; }

    /// <summary>The plan of layer <paramref name="index"/> (1-based).</summary>
    public LayerPlan Layer(int index) => Layers[index - 1];

    /// <summary>The plan of <paramref name="spec"/> for the default compilation: a current .NET with vector intrinsics.</summary>
    public static NetworkPlan For(NetworkSpec spec) => For(spec, CompilationCapabilities.Latest);

    /// <summary>The plan of <paramref name="spec"/> for a compilation with <paramref name="capabilities"/>.</summary>
    public static NetworkPlan For(NetworkSpec spec, CompilationCapabilities capabilities)
    {
        int count = spec.Layers.Count;
        var layers = new List<LayerPlan>(count);
        bool alignsParameters = false;
        bool previousInRegisters = false;
        foreach (LayerSpec layer in spec.Layers)
        {
            bool isOutput = layer.Index == count;
            bool unrolled = IsUnrolled(layer);
            bool keepsPreActivation = KeepsPreActivation(spec, layer, isOutput);

            // Forward keeps a layer in registers only when whatever reads its activations reads them one by one: the
            // output span, or the next layer's straight-line sums.
            bool inRegisters = FitsInRegisters(layer) && (isOutput || IsUnrolled(spec.Layers[layer.Index]));
            LayerStrategy inference = inRegisters ? LayerStrategy.Registers : unrolled ? LayerStrategy.StraightLine : LayerStrategy.Kernel;

            // Training stores a[l] either way, but computes it in registers only when no z[l] has to be kept.
            LayerStrategy training = FitsInRegisters(layer) && !keepsPreActivation
                ? LayerStrategy.Registers
                : unrolled ? LayerStrategy.StraightLine : LayerStrategy.Kernel;

            layers.Add(new LayerPlan(layer, isOutput, inference, training, keepsPreActivation, previousInRegisters, capabilities.VectorIntrinsics));
            previousInRegisters = inRegisters;
            alignsParameters |= !unrolled;
        }

        LayerPlan output = layers[count - 1];
        return new NetworkPlan(spec, layers, alignsParameters, ScratchPlan.For(layers), OutputErrorPlan.For(spec, output.IsUnrolled), capabilities.VectorIntrinsics);
    }

    /// <summary>See <see cref="ConstantColumnLanes"/>.</summary>
    private static int ConstantColumnLanesOf(NetworkSpec spec)
    {
        // Deterministic networks predict with Forward's layers, whose sums are the same at every width.
        if (!spec.IsFrozen || spec.Deterministic)
        {
            return 0;
        }

        int widest = 0;
        foreach (LayerSpec layer in spec.Layers)
        {
            if (!IsUnrolled(layer) || layer.Size > ConstantColumnUnitLimit)
            {
                return 0;
            }

            widest = System.Math.Max(widest, layer.Size);
        }

        return widest <= 4 ? 4 : 8;
    }

    /// <summary>See <see cref="TrainStepInRegisters"/>.</summary>
    private static bool TrainsInRegisters(IReadOnlyList<LayerPlan> layers, OutputErrorPlan outputError)
    {
        if (!outputError.UnrolledForOneSample)
        {
            return false;
        }

        foreach (LayerPlan layer in layers)
        {
            if (layer.Training != LayerStrategy.Registers || layer.HasDropout)
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsUnrolled(LayerSpec layer) => layer.WeightsLength <= UnrollWeightLimit;

    /// <summary>The layer's own conditions for registers: unrolled, at most <see cref="RegisterUnitLimit"/> units, element-wise.</summary>
    private static bool FitsInRegisters(LayerSpec layer) =>
        IsUnrolled(layer) && layer.Size <= RegisterUnitLimit && ActivationTable.Of(layer.Activation).IsElementwise;

    private static bool KeepsPreActivation(NetworkSpec spec, LayerSpec layer, bool isOutput) =>
        ActivationTable.Of(layer.Activation).Derivative == DerivativeSource.PreActivation ||
        (isOutput && (!ActivationTable.Of(layer.Activation).IsElementwise || spec.Loss == Loss.BinaryCrossEntropy));
}
