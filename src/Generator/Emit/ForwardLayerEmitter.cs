using System;
using System.Threading;
using StaticNet.Generator.Model;
using StaticNet.Generator.Planning;

namespace StaticNet.Generator.Emit;

/// <summary>
/// The code of one forward layer, z[l] = W[l]·a[l−1] + b[l], a[l] = g(z[l]), in each form the plan chooses (registers,
/// straight-line sums, a kernel, a frozen network's columns, one batch block), and the one-sample forward body built
/// from them. <see cref="ForwardPassEmitter"/>, <see cref="FrozenEmitter"/> and <see cref="BatchEmitter"/> write their
/// methods around this code; it calls none of them.
/// </summary>
internal static class ForwardLayerEmitter
{
    /// <summary>
    /// The body of a one-sample forward pass reading the parameters from <paramref name="parameters"/>: the
    /// instance's Parameters in <c>Forward</c>, the compiled-in TrainedParameters in a frozen network's <c>Predict</c>.
    /// Given a <paramref name="predictLayout"/>, the layers it lays out by columns are computed from that layout.
    /// </summary>
    public static void EmitForwardBody(CodeWriter writer, NetworkPlan plan, string parameters, CancellationToken cancellationToken, PredictLayout? predictLayout = null)
    {
        NetworkSpec spec = plan.Spec;
        writer.Line($"{RuntimeContract.Require}(input, InputSize, nameof(input));");
        writer.Line($"{RuntimeContract.Require}(output, OutputSize, nameof(output));");
        ScratchEmitter.Emit(writer, plan.Scratch, plan.Scratch.Inference, "InferenceScratchLength");
        writer.Line($"global::System.ReadOnlySpan<float> p = {parameters};");
        foreach (LayerPlan layer in plan.Layers)
        {
            cancellationToken.ThrowIfCancellationRequested();
            writer.Line();
            if (predictLayout is not null && predictLayout.ByColumns(layer.Index))
            {
                EmitColumnLayer(writer, spec, layer);
                continue;
            }

            Func<int, string> input = InferenceInput(layer);
            if (layer.Inference == LayerStrategy.Registers)
            {
                WriteHeader(writer, layer, layer.Inference);
                Func<int, string> destination = layer.IsOutput
                    ? j => $"output[{j}]"
                    : j => LayerCode.ElementLocal(Names.A(layer.Index), j);
                RegisterLayerEmitter.Emit(writer, layer, spec.LeakySlope, input, destination, declare: !layer.IsOutput);
                continue;
            }

            string target = layer.IsOutput ? "output" : Names.A(layer.Index);
            EmitLayer(writer, spec, layer, layer.Inference, input, target, keepsZ: false);
        }
    }

    /// <summary>
    /// One layer of a batch block: Z = A·Wᵀ + b as one blocked product over the block's <c>n</c> rows, then g row by
    /// row, into z[l] where <paramref name="keepsZ"/> and a[l].
    /// </summary>
    internal static void EmitBatchLayer(CodeWriter writer, NetworkPlan plan, LayerPlan layer, bool keepsZ)
    {
        LayerSpec spec = layer.Layer;
        int l = layer.Index;
        string a = Names.A(l);
        string sums = keepsZ ? Names.Z(l) : a;
        string input = l == 1 ? "x" : Names.A(l - 1);
        writer.Comment($"{LayerCode.Describe(spec)}: Z[{l}] = {(l == 1 ? "X" : $"A[{l - 1}]")}·W[{l}]ᵀ + b[{l}], then A[{l}] = {ActivationFormulas.Equation(spec.Activation, $"Z[{l}]")} row by row");
        writer.Line($"{LayerCode.ForwardBatchKernel(spec)}({LayerCode.WeightsSlice(spec, "p")}, {LayerCode.BiasesSlice(spec, "p")}, {input}, {sums}, n);");
        foreach (string statement in ActivationFormulas.ApplyToLayer(spec.Activation, sums, a, plan.Spec.LeakySlope, LayerCode.SizeConstant(spec)))
        {
            writer.Line(statement);
        }
    }

