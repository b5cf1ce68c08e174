using StaticNet.Generator.Model;

namespace StaticNet.Generator.Emit;

/// <summary>Names and shapes shared by the forward and backward emitters for one layer.</summary>
internal static class LayerCode
{
    /// <summary>
    /// Layers with at most this many weights are written as straight-line code, one expression per unit with every
    /// index folded to a constant. Past it, loops with constant bounds keep the source (and the JIT's work) small.
    /// </summary>
    public const int UnrollWeightLimit = 64;

    public static bool IsUnrolled(LayerSpec layer) => layer.WeightsLength <= UnrollWeightLimit;

    /// <summary>How the layer's products are computed, for the layer comment.</summary>
    public static string Strategy(LayerSpec layer) =>
        IsUnrolled(layer) ? "unrolled" : "SIMD kernel";

    /// <summary>W[l] as a slice of <paramref name="buffer"/> (the parameters or the gradient).</summary>
    public static string WeightsSlice(LayerSpec layer, string buffer) =>
        $"{buffer}.Slice(Layer{layer.Index}WeightsOffset, Layer{layer.Index}WeightsLength)";

    /// <summary>b[l] as a slice of <paramref name="buffer"/> (the parameters or the gradient).</summary>
    public static string BiasesSlice(LayerSpec layer, string buffer) =>
        $"{buffer}.Slice(Layer{layer.Index}BiasesOffset, Layer{layer.Index}Size)";

    /// <summary>The variable holding a[l−1]: the method's input for the first layer.</summary>
    public static string Input(LayerSpec layer) => layer.Index == 1 ? "input" : ScratchPlan.A(layer.Index - 1);

    /// <summary>a[l−1] as the equations write it.</summary>
    public static string InputSymbol(LayerSpec layer) => layer.Index == 1 ? "x" : $"a[{layer.Index - 1}]";

    public static string InputSizeConstant(LayerSpec layer) => ScratchPlan.SizeConstant(layer.Index - 1);

    public static string SizeConstant(LayerSpec layer) => ScratchPlan.SizeConstant(layer.Index);

    public static string WeightsOffset(LayerSpec layer) => $"Layer{layer.Index}WeightsOffset";

    public static string BiasesOffset(LayerSpec layer) => $"Layer{layer.Index}BiasesOffset";

    /// <summary>The flat index of W[l][j,k] in the parameter buffer.</summary>
    public static int WeightIndex(LayerSpec layer, int j, int k) => layer.WeightsOffset + (j * layer.InputSize) + k;

    public static string Describe(LayerSpec layer) =>
        $"Layer {layer.Index} ({layer.InputSize} → {layer.Size}, {layer.Activation})";
}
