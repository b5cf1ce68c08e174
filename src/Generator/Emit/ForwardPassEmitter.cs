using System;
using System.Collections.Generic;
using System.Threading;
using StaticNet.Generator.Model;
using StaticNet.Generator.Planning;

namespace StaticNet.Generator.Emit;

/// <summary>
/// The forward pass, z[l] = W[l]·a[l−1] + b[l], a[l] = g(z[l]), everywhere it is written: <c>Forward</c>, which keeps
/// only the activations the next layer reads; <c>ForwardLayers</c>, the forward half of training, which also keeps
/// the z[l] that backpropagation reads; and one layer of a batch block, Z = X·Wᵀ + b.
/// </summary>
internal static class ForwardPassEmitter
{
    /// <summary>Writes the public <c>Forward</c>; the last layer writes into <c>output</c>.</summary>
    public static void EmitForward(CodeWriter writer, NetworkPlan plan, CancellationToken cancellationToken)
    {
        NetworkSpec spec = plan.Spec;
        writer.Line();
        writer.Summary("Computes ŷ for one sample. Allocates nothing and only reads the parameters, so several threads may call it at once.");
        EmitSampleDocs(writer, spec);
        using (writer.Open(PublicApi.Forward))
        {
            EmitForwardBody(writer, plan, "Parameters", cancellationToken);
        }
    }

    /// <summary>The parameter and exception docs of a one-sample pass (Forward, Predict).</summary>
    public static void EmitSampleDocs(CodeWriter writer, NetworkSpec spec)
    {
        writer.Doc($"<param name=\"input\">x, {DocText.Values(spec.InputSize)}.</param>");
        writer.Doc($"<param name=\"output\">Receives ŷ, {DocText.Values(spec.OutputSize)}.</param>");
        writer.Doc("<exception cref=\"global::System.ArgumentException\">A span has the wrong length.</exception>");
    }

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
                FrozenEmitter.EmitColumnLayer(writer, spec, layer);
                continue;
            }

            Func<int, string> input = InferenceInput(layer);
            if (layer.Inference == LayerStrategy.Registers)
            {
                WriteHeader(writer, layer, layer.Inference);
                Func<int, string> destination = layer.IsOutput
                    ? j => $"output[{j}]"
                    : j => LayerCode.ElementLocal(ScratchPlan.A(layer.Index), j);
                RegisterLayerEmitter.Emit(writer, layer.Layer, spec.LeakySlope, input, destination, declare: !layer.IsOutput);
                continue;
            }

            string target = layer.IsOutput ? "output" : ScratchPlan.A(layer.Index);
            EmitLayer(writer, spec, layer, layer.Inference, input, target, keepsZ: false);
        }
    }

    /// <summary>Writes <c>ForwardLayers</c>, which fills the training buffers a[l] (and z[l] where kept).</summary>
    public static void EmitForwardLayers(CodeWriter writer, NetworkPlan plan, CancellationToken cancellationToken)
    {
        List<string> parameters = ScratchEmitter.SpanParameters(plan.Scratch.Activations);

        writer.Summary("Runs every layer forward for training, keeping a[l] (and z[l] where backpropagation reads it).");
        // Inlined into its two callers: for a tiny network, passing a span per layer costs as much as a layer.
        writer.Line("[global::System.Runtime.CompilerServices.MethodImpl(global::System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]");
        using (writer.Open($"private void ForwardLayers({string.Join(", ", parameters)})"))
        {
            writer.Line("global::System.ReadOnlySpan<float> p = Parameters;");
            foreach (LayerPlan layer in plan.Layers)
            {
                cancellationToken.ThrowIfCancellationRequested();
                writer.Line();
                string a = ScratchPlan.A(layer.Index);
                string previous = LayerCode.Input(layer.Layer);
                Func<int, string> input = k => $"{previous}[{k}]";
                if (layer.Training == LayerStrategy.Registers)
                {
                    // a[l] is stored for backpropagation, but the activation still runs on the sums in registers.
                    WriteHeader(writer, layer, layer.Training);
                    RegisterLayerEmitter.Emit(writer, layer.Layer, plan.Spec.LeakySlope, input, j => $"{a}[{j}]", declare: false);
                    continue;
                }

                EmitLayer(writer, plan.Spec, layer, layer.Training, input, a, layer.KeepsPreActivation);
            }
        }
    }

    /// <summary>
    /// One layer of a batch block: Z = A·Wᵀ + b as one blocked product over the block's <c>n</c> rows, then g row by
    /// row, into z[l] where <paramref name="keepsZ"/> and a[l].
    /// </summary>
    public static void EmitBatchLayer(CodeWriter writer, NetworkPlan plan, LayerPlan layer, bool keepsZ)
    {
        LayerSpec spec = layer.Layer;
        int l = layer.Index;
        string a = ScratchPlan.A(l);
        string sums = keepsZ ? ScratchPlan.Z(l) : a;
        string input = l == 1 ? "x" : ScratchPlan.A(l - 1);
        writer.Comment($"{LayerCode.Describe(spec)}: Z[{l}] = {(l == 1 ? "X" : $"A[{l - 1}]")}·W[{l}]ᵀ + b[{l}], then A[{l}] = {ActivationFormulas.Equation(spec.Activation, $"Z[{l}]")} row by row");
        writer.Line($"{RuntimeContract.DenseKernels}.ForwardBatch({LayerCode.WeightsSlice(spec, "p")}, {LayerCode.BiasesSlice(spec, "p")}, {input}, {sums}, n);");
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
            return k => LayerCode.ElementLocal(ScratchPlan.A(layer.Index - 1), k);
        }

        string previous = LayerCode.Input(layer.Layer);
        return k => $"{previous}[{k}]";
    }

    private static void WriteHeader(CodeWriter writer, LayerPlan layer, LayerStrategy strategy)
    {
        int l = layer.Index;
        writer.Comment(LayerCode.Describe(layer.Layer) + ", " + LayerCode.Strategy(strategy));
        writer.Comment($"z[{l}] = W[{l}]·{LayerCode.InputSymbol(layer.Layer)} + b[{l}]");
        writer.Comment((layer.IsOutput ? $"ŷ = a[{l}] = " : $"a[{l}] = ") + ActivationFormulas.Equation(layer.Layer.Activation, $"z[{l}]"));
    }

    private static void EmitLayer(CodeWriter writer, NetworkSpec spec, LayerPlan layer, LayerStrategy strategy, Func<int, string> input, string a, bool keepsZ)
    {
        WriteHeader(writer, layer, strategy);

        // The sums go to z where backpropagation needs it kept, otherwise straight into a; then g runs over the
        // whole layer at once, so exp and tanh are vectorised even for layers small enough to unroll.
        LayerSpec layerSpec = layer.Layer;
        string sums = keepsZ ? ScratchPlan.Z(layer.Index) : a;
        if (strategy == LayerStrategy.StraightLine)
        {
            for (int j = 0; j < layerSpec.Size; j++)
            {
                writer.Line($"{sums}[{j}] = {LayerCode.UnrolledSum(layerSpec, j, input)};");
            }
        }
        else
        {
            writer.Line($"{RuntimeContract.DenseKernels}.Forward({LayerCode.WeightsSlice(layerSpec, "p")}, {LayerCode.BiasesSlice(layerSpec, "p")}, {LayerCode.Input(layerSpec)}, {sums});");
        }

        foreach (string statement in ActivationFormulas.ApplyToLayer(layerSpec.Activation, sums, a, spec.LeakySlope))
        {
            writer.Line(statement);
        }
    }
}
