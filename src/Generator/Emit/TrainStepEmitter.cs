using System.Collections.Generic;
using System.Threading;
using StaticNet.Generator.Model;
using StaticNet.Generator.Planning;

namespace StaticNet.Generator.Emit;

/// <summary>
/// The fused per-sample training step, <c>TrainStep</c>: forward, BP1, then for each layer from the last BP2 and
/// θ ← θ − η·∂C/∂θ in place, so plain SGD needs no gradient buffer. BP1 comes from
/// <see cref="OutputErrorEmitter"/>, BP2 and the rows from <see cref="LayerGradientEmitter"/>, as for <c>Backward</c>;
/// only the order and the target of the rows differ.
/// </summary>
internal static class TrainStepEmitter
{
    /// <summary>The local holding −η, which turns the gradient's "add δ·aᵀ" into the descent step.</summary>
    private const string NegativeRate = "negativeRate";

    public static void EmitTrainStep(CodeWriter writer, NetworkPlan plan)
    {
        NetworkSpec spec = plan.Spec;
        writer.Line();
        writer.Summary($"One step of plain SGD on one sample, fused with backpropagation: θ ← θ − η·∂C/∂θ in place, layer by layer, and returns C ({spec.Loss}) before the step.");
        writer.Doc($"<param name=\"input\">x, {DocText.Values(spec.InputSize)}.</param>");
        writer.Doc($"<param name=\"target\">y, {DocText.Values(spec.OutputSize)}.</param>");
        writer.Doc("<param name=\"learningRate\">η.</param>");
        writer.Doc("<returns>The sample's loss C, computed with the parameters before the step.</returns>");
        writer.Doc("<exception cref=\"global::System.ArgumentException\">A span has the wrong length.</exception>");
        writer.Doc("<remarks>Equal to Backward into a cleared gradient then Sgd(η).Step within rounding, without the gradient buffer. It writes Parameters: do not call it from several threads at once.</remarks>");
        using (writer.Open(PublicApi.TrainStep))
        {
            writer.Line($"{RuntimeContract.Require}(input, InputSize, nameof(input));");
            writer.Line($"{RuntimeContract.Require}(target, OutputSize, nameof(target));");
            if (plan.TrainStepInRegisters)
            {
                EmitBodyInRegisters(writer, plan);
                return;
            }

            ScratchEmitter.EmitScratchAndForward(writer, plan);
            writer.Line();
            OutputErrorEmitter.EmitOutputErrorFromLoss(writer, plan);
            writer.Line();
            writer.Line($"DescendLayers({string.Join(", ", ScratchEmitter.BackwardLayersArguments(plan, "-learningRate"))});");
            writer.Line("return loss;");
        }
    }

    /// <summary>
    /// The step of a network whose every layer trains in registers (<see cref="NetworkPlan.TrainStepInRegisters"/>):
    /// forward, BP1 and the descent written out in one body, with a[l] and δ[l] in locals throughout.
    /// </summary>
    private static void EmitBodyInRegisters(CodeWriter writer, NetworkPlan plan)
    {
        writer.Comment("a[l] and δ[l] stay in locals from the forward pass to the step: nothing goes through memory but the parameters.");
        writer.Line($"{PublicApi.Span} p = Parameters;");
        writer.Line($"float {LayerGradientEmitter.ReadInto("input", plan.Spec.InputSize)}, {NegativeRate} = -learningRate;");
        foreach (LayerPlan layer in plan.Layers)
        {
            writer.Line();
            ForwardLayerEmitter.WriteHeader(writer, layer, LayerStrategy.Registers);
            string previous = LayerCode.Input(layer.Layer);
            string a = Names.A(layer.Index);
            RegisterLayerEmitter.Emit(writer, layer, plan.Spec.LeakySlope, k => LayerCode.ElementLocal(previous, k), j => LayerCode.ElementLocal(a, j), declare: true);
        }

        writer.Line();
        OutputErrorEmitter.EmitOutputErrorInLocals(writer, plan);
        writer.Line();
        EmitOrderComment(writer);
        for (int i = plan.Layers.Count - 1; i >= 0; i--)
        {
            writer.Line();
            EmitLayer(writer, plan, plan.Layers[i], i > 0 ? plan.Layers[i - 1] : null, inLocals: true);
        }

        writer.Line("return loss;");
    }

