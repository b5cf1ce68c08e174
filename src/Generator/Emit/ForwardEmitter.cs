using System;
using System.Collections.Generic;
using System.Threading;
using StaticNet.Generator.Model;

namespace StaticNet.Generator.Emit;

/// <summary>
/// Writes the forward pass z[l] = W[l]·a[l−1] + b[l], a[l] = g(z[l]) twice: inline in <c>Forward</c>, keeping only
/// the activations the next layer reads, and as <c>ForwardLayers</c> for training, which also keeps the z[l] that
/// backpropagation reads.
/// </summary>
internal static class ForwardEmitter
{
    /// <summary>The body of <c>Forward</c> after its argument checks; the last layer writes into <c>output</c>.</summary>
    public static void EmitInference(CodeWriter writer, NetworkSpec spec, CancellationToken cancellationToken)
    {
        writer.Line("global::System.ReadOnlySpan<float> p = Parameters;");
        foreach (LayerSpec layer in spec.Layers)
        {
            cancellationToken.ThrowIfCancellationRequested();
            writer.Line();
            bool isOutput = layer.Index == spec.Layers.Count;
            Func<int, string> input = InferenceInput(spec, layer);
            if (LayerCode.IsInRegisters(spec, layer))
            {
                WriteHeader(writer, spec, layer, inRegisters: true);
                Func<int, string> destination = isOutput
                    ? j => $"output[{j}]"
                    : j => LayerCode.ElementLocal(ScratchPlan.A(layer.Index), j);
                RegisterLayerEmitter.Emit(writer, layer, spec.LeakySlope, input, destination, declare: !isOutput);
                continue;
            }

            string target = isOutput ? "output" : ScratchPlan.A(layer.Index);
            EmitLayer(writer, spec, layer, input, target, keepsZ: false);
        }
    }

    /// <summary>Writes <c>ForwardLayers</c>, which fills the training buffers a[l] (and z[l] where kept).</summary>
    public static void EmitTraining(CodeWriter writer, NetworkSpec spec, ScratchPlan plan, CancellationToken cancellationToken)
    {
        var parameters = new List<string> { "global::System.ReadOnlySpan<float> input" };
        foreach (ScratchPlan.Buffer buffer in plan.Activations)
        {
            parameters.Add("global::System.Span<float> " + buffer.Name);
        }

        writer.Summary("Runs every layer forward for training, keeping a[l] (and z[l] where backpropagation reads it).");
        // Inlined into its two callers: for a tiny network, passing a span per layer costs as much as a layer.
        writer.Line("[global::System.Runtime.CompilerServices.MethodImpl(global::System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]");
        using (writer.Open($"private void ForwardLayers({string.Join(", ", parameters)})"))
        {
            writer.Line("global::System.ReadOnlySpan<float> p = Parameters;");
            foreach (LayerSpec layer in spec.Layers)
            {
                cancellationToken.ThrowIfCancellationRequested();
                writer.Line();
                string a = ScratchPlan.A(layer.Index);
                string previous = LayerCode.Input(layer);
                Func<int, string> input = k => $"{previous}[{k}]";
                if (LayerCode.IsInRegistersForTraining(spec, layer))
                {
                    // a[l] is stored for backpropagation, but the activation still runs on the sums in registers.
                    WriteHeader(writer, spec, layer, inRegisters: true);
                    RegisterLayerEmitter.Emit(writer, layer, spec.LeakySlope, input, j => $"{a}[{j}]", declare: false);
                    continue;
                }

                EmitLayer(writer, spec, layer, input, a, ScratchPlan.KeepsPreActivation(spec, layer));
            }
        }
    }

    /// <summary>How <c>Forward</c> spells a[l−1]_k: an element of the input or scratch span, or a register local.</summary>
    private static Func<int, string> InferenceInput(NetworkSpec spec, LayerSpec layer)
    {
        if (layer.Index > 1 && LayerCode.IsInRegisters(spec, spec.Layers[layer.Index - 2]))
        {
            return k => LayerCode.ElementLocal(ScratchPlan.A(layer.Index - 1), k);
        }

        string previous = LayerCode.Input(layer);
        return k => $"{previous}[{k}]";
    }

    private static void WriteHeader(CodeWriter writer, NetworkSpec spec, LayerSpec layer, bool inRegisters)
    {
        int l = layer.Index;
        bool isOutput = l == spec.Layers.Count;
        writer.Comment(LayerCode.Describe(layer) + ", " + LayerCode.Strategy(layer, inRegisters));
        writer.Comment($"z[{l}] = W[{l}]·{LayerCode.InputSymbol(layer)} + b[{l}]");
        writer.Comment((isOutput ? $"ŷ = a[{l}] = " : $"a[{l}] = ") + ActivationFormulas.Equation(layer.Activation, $"z[{l}]"));
    }

    private static void EmitLayer(CodeWriter writer, NetworkSpec spec, LayerSpec layer, Func<int, string> input, string a, bool keepsZ)
    {
        WriteHeader(writer, spec, layer, inRegisters: false);

        // The sums go to z where backpropagation needs it kept, otherwise straight into a; then g runs over the
        // whole layer at once, so exp and tanh are vectorised even for layers small enough to unroll.
        string sums = keepsZ ? ScratchPlan.Z(layer.Index) : a;
        if (LayerCode.IsUnrolled(layer))
        {
            for (int j = 0; j < layer.Size; j++)
            {
                writer.Line($"{sums}[{j}] = {LayerCode.UnrolledSum(layer, j, input)};");
            }
        }
        else
        {
            writer.Line($"global::StaticNet.Kernels.DenseKernels.Forward({LayerCode.WeightsSlice(layer, "p")}, {LayerCode.BiasesSlice(layer, "p")}, {LayerCode.Input(layer)}, {sums});");
        }

        foreach (string statement in ActivationFormulas.ApplyToLayer(layer.Activation, sums, a, spec.LeakySlope))
        {
            writer.Line(statement);
        }
    }
}
