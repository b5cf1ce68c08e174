using System.Collections.Generic;
using System.Threading;
using StaticNet.Generator.Model;

namespace StaticNet.Generator.Emit;

/// <summary>
/// Writes the backward pass: the output error δ[L] (BP1, from a loss or from an upstream gradient) and
/// <c>BackwardLayers</c>, which applies BP3, BP4 and BP2 from the last layer to the first.
/// </summary>
internal static class BackwardEmitter
{
    /// <summary>The arguments <c>BackwardLayers</c> takes after the input, in order; the call sites pass the same names.</summary>
    public static IEnumerable<string> BackwardLayersBuffers(NetworkSpec spec)
    {
        foreach (LayerSpec layer in spec.Layers)
        {
            if (layer.Index == spec.Layers.Count)
            {
                break;
            }

            if (ScratchPlan.KeepsPreActivation(spec, layer))
            {
                yield return ScratchPlan.Z(layer.Index);
            }

            yield return ScratchPlan.A(layer.Index);
        }

        foreach (LayerSpec layer in spec.Layers)
        {
            yield return ScratchPlan.Delta(layer.Index);
        }
    }

    public static void EmitBackwardLayers(CodeWriter writer, NetworkSpec spec, CancellationToken cancellationToken)
    {
        var parameters = new List<string> { "global::System.ReadOnlySpan<float> input" };
        foreach (string buffer in BackwardLayersBuffers(spec))
        {
            parameters.Add("global::System.Span<float> " + buffer);
        }

        parameters.Add("global::System.Span<float> gradient");
        parameters.Add("global::System.Span<float> inputGradient");

        writer.Summary("From δ[L], adds ∂/∂b[l] and ∂/∂W[l] of every layer into the gradient, and writes ∂/∂x when asked for.");
        // Inlined into its two callers: for a tiny network, passing a span per layer costs as much as a layer.
        writer.Line("[global::System.Runtime.CompilerServices.MethodImpl(global::System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]");
        using (writer.Open($"private void BackwardLayers({string.Join(", ", parameters)})"))
        {
            writer.Line("global::System.ReadOnlySpan<float> p = Parameters;");
            for (int i = spec.Layers.Count - 1; i >= 0; i--)
            {
                cancellationToken.ThrowIfCancellationRequested();
                LayerSpec layer = spec.Layers[i];
                writer.Line();
                EmitParameterGradients(writer, layer);
                writer.Line();
                if (layer.Index > 1)
                {
                    EmitHiddenError(writer, spec, layer, spec.Layers[i - 1]);
                }
                else
                {
                    EmitInputGradient(writer, layer);
                }
            }
        }
    }

    /// <summary>BP1 for <c>Backward</c>: declares <c>loss</c> and fills δ[L] from the loss and the target.</summary>
    public static void EmitOutputErrorFromLoss(CodeWriter writer, NetworkSpec spec)
    {
        int l = spec.OutputLayer.Index;
        var bp1 = OutputErrorEmitter.For(spec);
        if (bp1.Unrolls)
        {
            bp1.EmitUnrolled(writer);
            return;
        }

        writer.Comment($"BP1, {bp1.Equation}.");
        writer.Line($"float loss = {bp1.Call(ScratchPlan.Z(l), ScratchPlan.A(l), "target", ScratchPlan.Delta(l), "1f")};");
        if (bp1.Derivative is not null)
        {
            writer.Line(bp1.Derivative);
        }
    }

    /// <summary>BP1 for <c>Backpropagate</c>: δ[L] = Jᵀ·(∂L/∂ŷ), element-wise or through the softmax Jacobian.</summary>
    public static void EmitOutputErrorFromUpstream(CodeWriter writer, NetworkSpec spec)
    {
        LayerSpec output = spec.OutputLayer;
        int l = output.Index;
        string a = ScratchPlan.A(l);
        string z = ScratchPlan.Z(l);
        string delta = ScratchPlan.Delta(l);
        if (output.Activation == ActivationKind.Softmax)
        {
            writer.Comment($"BP1 through softmax, as a Jacobian-vector product: δ_j = ŷ_j (g_j − Σ_k g_k ŷ_k), with g = ∂L/∂ŷ.");
            writer.Line($"global::StaticNet.NetworkMath.SoftmaxBackward({a}, outputGradient, {delta});");
            return;
        }

        writer.Comment($"BP1: δ[{l}] = ∂L/∂ŷ ⊙ g'(z[{l}]), with {ActivationFormulas.DerivativeEquation(output.Activation, l, spec.LeakySlope)}.");
        using (writer.Open("for (int k = 0; k < OutputSize; k++)"))
        {
            writer.Line($"{delta}[k] = {ActivationFormulas.TimesDerivative(output.Activation, "outputGradient[k]", $"{a}[k]", $"{z}[k]", spec.LeakySlope)};");
        }
    }

