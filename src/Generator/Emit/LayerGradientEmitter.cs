using System.Collections.Generic;
using StaticNet.Generator.Model;
using StaticNet.Generator.Planning;

namespace StaticNet.Generator.Emit;

/// <summary>
/// BP2–BP4 of one layer, everywhere they are written: the parameter gradient (BP3, BP4) and the error of the layer
/// below (BP2) for one sample, unrolled or by kernels; ∂C/∂x; the rows of an unrolled layer into any target (the
/// gradient, or the parameters for a descent step); and the same equations for one block of a batch.
/// <c>BackwardLayers</c>, <c>DescendLayers</c> and <c>BackwardBatch</c> all write their layers through here.
/// </summary>
internal static class LayerGradientEmitter
{
    /// <summary>
    /// Lanes of one vector in the unrolled ∂C/∂W rows. Vector128 rather than Vector256: it is hardware on x64 and
    /// ARM64 (SSE, NEON), and most rows of a layer small enough to unroll are not eight wide anyway. Where it is not
    /// (32-bit ARM, or DOTNET_EnableHWIntrinsic=0) the rows are written one float at a time.
    /// </summary>
    private const int GradientLanes = 4;

    private const string Vector128 = "global::System.Runtime.Intrinsics.Vector128";

    internal static void EmitParameterGradients(CodeWriter writer, LayerPlan plan)
    {
        LayerSpec layer = plan.Layer;
        int l = layer.Index;
        string delta = Names.Delta(l);
        string input = LayerCode.Input(layer);
        writer.Comment(LayerCode.Describe(layer) + ", " + LayerCode.Strategy(plan.IsUnrolled ? LayerStrategy.StraightLine : LayerStrategy.Kernel));
        writer.Comment($"BP3: ∂C/∂b[{l}] = δ[{l}]");
        writer.Comment($"BP4: ∂C/∂W[{l}] = δ[{l}]·{LayerCode.InputSymbol(layer)}ᵀ");
        if (plan.IsUnrolled)
        {
            EmitReadIntoLocals(writer, layer);
            EmitUnrolledRows(writer, plan, "gradient", delta, $"δ[{l}]", $"Row j of ∂C/∂W[{l}] is δ[{l}]_j·{LayerCode.InputSymbol(layer)}ᵀ");
            return;
        }

        writer.Line($"{LayerCode.AccumulateGradientKernel(layer)}({delta}, {input}, {LayerCode.WeightsSlice(layer, "gradient")}, {LayerCode.BiasesSlice(layer, "gradient")}, 1);");
    }

    /// <summary>Reads δ[l] and a[l−1] of an unrolled layer into locals (<see cref="ReadInto"/>), for its rows and its BP2.</summary>
    internal static void EmitReadIntoLocals(CodeWriter writer, LayerSpec layer)
    {
        // Read once into locals: gradient could alias these spans as far as the JIT knows, so after every store
        // into it each δ and a would be loaded again.
        writer.Line($"float {ReadInto(Names.Delta(layer.Index), layer.Size)};");
        writer.Line($"float {ReadInto(LayerCode.Input(layer), layer.InputSize)};");
    }

    /// <summary>
    /// target[b_j] += s_j and target[W_jk] += s_j·a[l−1]_k for an unrolled layer, with s_j the local
    /// <c>{scale}_j</c> (δ[l]_j for a gradient, −η·δ[l]_j for a descent step), vectorised where Vector128 is hardware.
    /// </summary>
    internal static void EmitUnrolledRows(CodeWriter writer, LayerPlan plan, string target, string scale, string stepSymbol, string rowComment)
    {
        LayerSpec layer = plan.Layer;
        if (plan.UsesVectors && layer.ByColumns)
        {
            // Only the parameters have the buffer's overhang after them; a gradient is the caller's span.
            ColumnLayerEmitter.EmitRows(writer, plan, target, scale, stepSymbol, mayOverhang: target == "p", () => EmitGradientRows(writer, layer, 0, target, scale, rowComment));
            return;
        }

        int vectorLanes = plan.UsesVectors ? layer.InputSize / GradientLanes * GradientLanes : 0;
        if (vectorLanes == 0)
        {
            EmitGradientRows(writer, layer, 0, target, scale, rowComment);
            return;
        }

        // A constant test for the JIT and NativeAOT: only one branch is compiled.
        using (writer.Open($"if ({Vector128}.IsHardwareAccelerated)"))
        {
            EmitGradientRows(writer, layer, vectorLanes, target, scale, rowComment);
        }

        using (writer.Open("else"))
        {
            EmitGradientRows(writer, layer, 0, target, scale, rowComment);
        }
    }

