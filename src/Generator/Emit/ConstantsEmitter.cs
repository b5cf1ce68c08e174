using System.Collections.Generic;
using StaticNet.Generator.Model;

namespace StaticNet.Generator.Emit;

/// <summary>
/// One weight layer l as its constants state it: where <see cref="ParameterLayout"/> puts it, how the comment above
/// the constants names it, e.g. "Layer 1 (4 → 5, ReLU)", and whether W is stored by columns.
/// </summary>
internal sealed record LayerConstants(LayerLayout Layout, string Description, bool ByColumns = false);

/// <summary>
/// Writes a network's public constants (sizes, parameter count, where each layer lives in Parameters) and its
/// LayerSizes: the part of the API that the network and its shell (<see cref="ShellEmitter"/>) share.
/// </summary>
internal static class ConstantsEmitter
{
    public static void Emit(CodeWriter writer, IReadOnlyList<int> layerSizes, int parameterCount, IReadOnlyList<LayerConstants> layers)
    {
        writer.Summary("The number of inputs, n0.");
        writer.Line($"public const int InputSize = {(layerSizes.Count > 0 ? layerSizes[0] : 0)};");
        writer.Line();
        writer.Summary("The number of outputs, nL.");
        writer.Line($"public const int OutputSize = {(layerSizes.Count > 0 ? layerSizes[layerSizes.Count - 1] : 0)};");
        writer.Line();
        writer.Summary("The number of weights and biases: Σ_l (n[l−1] + 1)·n[l].");
        writer.Line($"public const int ParameterCount = {parameterCount};");
        writer.Line();
        writer.Summary("The number of weight layers (the layer sizes minus the input).");
        writer.Line($"public const int LayerCount = {layers.Count};");
        foreach (LayerConstants constants in layers)
        {
            LayerLayout layer = constants.Layout;
            int l = layer.Index;
            writer.Line();
            string order = constants.ByColumns ? $"stored by columns (column k at k·{layer.Size})" : "row-major";
            writer.Comment($"{constants.Description}: W[{l}] is {layer.Size} × {layer.InputSize}, {order}, followed by b[{l}].");
            writer.Line();
            writer.Summary($"The number of units in layer {l}, n{l}.");
            writer.Line($"public const int Layer{l}Size = {layer.Size};");
            writer.Line();
            writer.Summary($"Where W[{l}] starts in Parameters.");
            writer.Line($"public const int Layer{l}WeightsOffset = {layer.WeightsOffset};");
            writer.Line();
            writer.Summary($"The number of entries of W[{l}], n{l} × n{l - 1}.");
            writer.Line($"public const int Layer{l}WeightsLength = {layer.WeightsLength};");
            writer.Line();
            writer.Summary($"Where b[{l}] starts in Parameters; it has Layer{l}Size entries.");
            writer.Line($"public const int Layer{l}BiasesOffset = {layer.BiasesOffset};");
        }

        writer.Line();
        writer.Summary("The layer sizes, input first, as written in the attribute.");
        writer.Line($"public static global::System.ReadOnlySpan<int> LayerSizes => new int[] {{ {string.Join(", ", layerSizes)} }};");
    }
}