    public static void EmitDescendLayers(CodeWriter writer, NetworkPlan plan, CancellationToken cancellationToken)
    {
        if (plan.TrainStepInRegisters)
        {
            return;
        }

        List<string> parameters = ScratchEmitter.SpanParameters(plan.Scratch.BackwardLayers);
        parameters.Add($"float {NegativeRate}");

        writer.Summary("From δ[L], steps every layer's b[l] and W[l] by −η times its gradient, from the last layer to the first.");
        writer.Line("[global::System.Runtime.CompilerServices.MethodImpl(global::System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]");
        using (writer.Open($"private void DescendLayers({string.Join(", ", parameters)})"))
        {
            EmitOrderComment(writer);
            writer.Line($"{PublicApi.Span} p = Parameters;");
            for (int i = plan.Layers.Count - 1; i >= 0; i--)
            {
                cancellationToken.ThrowIfCancellationRequested();
                writer.Line();
                EmitLayer(writer, plan, plan.Layers[i], i > 0 ? plan.Layers[i - 1] : null, inLocals: false);
            }
        }
    }

    private static void EmitOrderComment(CodeWriter writer)
    {
        writer.Comment("Order matters: BP2 for layer l−1 reads W[l], so each layer's δ goes down first and its own W and b");
        writer.Comment("are stepped after, from the last layer to the first. Stepping W[l] before BP2 would give δ[l−1] from");
        writer.Comment("the new weights, which is not ∂C/∂θ at the θ the forward pass used.");
    }

    /// <summary>
    /// BP2 into the layer below, then the step of one layer. <paramref name="inLocals"/>: δ[l] and a[l−1] are locals
    /// already, and δ[l−1] becomes locals too; otherwise they are read from and written to the scratch spans.
    /// </summary>
    private static void EmitLayer(CodeWriter writer, NetworkPlan plan, LayerPlan layerPlan, LayerPlan? belowPlan, bool inLocals)
    {
        LayerSpec layer = layerPlan.Layer;
        int l = layer.Index;
        string delta = Names.Delta(l);
        string input = LayerCode.Input(layer);
        writer.Comment(LayerCode.Describe(layer) + ", " + LayerCode.Strategy(layerPlan.IsUnrolled ? LayerStrategy.StraightLine : LayerStrategy.Kernel));
        if (layerPlan.IsUnrolled && !inLocals)
        {
            LayerGradientEmitter.EmitReadIntoLocals(writer, layer);
        }

        if (belowPlan is not null)
        {
            LayerGradientEmitter.EmitHiddenError(writer, plan, layerPlan, belowPlan, intoLocals: inLocals);
            writer.Line();
        }

        writer.Comment($"Then the step: b[{l}] −= η·δ[{l}], W[{l}] −= η·δ[{l}]·{LayerCode.InputSymbol(layer)}ᵀ.");
        if (layerPlan.IsUnrolled)
        {
            string step = "step" + l;
            var declarators = new List<string>();
            for (int j = 0; j < layer.Size; j++)
            {
                declarators.Add($"{LayerCode.ElementLocal(step, j)} = {NegativeRate} * {LayerCode.ElementLocal(delta, j)}");
            }

            writer.Line($"float {string.Join(", ", declarators)};");
            LayerGradientEmitter.EmitUnrolledRows(writer, layerPlan, "p", step, $"−η·δ[{l}]", $"Row j of W[{l}] moves by −η·δ[{l}]_j·{LayerCode.InputSymbol(layer)}ᵀ");
            return;
        }

        // δ[l] is no longer needed once BP2 has read it, so it is scaled in place into −η·δ[l] and the gradient kernel
        // adds (−η·δ)·aᵀ straight into the parameters.
        using (writer.Open($"for (int j = 0; j < {LayerCode.SizeConstant(layer)}; j++)"))
        {
            writer.Line($"{delta}[j] *= {NegativeRate};");
        }


        writer.Line($"{LayerCode.AccumulateGradientKernel(layer)}({delta}, {input}, {LayerCode.WeightsSlice(layer, "p")}, {LayerCode.BiasesSlice(layer, "p")}, 1);");
    }
}
