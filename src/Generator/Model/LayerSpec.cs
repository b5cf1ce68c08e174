namespace StaticNet.Generator.Model;

/// <summary>
/// One weight layer l (1-based): z[l] = W[l]·a[l−1] + b[l], a[l] = g(z[l]), with W[l] and b[l] where
/// <see cref="Layout"/> (from <see cref="ParameterLayout"/>) puts them.
/// </summary>
internal sealed record LayerSpec(LayerLayout Layout, Activation Activation)
{
    /// <summary>1-based index l.</summary>
    public int Index => Layout.Index;

    /// <summary>n[l−1].</summary>
    public int InputSize => Layout.InputSize;

    /// <summary>n[l].</summary>
    public int Size => Layout.Size;

    public int WeightsOffset => Layout.WeightsOffset;

    public int WeightsLength => Layout.WeightsLength;

    public int BiasesOffset => Layout.BiasesOffset;

    /// <summary>
    /// The dropout rate p of the layer's output while training, in [0, 1); 0 for none and for the output layer.
    /// </summary>
    public float Dropout { get; init; }

    /// <summary>
    /// Whether W[l] is stored by columns (W[j,k] at <see cref="WeightsOffset"/> + k·n[l] + j) rather than in PyTorch's
    /// rows; chosen by <see cref="Planning.ColumnOrder"/>.
    /// </summary>
    public bool ByColumns { get; init; }

    /// <summary>Whether training drops units of this layer.</summary>
    public bool HasDropout => Dropout > 0f;

    /// <summary>The offset of the next layer's weights.</summary>
    public int EndOffset => Layout.EndOffset;
}
