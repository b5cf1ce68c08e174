using System;
using System.Collections.Generic;
using System.Threading;
using StaticNet.Generator.Model;
using StaticNet.Generator.Planning;

namespace StaticNet.Generator.Emit;

/// <summary>
/// A tiny frozen network's <c>Predict</c> with its weights as constants (<see cref="NetworkPlan.ConstantColumnLanes"/>):
/// each layer is z = b + Σ_k x_k·W[:,k] with b and every column of W a constant vector (padded with zeros), one
/// multiply-add per input unit and no load of a parameter, then the activation on the whole vector; the next layer
/// broadcasts the lanes it reads. Padding lanes hold g(0) and are never read.
/// </summary>
internal static class ConstantColumnsEmitter
{
    private const string Intrinsics = "global::System.Runtime.Intrinsics";

    /// <summary>Writes the layers; <c>input</c> and <c>output</c> are the spans of Predict.</summary>
    public static void Emit(CodeWriter writer, NetworkPlan plan, CancellationToken cancellationToken)
    {
        NetworkSpec spec = plan.Spec;
        int lanes = plan.ConstantColumnLanes;
        string width = lanes == 8 ? "Vector256" : "Vector128";
        string vector = $"{Intrinsics}.{width}";
        foreach (LayerSpec layer in spec.Layers)
        {
            cancellationToken.ThrowIfCancellationRequested();
            int l = layer.Index;
            bool isOutput = l == spec.Layers.Count;
            string z = Names.Z(l), a = Names.A(l);
            writer.Comment($"{LayerCode.Describe(layer)}, constant columns: z[{l}] = b[{l}] + Σ_k {LayerCode.InputSymbol(layer)}_k · W[{l}][:, k]");
            writer.Line($"{vector}<float> {z} = {vector}.Create({Constants(spec.TrainedParameters, layer.BiasesOffset, 1, layer.Size, lanes)});");
            EmitColumnTerms(writer, spec, layer, vector, lanes, z);

            if (isOutput && ActivationFormulas.IsLayerWise(layer.Activation))
            {
                writer.Comment($"ŷ = {ActivationFormulas.Equation(layer.Activation, $"z[{l}]")}, over the real lanes only");
                WriteLanes(writer, layer.Size, z);
                foreach (string statement in ActivationFormulas.ApplyToLayer(layer.Activation, "output", "output", spec.LeakySlope))
                {
                    writer.Line(statement);
                }
                continue;
            }

            writer.Comment((isOutput ? $"ŷ = a[{l}] = " : $"a[{l}] = ") + ActivationFormulas.Equation(layer.Activation, $"z[{l}]"));
            writer.Line($"{vector}<float> {a} = {ActivationFormulas.Vector(layer.Activation, vector, z, spec.LeakySlope)};");
            if (isOutput)
            {
                WriteLanes(writer, layer.Size, a);
            }
            else
            {
                writer.Line();
            }
        }
    }

    /// <summary>
    /// z += Σ_k x_k·W[:,k] as two chains, the even k into z and the odd k into a second sum added at the end: each
    /// multiply-add waits for the one before it, so the longest chain is the layer's latency (4-5-3: 3 and 2 terms
    /// instead of 5). With fewer than three inputs a second chain shortens nothing.
    /// </summary>
    private static void EmitColumnTerms(CodeWriter writer, NetworkSpec spec, LayerSpec layer, string vector, int lanes, string z)
    {
        int l = layer.Index;
        bool split = layer.InputSize >= 3;
        string odd = z + "Odd";
        if (split)
        {
            writer.Comment($"even k into {z}, odd k into {odd}: two chains of multiply-adds, each about half as long");
        }

        for (int k = 0; k < layer.InputSize; k++)
        {
            string input = l == 1 ? $"input[{k}]" : $"{Names.A(l - 1)}[{Literals.Int(k)}]";
            string term = $"{vector}.Create({input}), {vector}.Create({Constants(spec.TrainedParameters, layer.WeightsOffset + k, layer.InputSize, layer.Size, lanes)})";
            if (split && k == 1)
            {
                writer.Line($"{vector}<float> {odd} = {vector}.Multiply({term});");
            }
            else
            {
                string sum = split && k % 2 == 1 ? odd : z;
                writer.Line($"{sum} = {RuntimeContract.MultiplyAdd}({term}, {sum});");
            }
        }

        if (split)
        {
            writer.Line($"{z} += {odd};");
        }
    }

    private static void WriteLanes(CodeWriter writer, int size, string vector)
    {
        for (int j = 0; j < size; j++)
        {
            writer.Line($"output[{j}] = {vector}[{Literals.Int(j)}];");
        }
    }

    /// <summary>The float literals of <paramref name="count"/> values from <paramref name="start"/>, <paramref name="stride"/> apart, padded with 0f to the lane count.</summary>
    private static string Constants(FloatValues values, int start, int stride, int count, int lanes)
    {
        var literals = new List<string>(lanes);
        for (int i = 0; i < lanes; i++)
        {
            literals.Add(i < count ? Literals.Float(values[start + (i * stride)]) : "0f");
        }

        return string.Join(", ", literals);
    }
}
