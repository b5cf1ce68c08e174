using System;

namespace StaticNet;

/// <summary>
/// Asks the StaticNet source generator to compile a fixed fully connected network into the annotated
/// <c>partial</c> class: constants for every size, one contiguous parameter buffer, and allocation-free
/// <c>Forward</c>, <c>Backward</c> and <c>Backpropagate</c> methods.
/// </summary>
/// <example>
/// <code>
/// [Network(4, 5, 3, Hidden = Activation.ReLU, Output = Activation.Softmax, Loss = Loss.CrossEntropy)]
/// public partial class IrisNet { }
/// </code>
/// </example>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class NetworkAttribute : Attribute
{
    /// <summary>Declares a network with the given layer sizes, input layer first and output layer last.</summary>
    /// <param name="layerSizes">At least two sizes, each at least 1: input, hidden layers…, output.</param>
    public NetworkAttribute(params int[] layerSizes)
    {
        LayerSizes = layerSizes;
    }

    /// <summary>The layer sizes, input layer first.</summary>
    public int[] LayerSizes { get; }

    /// <summary>The activation of every hidden layer, unless <see cref="Activations"/> is set. Default <see cref="Activation.Sigmoid"/>.</summary>
    public Activation Hidden { get; set; } = Activation.Sigmoid;

    /// <summary>The activation of the output layer, unless <see cref="Activations"/> is set. Default <see cref="Activation.Sigmoid"/>.</summary>
    public Activation Output { get; set; } = Activation.Sigmoid;

    /// <summary>The loss that <c>Backward</c> and <c>Loss</c> compute. Default <see cref="StaticNet.Loss.MeanSquaredError"/>.</summary>
    public Loss Loss { get; set; } = Loss.MeanSquaredError;

    /// <summary>
    /// One activation per non-input layer (so one fewer than the layer sizes). When set, it overrides
    /// <see cref="Hidden"/> and <see cref="Output"/>.
    /// </summary>
    public Activation[]? Activations { get; set; }

    /// <summary>The slope of <see cref="Activation.LeakyReLU"/> for negative inputs. Default 0.01; must be finite.</summary>
    public float LeakySlope { get; set; } = 0.01f;

    /// <summary>
    /// The dropout rate p of every hidden layer's output, unless <see cref="Dropouts"/> is set: while training
    /// (<c>Backward</c>, <c>Backpropagate</c>, <c>TrainStep</c>, <c>BackwardBatch</c>) each hidden unit is dropped with
    /// probability p and the kept ones are multiplied by 1/(1 − p), as PyTorch's <c>nn.Dropout(p)</c> in training mode;
    /// <c>Forward</c>, <c>ForwardBatch</c> and <c>Predict</c> never drop. Default 0 (no dropout); must be in [0, 1).
    /// </summary>
    public float Dropout { get; set; }

    /// <summary>
    /// One dropout rate per hidden layer (so two fewer than the layer sizes), each in [0, 1) and 0 for none. When set,
    /// it overrides <see cref="Dropout"/>.
    /// </summary>
    public float[]? Dropouts { get; set; }

    /// <summary>
    /// The δ of <see cref="StaticNet.Loss.Huber"/>, where the loss turns from quadratic to linear: PyTorch's
    /// <c>HuberLoss(delta=δ)</c>. Default 1; must be finite and positive. Other losses ignore it (warning SN0035).
    /// </summary>
    public float HuberDelta { get; set; } = 1f;

    /// <summary>
    /// The path of a JSON weights file (a PyTorch <c>state_dict</c> written with
    /// <c>json.dump({k: v.tolist() for k, v in model.state_dict().items()}, f)</c>) whose values are compiled into
    /// the network, which then starts from them and gains a static <c>Predict</c>. Relative to the project
    /// directory; the file must also be listed as <c>&lt;AdditionalFiles Include="..." /&gt;</c>. Default null:
    /// the network starts from seeded random weights.
    /// </summary>
    public string? Weights { get; set; }

    /// <summary>
    /// Whether every method of the network gives bitwise identical results on every machine the package runs on, for
    /// the same inputs, parameters and seeds: at every vector width (512, 256, 128 bits or none), with or without
    /// hardware FMA, under the JIT and NativeAOT. The network then sums in one order at every width, rounds every
    /// multiply-add of its kernels once (fused), and evaluates exp, tanh, log and erf with the package's own
    /// polynomials rather than the platform's math library. Default false: the fastest code for each machine, equal
    /// across machines within rounding. See docs/guarantees.md for exactly what is covered.
    /// </summary>
    public bool Deterministic { get; set; }
}
