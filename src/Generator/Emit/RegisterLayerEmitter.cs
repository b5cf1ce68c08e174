using System;
using StaticNet.Generator.Model;

namespace StaticNet.Generator.Emit;

/// <summary>
/// Writes a tiny layer (see <see cref="LayerCode.IsInRegisters"/>) without touching memory between its sums and its
/// activations: the unit sums go straight into one Vector128/Vector256 and through the vectorised σ or tanh, or,
/// for the piecewise-linear activations, through a scalar expression per unit.
/// </summary>
internal static class RegisterLayerEmitter
{
    private const string Intrinsics = "global::System.Runtime.Intrinsics";

    /// <summary>
    /// Writes the layer. <paramref name="input"/> spells a[l−1]_k; <paramref name="destination"/> spells where a[l]_j
    /// goes, and <paramref name="declare"/> says whether that is a new <c>float</c> local.
    /// </summary>
    public static void Emit(CodeWriter writer, LayerSpec layer, float slope, Func<int, string> input, Func<int, string> destination, bool declare)
    {
        string prefix = declare ? "float " : string.Empty;
        string? vectorFunction = layer.Activation switch
        {
            ActivationKind.Sigmoid => "global::StaticNet.Kernels.VectorActivations.Sigmoid",
            ActivationKind.Tanh => "global::StaticNet.Kernels.VectorActivations.Tanh",
            _ => null,
        };

        if (vectorFunction is null)
        {
            for (int j = 0; j < layer.Size; j++)
            {
                writer.Line($"{prefix}{destination(j)} = {ScalarActivation(layer.Activation, LayerCode.UnrolledSum(layer, j, input), slope)};");
            }

            return;
        }

        string width = layer.Size <= 4 ? "Vector128" : "Vector256";
        int lanes = layer.Size <= 4 ? 4 : 8;
        string sums = ScratchPlan.Z(layer.Index) + "Vector";
        string vector = ScratchPlan.A(layer.Index) + "Vector";
        if (layer.Size < lanes)
        {
            writer.Comment($"The last {lanes - layer.Size} lanes are padding: they hold g(0) and are never read.");
        }

        writer.Line($"{Intrinsics}.{width}<float> {sums} = {Intrinsics}.{width}.Create(");
        using (writer.Indent())
        {
            for (int j = 0; j < layer.Size; j++)
            {
                string separator = j < layer.Size - 1 ? "," : string.Concat(System.Linq.Enumerable.Repeat(", 0f", lanes - layer.Size)) + ");";
                writer.Line(LayerCode.UnrolledSum(layer, j, input) + separator);
            }
        }

        writer.Line($"{Intrinsics}.{width}<float> {vector} = {vectorFunction}({sums});");
        for (int j = 0; j < layer.Size; j++)
        {
            writer.Line($"{prefix}{destination(j)} = {vector}[{Literals.Int(j)}];");
        }
    }

    private static string ScalarActivation(ActivationKind activation, string sum, float slope) => activation switch
    {
        ActivationKind.Identity => sum,
        ActivationKind.ReLU => $"global::StaticNet.NetworkMath.ReLU({sum})",
        ActivationKind.LeakyReLU => $"global::StaticNet.NetworkMath.LeakyReLU({sum}, {Literals.Float(slope)})",
        _ => throw new ArgumentOutOfRangeException(nameof(activation), "Softmax layers are never kept in registers."),
    };
}
