using StaticNet.Generator.Model;
using StaticNet.Generator.Planning;

namespace StaticNet.Generator.Emit;

/// <summary>
/// Names and expressions shared by the emitters for one layer: how a layer's slices, sizes and elements are spelled
/// in generated code. It decides nothing; what a layer's code looks like is decided by <see cref="NetworkPlan"/>.
/// </summary>
internal static class LayerCode
{
    /// <summary>
    /// The local holding element <paramref name="index"/> of <paramref name="span"/> in unrolled code, e.g. <c>a1_0</c>:
    /// one spelling for register layers in <c>Forward</c> and for the values <c>Backward</c> reads once.
    /// </summary>
    public static string ElementLocal(string span, int index) => $"{span}_{Literals.Int(index)}";

    /// <summary>How the layer's products are computed, for the layer comment.</summary>
    public static string Strategy(LayerStrategy strategy) => strategy switch
    {
        LayerStrategy.Registers => "unrolled, in registers",
        LayerStrategy.StraightLine => "unrolled",
        _ => "SIMD kernel",
    };

    /// <summary>The one-sample kernel of z = W·a + b for the layer's order of W.</summary>
    public static string ForwardKernel(LayerSpec layer) =>
        layer.ByColumns ? RuntimeContract.ForwardByColumns : RuntimeContract.DenseKernels + ".Forward";

    /// <summary>The batch kernel of Z = A·Wᵀ + b for the layer's order of W.</summary>
    public static string ForwardBatchKernel(LayerSpec layer) =>
        layer.ByColumns ? RuntimeContract.ForwardBatchByColumns : RuntimeContract.DenseKernels + ".ForwardBatch";

    /// <summary>The kernel of BP3/BP4 for the layer's order of W: ∂W += δ·aᵀ by rows, or ∂S += a·δᵀ by columns.</summary>
    public static string AccumulateGradientKernel(LayerSpec layer) =>
        layer.ByColumns ? RuntimeContract.AccumulateGradientByColumns : RuntimeContract.DenseKernels + ".AccumulateGradient";

    /// <summary>The kernel of BP2's product Wᵀ·δ for the layer's order of W.</summary>
    public static string BackpropagateErrorKernel(LayerSpec layer) =>
        layer.ByColumns ? RuntimeContract.BackpropagateErrorByColumns : RuntimeContract.DenseKernels + ".BackpropagateError";

    /// <summary>W[l] as a slice of <paramref name="buffer"/> (the parameters or the gradient).</summary>
    public static string WeightsSlice(LayerSpec layer, string buffer) =>
        $"{buffer}.Slice(Layer{layer.Index}WeightsOffset, Layer{layer.Index}WeightsLength)";

    /// <summary>b[l] as a slice of <paramref name="buffer"/> (the parameters or the gradient).</summary>
    public static string BiasesSlice(LayerSpec layer, string buffer) =>
        $"{buffer}.Slice(Layer{layer.Index}BiasesOffset, Layer{layer.Index}Size)";

    /// <summary>The variable holding a[l−1]: the method's input for the first layer.</summary>
    public static string Input(LayerSpec layer) => layer.Index == 1 ? "input" : Names.A(layer.Index - 1);

    /// <summary>a[l−1] as the equations write it.</summary>
    public static string InputSymbol(LayerSpec layer) => layer.Index == 1 ? "x" : $"a[{layer.Index - 1}]";

    public static string InputSizeConstant(LayerSpec layer) => Names.SizeConstant(layer.Index - 1);

    public static string SizeConstant(LayerSpec layer) => Names.SizeConstant(layer.Index);

    public static string WeightsOffset(LayerSpec layer) => $"Layer{layer.Index}WeightsOffset";

    public static string BiasesOffset(LayerSpec layer) => $"Layer{layer.Index}BiasesOffset";

    /// <summary>The flat index of W[l][j,k] in the parameter buffer, by rows or by columns as the layer stores W.</summary>
    public static int WeightIndex(LayerSpec layer, int j, int k) =>
        layer.WeightsOffset + (layer.ByColumns ? (k * layer.Size) + j : (j * layer.InputSize) + k);

    /// <summary>Where column <paramref name="k"/> of a layer stored by columns starts; k = n[l−1] is b[l], the column after W's last.</summary>
    public static int ColumnOffset(LayerSpec layer, int k) => layer.WeightsOffset + (k * layer.Size);

    /// <summary>
    /// z[l]_j written out: W[l][j,k] · a[l−1]_k for every k, then b[l]_j, with <paramref name="input"/> spelling
    /// a[l−1]_k. The terms are added as a balanced tree, e.g. <c>t0 + t1 + (t2 + t3)</c> rather than
    /// <c>t0 + t1 + t2 + t3</c>: C# adds left to right and the JIT may not reassociate floats, so the written shape is
    /// the dependency chain, and a tiny layer's time is that chain.
    /// </summary>
    public static string UnrolledSum(LayerSpec layer, int j, System.Func<int, string> input)
    {
        var terms = new System.Collections.Generic.List<string>();
        for (int k = 0; k < layer.InputSize; k++)
        {
            terms.Add($"p[{WeightIndex(layer, j, k)}] * {input(k)}");
        }

        terms.Add($"p[{layer.BiasesOffset + j}]");
        return BalancedSum(terms);
    }

    /// <summary>Adds <paramref name="terms"/> as a balanced tree (see <see cref="UnrolledSum"/>).</summary>
    public static string BalancedSum(System.Collections.Generic.List<string> terms) => BalancedSum(terms, 0, terms.Count);

    private static string BalancedSum(System.Collections.Generic.List<string> terms, int start, int count)
    {
        if (count == 1)
        {
            return terms[start];
        }

        // The left half needs no brackets: addition is left-associative, so it is evaluated first anyway.
        int left = (count + 1) / 2;
        string right = BalancedSum(terms, start + left, count - left);
        return BalancedSum(terms, start, left) + " + " + (count - left > 1 ? "(" + right + ")" : right);
    }

    public static string Describe(LayerSpec layer) =>
        $"Layer {layer.Index} ({layer.InputSize} → {layer.Size}, {layer.Activation})";
}
