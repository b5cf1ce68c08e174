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
        bool isSoftmax = layer.Activation == ActivationKind.Softmax;

        writer.Comment(LayerCode.Describe(layer));
        writer.Comment($"z[{l}] = W[{l}]·{LayerCode.InputSymbol(layer)} + b[{l}]");
        writer.Comment((isOutput ? $"ŷ = a[{l}] = " : $"a[{l}] = ") + ActivationFormulas.Equation(layer.Activation, $"z[{l}]"));

        // Kept z goes to its own buffer and is activated afterwards. Otherwise an element-wise activation is applied
        // as each sum is formed, and softmax, which needs the whole layer, runs in place over the finished sums.
        string sums = keepsZ ? ScratchPlan.Z(l) : a;
        bool activateInline = !keepsZ && !isSoftmax;
        if (LayerCode.IsUnrolled(layer))
        {
            EmitUnrolledSums(writer, spec, layer, sums, activateInline);
        }
        else
        {
            EmitLoopedSums(writer, spec, layer, sums, activateInline);
        }

        if (keepsZ)
        {
            EmitActivation(writer, spec, layer, sums, a);
        }
        else if (isSoftmax)
        {
            writer.Line($"global::StaticNet.NetworkMath.SoftmaxInPlace({a});");
        }
    }

    private static void EmitUnrolledSums(CodeWriter writer, NetworkSpec spec, LayerSpec layer, string target, bool activate)
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
            string value = activate ? ActivationFormulas.Apply(layer.Activation, sum.ToString(), spec.LeakySlope) : sum.ToString();
            writer.Line($"{target}[{j}] = {value};");
        }
    }

    private static void EmitLoopedSums(CodeWriter writer, NetworkSpec spec, LayerSpec layer, string target, bool activate)
    {
        string input = LayerCode.Input(layer);
        string inputSize = LayerCode.InputSizeConstant(layer);
        using (writer.Open($"for (int j = 0; j < {LayerCode.SizeConstant(layer)}; j++)"))
        {
            writer.Line($"global::System.ReadOnlySpan<float> row = p.Slice({LayerCode.WeightsOffset(layer)} + j * {inputSize}, {inputSize});");
            writer.Line($"float sum = p[{LayerCode.BiasesOffset(layer)} + j];");
            using (writer.Open($"for (int k = 0; k < {inputSize}; k++)"))
            {
                writer.Line($"sum += row[k] * {input}[k];");
            }

            writer.Line();
            string value = activate ? ActivationFormulas.Apply(layer.Activation, "sum", spec.LeakySlope) : "sum";
            writer.Line($"{target}[j] = {value};");
        }
    }

    private static void EmitActivation(CodeWriter writer, NetworkSpec spec, LayerSpec layer, string z, string a)
    {
        if (layer.Activation == ActivationKind.Softmax)
        {
            writer.Line($"{z}.CopyTo({a});");
            writer.Line($"global::StaticNet.NetworkMath.SoftmaxInPlace({a});");
            return;
        }

        if (LayerCode.IsUnrolled(layer))
        {
            for (int j = 0; j < layer.Size; j++)
            {
                writer.Line($"{a}[{j}] = {ActivationFormulas.Apply(layer.Activation, $"{z}[{j}]", spec.LeakySlope)};");
            }

            return;
        }

        writer.Line();
        using (writer.Open($"for (int j = 0; j < {LayerCode.SizeConstant(layer)}; j++)"))
        {
            writer.Line($"{a}[j] = {ActivationFormulas.Apply(layer.Activation, $"{z}[j]", spec.LeakySlope)};");
        }
    }
}
