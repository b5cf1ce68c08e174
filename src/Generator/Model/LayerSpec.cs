namespace StaticNet.Generator.Model;

/// <summary>
/// One weight layer l (1-based): z[l] = W[l]·a[l−1] + b[l], a[l] = g(z[l]), with W[l] stored row-major
/// (<see cref="Size"/> × <see cref="InputSize"/>) at <see cref="WeightsOffset"/> and b[l] right after it.
/// </summary>
internal sealed record LayerSpec(int Index, int InputSize, int Size, Activation Activation, int WeightsOffset)
{
    public int WeightsLength => Size * InputSize;

    public int BiasesOffset => WeightsOffset + WeightsLength;

    /// <summary>The offset of the next layer's weights.</summary>
    public int EndOffset => BiasesOffset + Size;
}