    /// <summary>How <c>Forward</c> spells a[l−1]_k: an element of the input or scratch span, or a register local.</summary>
    private static Func<int, string> InferenceInput(LayerPlan layer)
    {
        if (layer.ReadsInputFromRegisters)
        {
            return k => LayerCode.ElementLocal(Names.A(layer.Index - 1), k);
        }

        string previous = LayerCode.Input(layer.Layer);
        return k => $"{previous}[{k}]";
    }

    internal static void WriteHeader(CodeWriter writer, LayerPlan layer, LayerStrategy strategy)
    {
        int l = layer.Index;
        string order = strategy == LayerStrategy.Kernel && layer.Layer.ByColumns ? ", W by columns" : "";
        writer.Comment(LayerCode.Describe(layer.Layer) + ", " + LayerCode.Strategy(strategy) + order);
        writer.Comment($"z[{l}] = W[{l}]·{LayerCode.InputSymbol(layer.Layer)} + b[{l}]");
        writer.Comment((layer.IsOutput ? $"ŷ = a[{l}] = " : $"a[{l}] = ") + ActivationFormulas.Equation(layer.Layer.Activation, $"z[{l}]"));
    }

    internal static void EmitLayer(CodeWriter writer, NetworkSpec spec, LayerPlan layer, LayerStrategy strategy, Func<int, string> input, string a, bool keepsZ)
    {
        WriteHeader(writer, layer, strategy);

        // The sums go to z where backpropagation needs it kept, otherwise straight into a; then g runs over the
        // whole layer at once, so exp and tanh are vectorised even for layers small enough to unroll.
        LayerSpec layerSpec = layer.Layer;
        string sums = keepsZ ? Names.Z(layer.Index) : a;
        if (strategy == LayerStrategy.StraightLine)
        {
            void EmitSums()
            {
                for (int j = 0; j < layerSpec.Size; j++)
                {
                    writer.Line($"{sums}[{j}] = {LayerCode.UnrolledSum(layerSpec, j, input)};");
                }
            }

            if (layer.UsesVectors && layerSpec.ByColumns)
            {
                ColumnLayerEmitter.EmitForward(writer, layer, spec.LeakySlope, input, j => $"{sums}[{j}]", activate: false, EmitSums);
            }
            else
            {
                EmitSums();
            }
        }
        else
        {
            writer.Line($"{LayerCode.ForwardKernel(layerSpec)}({LayerCode.WeightsSlice(layerSpec, "p")}, {LayerCode.BiasesSlice(layerSpec, "p")}, {LayerCode.Input(layerSpec)}, {sums});");
        }

        foreach (string statement in ActivationFormulas.ApplyToLayer(layerSpec.Activation, sums, a, spec.LeakySlope))
        {
            writer.Line(statement);
        }
    }

    /// <summary>
    /// One layer of Predict computed by columns: a = g(b + Σ_k x_k·W[:,k]) from the column layout, g fused into the
    /// kernel (a layer-wise g such as softmax runs after it on the sums).
    /// </summary>
    private static void EmitColumnLayer(CodeWriter writer, NetworkSpec spec, LayerPlan layer)
    {
        int l = layer.Index;
        Activation activation = layer.Layer.Activation;
        bool layerWise = ActivationFormulas.IsLayerWise(activation);
        string target = layer.IsOutput ? "output" : Names.A(l);
        writer.Comment($"{LayerCode.Describe(layer.Layer)}, W[{l}] column by column: z[{l}] = b[{l}] + Σ_k {LayerCode.InputSymbol(layer.Layer)}_k · W[{l}][:, k]");
        writer.Comment((layer.IsOutput ? $"ŷ = a[{l}] = " : $"a[{l}] = ") + ActivationFormulas.Equation(activation, $"z[{l}]") + (layerWise ? "" : ", in the same kernel"));
        (string fused, string slope) = ActivationFormulas.Fused(activation, spec.LeakySlope);
        writer.Line($"{RuntimeContract.FrozenLayers}.Forward(p.Slice(Layer{l}ColumnsOffset, Layer{l}ColumnsLength), {LayerCode.Input(layer.Layer)}, {target}, {fused}, {slope});");
        if (layerWise)
        {
            foreach (string statement in ActivationFormulas.ApplyToLayer(activation, target, target, spec.LeakySlope))
            {
                writer.Line(statement);
            }
        }
    }
}
