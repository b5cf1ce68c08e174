using System;
using System.Collections.Generic;
using StaticNet.Generator.Model;
using StaticNet.Generator.Planning;

namespace StaticNet.Generator.Emit;

/// <summary>
/// Writes a tiny layer planned as <see cref="LayerStrategy.Registers"/> without touching memory between its sums and its
/// activations: each unit's sum goes into a local, then an activation with a runtime vector function (σ, tanh: see
/// <see cref="ActivationTable"/>) runs on whole vectors of them, and any other a scalar expression per unit.
/// </summary>
/// <remarks>
/// The vector width is chosen from what the hardware computes, with <c>IsHardwareAccelerated</c> tests that the JIT
/// and NativeAOT both fold to constants, so only one branch is compiled: one Vector256 for five to eight units where
/// 256-bit vectors are hardware, Vector128s where 128-bit ones are, otherwise one unit at a time. A Vector256 on a
/// machine without AVX (a default NativeAOT build for x64) is emulated element by element, thirty times slower than
/// the scalar code.
/// </remarks>
internal static class RegisterLayerEmitter
{
    private const string Intrinsics = "global::System.Runtime.Intrinsics";

    /// <summary>
    /// Writes the layer. <paramref name="input"/> spells a[l−1]_k; <paramref name="destination"/> spells where a[l]_j
    /// goes, and <paramref name="declare"/> says whether that is a new <c>float</c> local.
    /// </summary>
    public static void Emit(CodeWriter writer, LayerPlan plan, float slope, Func<int, string> input, Func<int, string> destination, bool declare)
    {
        LayerSpec layer = plan.Layer;
        string prefix = declare ? "float " : string.Empty;
        if (plan.UsesVectors && layer.ByColumns)
        {
            EmitByColumns(writer, plan, slope, input, destination, declare);
            return;
        }

        if (!plan.UsesVectors || !ActivationFormulas.HasVectorFunction(layer.Activation))
        {
            EmitScalarUnits(writer, layer, slope, input, destination, prefix);
            return;
        }

        string z = Names.Z(layer.Index);
        for (int j = 0; j < layer.Size; j++)
        {
            writer.Line($"float {LayerCode.ElementLocal(z, j)} = {LayerCode.UnrolledSum(layer, j, input)};");
        }

        if (declare)
        {
            DeclareDestinations(writer, layer, destination);
        }

        string padding = layer.Size % 4 == 0 ? "" : "; padding lanes hold g(0) and are never read";
        writer.Comment($"Vectors as wide as the hardware computes (constant tests: one branch is compiled){padding}.");
        string vector128Test = $"if ({Intrinsics}.Vector128.IsHardwareAccelerated)";
        if (layer.Size > 4)
        {
            using (writer.Open($"if ({Intrinsics}.Vector256.IsHardwareAccelerated)"))
            {
                EmitVectors(writer, layer, slope, "Vector256", 8, destination);
            }

            vector128Test = "else " + vector128Test;
        }

        using (writer.Open(vector128Test))
        {
            EmitVectors(writer, layer, slope, "Vector128", 4, destination);
        }

        using (writer.Open("else"))
        {
            for (int j = 0; j < layer.Size; j++)
            {
                writer.Line($"{destination(j)} = {ActivationFormulas.Scalar(layer.Activation, LayerCode.ElementLocal(z, j), slope)};");
            }
        }
    }

    /// <summary>
    /// A layer stored by columns: the sums come out of the column code already in vectors, so g runs on them there;
    /// the scalar form is the same expressions as a layer stored by rows, reading W by columns.
    /// </summary>
    private static void EmitByColumns(CodeWriter writer, LayerPlan plan, float slope, Func<int, string> input, Func<int, string> destination, bool declare)
    {
        LayerSpec layer = plan.Layer;
        if (declare)
        {
            DeclareDestinations(writer, layer, destination);
        }

        ColumnLayerEmitter.EmitForward(writer, plan, slope, input, destination, activate: true, () => EmitScalarUnits(writer, layer, slope, input, destination, string.Empty));
    }

    /// <summary>a[l]_j = g(z[l]_j) one unit at a time, each sum written out; <paramref name="prefix"/> declares the locals.</summary>
    private static void EmitScalarUnits(CodeWriter writer, LayerSpec layer, float slope, Func<int, string> input, Func<int, string> destination, string prefix)
    {
        for (int j = 0; j < layer.Size; j++)
        {
            writer.Line($"{prefix}{destination(j)} = {ActivationFormulas.Scalar(layer.Activation, LayerCode.UnrolledSum(layer, j, input), slope)};");
        }
    }

    /// <summary>Declares the locals a[l]_j before the branches that assign them.</summary>
    private static void DeclareDestinations(CodeWriter writer, LayerSpec layer, Func<int, string> destination)
    {
        var locals = new List<string>();
        for (int j = 0; j < layer.Size; j++)
        {
            locals.Add(destination(j));
        }

        writer.Line($"float {string.Join(", ", locals)};");
    }

    /// <summary>a[l] = g(z[l]) through vectors of <paramref name="lanes"/> sums, the last one padded with zeros.</summary>
    private static void EmitVectors(CodeWriter writer, LayerSpec layer, float slope, string width, int lanes, Func<int, string> destination)
    {
        string z = Names.Z(layer.Index);
        for (int start = 0; start < layer.Size; start += lanes)
        {
            var sums = new List<string>();
            for (int lane = 0; lane < lanes; lane++)
            {
                sums.Add(start + lane < layer.Size ? LayerCode.ElementLocal(z, start + lane) : "0f");
            }

            string vector = Activations(layer, start);
            string create = $"{Intrinsics}.{width}.Create({string.Join(", ", sums)})";
            writer.Line($"{Intrinsics}.{width}<float> {vector} = {ActivationFormulas.Vector(layer.Activation, $"{Intrinsics}.{width}", create, slope)};");
            for (int j = start; j < Math.Min(start + lanes, layer.Size); j++)
            {
                writer.Line($"{destination(j)} = {vector}[{Literals.Int(j - start)}];");
            }
        }
    }

    /// <summary>The vector holding a[l] from unit <paramref name="start"/> on, e.g. <c>a1From0</c>.</summary>
    private static string Activations(LayerSpec layer, int start) => $"{Names.A(layer.Index)}From{Literals.Int(start)}";
}