    private static void EmitParameterGradients(CodeWriter writer, LayerSpec layer)
    {
        int l = layer.Index;
        string delta = ScratchPlan.Delta(l);
        string input = LayerCode.Input(layer);
        writer.Comment(LayerCode.Describe(layer) + ", " + LayerCode.Strategy(layer));
        writer.Comment($"BP3: ∂C/∂b[{l}] = δ[{l}]");
        writer.Comment($"BP4: ∂C/∂W[{l}] = δ[{l}]·{LayerCode.InputSymbol(layer)}ᵀ");
        if (LayerCode.IsUnrolled(layer))
        {
            // Read once into locals: gradient could alias these spans as far as the JIT knows, so after every store
            // into it each δ and a would be loaded again.
            writer.Line($"float {ReadInto(delta, layer.Size)};");
            writer.Line($"float {ReadInto(input, layer.InputSize)};");
            int vectorLanes = layer.InputSize / GradientLanes * GradientLanes;
            if (vectorLanes == 0)
            {
                EmitGradientRows(writer, layer, 0);
                return;
            }

            // A constant test for the JIT and NativeAOT: only one branch is compiled.
            using (writer.Open($"if ({Vector128}.IsHardwareAccelerated)"))
            {
                EmitGradientRows(writer, layer, vectorLanes);
            }

            using (writer.Open("else"))
            {
                EmitGradientRows(writer, layer, 0);
            }

            return;
        }

        writer.Line($"global::StaticNet.Kernels.DenseKernels.AccumulateGradient({delta}, {input}, {LayerCode.WeightsSlice(layer, "gradient")}, {LayerCode.BiasesSlice(layer, "gradient")}, 1);");
    }

    /// <summary>
    /// BP3 and BP4 for an unrolled layer from the locals of δ[l] and a[l−1]: the first <paramref name="vectorLanes"/>
    /// columns of each row of ∂C/∂W as Vector128s, the rest one by one.
    /// </summary>
    private static void EmitGradientRows(CodeWriter writer, LayerSpec layer, int vectorLanes)
    {
        int l = layer.Index;
        string delta = ScratchPlan.Delta(l);
        string input = LayerCode.Input(layer);
        if (vectorLanes > 0)
        {
            // Row j of ∂C/∂W is δ_j times the same a[l−1]: a quarter as many loads and stores, four lanes at a time.
            writer.Comment($"Row j of ∂C/∂W[{l}] is δ[{l}]_j·{LayerCode.InputSymbol(layer)}ᵀ, {GradientLanes} lanes at a time, then the rest one by one.");
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
            writer.Line($"gradient[{layer.BiasesOffset + j}] += {LayerCode.ElementLocal(delta, j)};");
            for (int k = 0; k < vectorLanes; k += GradientLanes)
            {
                // Create<float>, not Create: before C# 13 a Span argument does not infer T through ReadOnlySpan<T>.
                string row = $"gradient.Slice({LayerCode.WeightIndex(layer, j, k)}, {GradientLanes})";
                writer.Line($"{Vector128}.CopyTo({Vector128}.Create<float>({row}) + {LayerCode.ElementLocal(delta, j)} * {Lanes(input, k)}, {row});");
            }

            for (int k = vectorLanes; k < layer.InputSize; k++)
            {
                writer.Line($"gradient[{LayerCode.WeightIndex(layer, j, k)}] += {LayerCode.ElementLocal(delta, j)} * {LayerCode.ElementLocal(input, k)};");
            }
        }
    }

    /// <summary>BP2: δ[l−1] = (W[l]ᵀ·δ[l]) ⊙ g'(z[l−1]).</summary>
    private static void EmitHiddenError(CodeWriter writer, NetworkSpec spec, LayerSpec layer, LayerSpec below)
    {
        int l = layer.Index;
        int h = below.Index;
        string a = ScratchPlan.A(h);
        string z = ScratchPlan.Z(h);
        string target = ScratchPlan.Delta(h);
        writer.Comment($"BP2: δ[{h}] = (W[{l}]ᵀ·δ[{l}]) ⊙ g'(z[{h}]), with {ActivationFormulas.DerivativeEquation(below.Activation, h, spec.LeakySlope)}.");
        if (LayerCode.IsUnrolled(layer))
        {
            for (int k = 0; k < layer.InputSize; k++)
            {
                string sum = TransposedProduct(layer, k);
                writer.Line($"{target}[{k}] = {ActivationFormulas.TimesDerivative(below.Activation, sum, LayerCode.ElementLocal(a, k), $"{z}[{k}]", spec.LeakySlope)};");
            }

            return;
        }

        EmitTransposedProductKernel(writer, layer, target);
        string? derivative = ActivationFormulas.MultiplyDerivative(below.Activation, target, a, z, spec.LeakySlope);
        if (derivative is not null)
        {
            writer.Line(derivative);
        }
    }

    private static void EmitInputGradient(CodeWriter writer, LayerSpec layer)
    {
        writer.Comment("∂C/∂x = W[1]ᵀ·δ[1], only when the caller asked for it.");
        using (writer.Open("if (!inputGradient.IsEmpty)"))
        {
            if (LayerCode.IsUnrolled(layer))
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

    /// <summary>
    /// Lanes of one vector in the unrolled ∂C/∂W rows. Vector128 rather than Vector256: it is hardware on x64 and
    /// ARM64 (SSE, NEON), and most rows of a layer small enough to unroll are not eight wide anyway. Where it is not
    /// (32-bit ARM, or DOTNET_EnableHWIntrinsic=0) the rows are written one float at a time.
    /// </summary>
    private const int GradientLanes = 4;

    private const string Vector128 = "global::System.Runtime.Intrinsics.Vector128";

    /// <summary>The local holding lanes <paramref name="start"/>… of <paramref name="span"/> as a Vector128, e.g. <c>a1Lanes0</c>.</summary>
    private static string Lanes(string span, int start) => $"{span}Lanes{start}";

    /// <summary>Declarators reading every element of <paramref name="span"/> into its own local, e.g. <c>a1_0 = a1[0], a1_1 = a1[1]</c>.</summary>
    private static string ReadInto(string span, int length)
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
        string delta = ScratchPlan.Delta(layer.Index);
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
        writer.Line($"global::StaticNet.Kernels.DenseKernels.BackpropagateError({LayerCode.WeightsSlice(layer, "p")}, {ScratchPlan.Delta(layer.Index)}, {target}, 1);");
    }
}