    /// <summary>
    /// BP3 and BP4 for an unrolled layer from the locals of δ[l] and a[l−1]: the first <paramref name="vectorLanes"/>
    /// columns of each row of ∂C/∂W as Vector128s, the rest one by one.
    /// </summary>
    private static void EmitGradientRows(CodeWriter writer, LayerSpec layer, int vectorLanes, string target, string scale, string rowComment)
    {
        string input = LayerCode.Input(layer);
        if (vectorLanes > 0)
        {
            // Row j of ∂C/∂W is δ_j times the same a[l−1]: a quarter as many loads and stores, four lanes at a time.
            writer.Comment($"{rowComment}, {GradientLanes} lanes at a time, then the rest one by one.");
            for (int k = 0; k < vectorLanes; k += GradientLanes)
            {
                var lanes = new List<string>();
                for (int lane = 0; lane < GradientLanes; lane++)
                {
                    lanes.Add(LayerCode.ElementLocal(input, k + lane));
                }

                writer.Line($"{Vector128}<float> {Lanes(input, k)} = {Vector128}.Create({string.Join(", ", lanes)});");
            }
        }

        for (int j = 0; j < layer.Size; j++)
        {
            string factor = LayerCode.ElementLocal(scale, j);
            writer.Line($"{target}[{layer.BiasesOffset + j}] += {factor};");
            for (int k = 0; k < vectorLanes; k += GradientLanes)
            {
                // Create<float>, not Create: before C# 13 a Span argument does not infer T through ReadOnlySpan<T>.
                string row = $"{target}.Slice({LayerCode.WeightIndex(layer, j, k)}, {GradientLanes})";
                writer.Line($"{Vector128}.CopyTo({Vector128}.Create<float>({row}) + {factor} * {Lanes(input, k)}, {row});");
            }

            for (int k = vectorLanes; k < layer.InputSize; k++)
            {
                writer.Line($"{target}[{LayerCode.WeightIndex(layer, j, k)}] += {factor} * {LayerCode.ElementLocal(input, k)};");
            }
        }
    }

    /// <summary>
    /// BP2: δ[l−1] = (W[l]ᵀ·δ[l]) ⊙ g'(z[l−1]), into the span δ[l−1], or for an unrolled layer
    /// <paramref name="intoLocals"/> into new locals of it (a train step in registers).
    /// </summary>
    internal static void EmitHiddenError(CodeWriter writer, NetworkPlan plan, LayerPlan layerPlan, LayerPlan belowPlan, bool intoLocals = false)
    {
        LayerSpec layer = layerPlan.Layer;
        LayerSpec below = belowPlan.Layer;
        float slope = plan.Spec.LeakySlope;
        int l = layer.Index;
        int h = below.Index;
        string a = Names.A(h);
        string z = Names.Z(h);
        string target = Names.Delta(h);
        writer.Comment($"BP2: δ[{h}] = (W[{l}]ᵀ·δ[{l}]) ⊙ g'(z[{h}]){DropoutEmitter.ErrorFactor(belowPlan)}, with {ActivationFormulas.DerivativeEquation(below.Activation, h, slope)}.");
        if (layerPlan.IsUnrolled)
        {
            for (int k = 0; k < layer.InputSize; k++)
            {
                string sum = TransposedProduct(layer, k);
                // The locals of a[h] hold what layer l read, the dropped activations; g' reads a[h] as g computed it.
                string activation = belowPlan.KeepsActivationBeforeDropout ? $"{Names.BeforeDropout(h)}[{k}]" : LayerCode.ElementLocal(a, k);
                string error = ActivationFormulas.TimesDerivative(below.Activation, sum, activation, $"{z}[{k}]", slope);
                string destination = intoLocals ? $"float {LayerCode.ElementLocal(target, k)}" : $"{target}[{k}]";
                writer.Line($"{destination} = {DropoutEmitter.TimesMask(belowPlan, error, k)};");
            }

            return;
        }

        EmitTransposedProductKernel(writer, layer, target);
        string? derivative = ActivationFormulas.MultiplyDerivative(below.Activation, target, DropoutEmitter.ActivationForDerivative(belowPlan), z, slope);
        if (derivative is not null)
        {
            writer.Line(derivative);
        }

        DropoutEmitter.EmitErrorMask(writer, belowPlan);
    }

