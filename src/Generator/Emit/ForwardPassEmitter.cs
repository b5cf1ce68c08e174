using System;
using System.Collections.Generic;
using System.Threading;
using StaticNet.Generator.Model;
using StaticNet.Generator.Planning;

namespace StaticNet.Generator.Emit;

/// <summary>
/// The forward methods of a network: <c>Forward</c>, which keeps only the activations the next layer reads, and
/// <c>ForwardLayers</c>, the forward half of training, which also keeps the z[l] that backpropagation reads. Each
/// layer's code comes from <see cref="ForwardLayerEmitter"/>.
/// </summary>
internal static class ForwardPassEmitter
{
    /// <summary>Writes the public <c>Forward</c>; the last layer writes into <c>output</c>.</summary>
    public static void EmitForward(CodeWriter writer, NetworkPlan plan, CancellationToken cancellationToken)
    {
        NetworkSpec spec = plan.Spec;
        writer.Line();
        writer.Summary("Computes ŷ for one sample. Allocates nothing and only reads the parameters, so several threads may call it at once.");
        DocText.EmitSampleDocs(writer, spec);
        using (writer.Open(PublicApi.Forward))
        {
            ForwardLayerEmitter.EmitForwardBody(writer, plan, "Parameters", cancellationToken);
        }
    }

    /// <summary>Writes <c>ForwardLayers</c>, which fills the training buffers a[l] (and z[l] where kept).</summary>
    public static void EmitForwardLayers(CodeWriter writer, NetworkPlan plan, CancellationToken cancellationToken)
    {
        List<string> parameters = ScratchEmitter.SpanParameters(plan.Scratch.Activations);
        if (plan.Spec.HasDropout)
        {
            parameters.Add("long " + DropoutEmitter.Round);
        }

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
                string a = Names.A(layer.Index);
                string previous = LayerCode.Input(layer.Layer);
                Func<int, string> input = k => $"{previous}[{k}]";
                if (layer.Training == LayerStrategy.Registers)
                {
                    // a[l] is stored for backpropagation, but the activation still runs on the sums in registers.
                    ForwardLayerEmitter.WriteHeader(writer, layer, layer.Training);
                    RegisterLayerEmitter.Emit(writer, layer, plan.Spec.LeakySlope, input, j => $"{a}[{j}]", declare: false);
                }
                else
                {
                    ForwardLayerEmitter.EmitLayer(writer, plan.Spec, layer, layer.Training, input, a, layer.KeepsPreActivation);
                }

                DropoutEmitter.EmitApply(writer, layer, "0");
            }
        }
    }
}
