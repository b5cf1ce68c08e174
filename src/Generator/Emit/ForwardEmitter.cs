using System.Collections.Generic;
using System.Text;
using System.Threading;
using StaticNet.Generator.Model;

namespace StaticNet.Generator.Emit;

/// <summary>
/// Writes <c>ForwardLayers</c>: z[l] = W[l]·a[l−1] + b[l], a[l] = g(z[l]) for every layer, into buffers the caller
/// owns, so that <c>Forward</c> and the training passes share one forward implementation.
/// </summary>
internal static class ForwardEmitter
{
    public static void Emit(CodeWriter writer, NetworkSpec spec, ScratchPlan plan, CancellationToken cancellationToken)
    {
        var parameters = new List<string> { "global::System.ReadOnlySpan<float> input" };
        foreach (ScratchPlan.Buffer buffer in plan.Forward)
        {
            parameters.Add("global::System.Span<float> " + buffer.Name);
        }

        parameters.Add("global::System.Span<float> " + ScratchPlan.A(spec.Layers.Count));

        writer.Summary("Runs every layer forward, leaving a[l] (and z[l] where backpropagation needs it) in the given buffers.");
        using (writer.Open($"private void ForwardLayers({string.Join(", ", parameters)})"))
        {
            writer.Line("global::System.ReadOnlySpan<float> p = _parameters;");
            foreach (LayerSpec layer in spec.Layers)
            {
                cancellationToken.ThrowIfCancellationRequested();
                writer.Line();
                EmitLayer(writer, spec, layer);
            }
        }
    }

    private static void EmitLayer(CodeWriter writer, NetworkSpec spec, LayerSpec layer)
    {
        int l = layer.Index;
        bool isOutput = l == spec.Layers.Count;
        bool keepsZ = ScratchPlan.KeepsPreActivation(spec, layer);
        string a = ScratchPlan.A(l);
        string z = ScratchPlan.Z(l);

        writer.Comment(LayerCode.Describe(layer));
        writer.Comment($"z[{l}] = W[{l}]·{LayerCode.InputSymbol(layer)} + b[{l}]");
        writer.Comment((isOutput ? $"ŷ = a[{l}] = " : $"a[{l}] = ") + ActivationFormulas.Equation(layer.Activation, $"z[{l}]"));

        // With z kept, the weighted sums go to z first; otherwise the activation is applied as each sum is formed.
        string target = keepsZ ? z : a;
        bool activateInline = !keepsZ;
        if (LayerCode.IsUnrolled(layer))
        {
            EmitUnrolledSums(writer, spec, layer, target, activateInline);
        }
        else
        {
            EmitLoopedSums(writer, spec, layer, target, activateInline);
        }

        if (keepsZ)
        {
            if (!LayerCode.IsUnrolled(layer))
            {
                writer.Line();
            }

            EmitActivation(writer, spec, layer, z, a);
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

        using (writer.Open($"for (int j = 0; j < {LayerCode.SizeConstant(layer)}; j++)"))
        {
            writer.Line($"{a}[j] = {ActivationFormulas.Apply(layer.Activation, $"{z}[j]", spec.LeakySlope)};");
        }
    }
}