    internal static void EmitInputGradient(CodeWriter writer, LayerPlan plan)
    {
        LayerSpec layer = plan.Layer;
        writer.Comment("∂C/∂x = W[1]ᵀ·δ[1], only when the caller asked for it.");
        using (writer.Open("if (!inputGradient.IsEmpty)"))
        {
            if (plan.IsUnrolled)
            {
                for (int k = 0; k < layer.InputSize; k++)
                {
                    writer.Line($"inputGradient[{k}] = {TransposedProduct(layer, k)};");
                }
            }
            else
            {
                EmitTransposedProductKernel(writer, layer, "inputGradient");
            }
        }
    }

    /// <summary>The local holding lanes <paramref name="start"/>… of <paramref name="span"/> as a Vector128, e.g. <c>a1Lanes0</c>.</summary>
    private static string Lanes(string span, int start) => $"{span}Lanes{start}";

    /// <summary>Declarators reading every element of <paramref name="span"/> into its own local, e.g. <c>a1_0 = a1[0], a1_1 = a1[1]</c>.</summary>
    internal static string ReadInto(string span, int length)
    {
        var declarators = new List<string>();
        for (int k = 0; k < length; k++)
        {
            declarators.Add($"{LayerCode.ElementLocal(span, k)} = {span}[{k}]");
        }

        return string.Join(", ", declarators);
    }

    /// <summary>Σ_j W[l][j,k]·δ[l]_j as one expression over the locals of δ[l], for unrolled layers.</summary>
    private static string TransposedProduct(LayerSpec layer, int k)
    {
        string delta = Names.Delta(layer.Index);
        var terms = new List<string>();
        for (int j = 0; j < layer.Size; j++)
        {
            terms.Add($"p[{LayerCode.WeightIndex(layer, j, k)}] * {LayerCode.ElementLocal(delta, j)}");
        }

        return LayerCode.BalancedSum(terms);
    }

    /// <summary>target = W[l]ᵀ·δ[l], the SIMD kernel streaming W in the order it is stored.</summary>
    private static void EmitTransposedProductKernel(CodeWriter writer, LayerSpec layer, string target)
    {
        writer.Line($"{LayerCode.BackpropagateErrorKernel(layer)}({LayerCode.WeightsSlice(layer, "p")}, {Names.Delta(layer.Index)}, {target}, 1);");
    }

    /// <summary>BP3 and BP4 of one layer for a block (∂W += δᵀ·A), then BP2 into the layer below (δ·W ⊙ g').</summary>
    internal static void EmitBatchLayer(CodeWriter writer, NetworkPlan plan, LayerPlan layerPlan, LayerPlan? belowPlan)
    {
        LayerSpec layer = layerPlan.Layer;
        int l = layer.Index;
        string delta = Names.Delta(l);
        string input = l == 1 ? "x" : Names.A(l - 1);
        writer.Comment($"{LayerCode.Describe(layer)}: BP3 ∂J/∂b[{l}] = Σ_s δ[{l}]_s, BP4 ∂J/∂W[{l}] = δ[{l}]ᵀ·{(l == 1 ? "X" : $"A[{l - 1}]")}");
        writer.Line($"{LayerCode.AccumulateGradientKernel(layer)}({delta}, {input}, {LayerCode.WeightsSlice(layer, "gradient")}, {LayerCode.BiasesSlice(layer, "gradient")}, n);");
        if (belowPlan is null)
        {
            return;
        }

        LayerSpec below = belowPlan.Layer;
        float slope = plan.Spec.LeakySlope;
        int h = below.Index;
        writer.Comment($"BP2: δ[{h}] = δ[{l}]·W[{l}] ⊙ g'(z[{h}]){DropoutEmitter.ErrorFactor(belowPlan)}, with {ActivationFormulas.DerivativeEquation(below.Activation, h, slope)}.");
        writer.Line($"{LayerCode.BackpropagateErrorKernel(layer)}({LayerCode.WeightsSlice(layer, "p")}, {delta}, {Names.Delta(h)}, n);");
        string? derivative = ActivationFormulas.MultiplyDerivative(below.Activation, Names.Delta(h), DropoutEmitter.ActivationForDerivative(belowPlan), Names.Z(h), slope);
        if (derivative is not null)
        {
            writer.Line(derivative);
        }

        DropoutEmitter.EmitErrorMask(writer, belowPlan);
    }
}
