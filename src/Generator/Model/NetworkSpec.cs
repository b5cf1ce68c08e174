using System.Linq;

namespace StaticNet.Generator.Model;

/// <summary>
/// Everything the emitter needs to write one network, and nothing else: equatable values only (no symbols, syntax
/// or locations), so an edit elsewhere in the compilation leaves this model equal and its source cached.
/// </summary>
internal sealed record NetworkSpec(
    TypeHierarchy Type,
    EquatableArray<int> LayerSizes,
    EquatableArray<LayerSpec> Layers,
    Loss Loss,
    float LeakySlope,
    UserConstructors UserConstructors,
    string? WeightsPath = null)
{
    /// <summary>
    /// The trained parameters in the layout of Parameters, read from <see cref="WeightsPath"/>; empty until the
    /// weights file is resolved, and for a network that is not frozen.
    /// </summary>
    public FloatValues TrainedParameters { get; init; }

    /// <summary>
    /// Whether the attribute sets Deterministic = true: the same code, calling the runtime's deterministic kernels
    /// (see <c>Emit/DeterministicRuntime</c>), and a frozen Predict that runs Forward's layers.
    /// </summary>
    public bool Deterministic { get; init; }

    /// <summary>The δ of the Huber loss (the attribute's HuberDelta, default 1); unused by the other losses.</summary>
    public float HuberDelta { get; init; } = 1f;

    /// <summary>Whether training drops units of any layer.</summary>
    public bool HasDropout => Layers.Any(layer => layer.HasDropout);

    /// <summary>Whether the network's weights are compiled in (the attribute sets Weights and the file was read).</summary>
    public bool IsFrozen => TrainedParameters.Count > 0;

    public int InputSize => LayerSizes[0];

    public int OutputSize => LayerSizes[LayerSizes.Count - 1];

    public int ParameterCount => Layers[Layers.Count - 1].EndOffset;

    public LayerSpec OutputLayer => Layers[Layers.Count - 1];

    /// <summary>A unique, stable file name for the generated source.</summary>
    public string HintName => Type.HintName;
}
