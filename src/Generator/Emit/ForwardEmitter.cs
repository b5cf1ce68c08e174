using System.Collections.Generic;
using System.Text;
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
        writer.Line("global::System.ReadOnlySpan<float> p = _parameters;");
        foreach (LayerSpec layer in spec.Layers)
        {
            cancellationToken.ThrowIfCancellationRequested();
            writer.Line();
            string target = layer.Index == spec.Layers.Count ? "output" : ScratchPlan.A(layer.Index);
            EmitLayer(writer, spec, layer, target, keepsZ: false);
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
        using (writer.Open($"private void ForwardLayers({string.Join(", ", parameters)})"))
        {
            writer.Line("global::System.ReadOnlySpan<float> p = _parameters;");
            foreach (LayerSpec layer in spec.Layers)
            {
                cancellationToken.ThrowIfCancellationRequested();
                writer.Line();
                EmitLayer(writer, spec, layer, ScratchPlan.A(layer.Index), ScratchPlan.KeepsPreActivation(spec, layer));
            }
        }
    }

    private static void EmitLayer(CodeWriter writer, NetworkSpec spec, LayerSpec layer, string a, bool keepsZ)
    {
        int l = layer.Index;
        bool isOutput = l == spec.Layers.Count;

        writer.Comment(LayerCode.Describe(layer) + ", " + LayerCode.Strategy(layer));
        writer.Comment($"z[{l}] = W[{l}]·{LayerCode.InputSymbol(layer)} + b[{l}]");
        writer.Comment((isOutput ? $"ŷ = a[{l}] = " : $"a[{l}] = ") + ActivationFormulas.Equation(layer.Activation, $"z[{l}]"));

        // The sums go to z where backpropagation needs it kept, otherwise straight into a; then g runs over the
        // whole layer at once, so exp and tanh are vectorised even for layers small enough to unroll.
        string sums = keepsZ ? ScratchPlan.Z(l) : a;
        if (LayerCode.IsUnrolled(layer))
        {
            EmitUnrolledSums(writer, layer, sums);
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

    private static void EmitUnrolledSums(CodeWriter writer, LayerSpec layer, string target)
    {
        string input = LayerCode.Input(layer);
        for (int j = 0; j < layer.Size; j++)
        {
            var sum = new StringBuilder();
            for (int k = 0; k < layer.InputSize; k++)
            {
                sum.Append($"p[{LayerCode.WeightIndex(layer, j, k)}] * {input}[{k}] + ");
            }

            sum.Append($"p[{layer.BiasesOffset + j}]");
            writer.Line($"{target}[{j}] = {sum};");
        }
    }
}
