using System.Collections.Generic;
using System.Threading;
using StaticNet.Generator.Model;
using StaticNet.Generator.Planning;

namespace StaticNet.Generator.Emit;

/// <summary>
/// Backpropagation, everywhere it is written: the public <c>Backward</c> and <c>Backpropagate</c> (forward, BP1, then
/// <c>BackwardLayers</c>), BP1 from a loss or from an upstream gradient, <c>BackwardLayers</c> with BP3, BP4 and BP2
/// from the last layer to the first, and the same equations for one block of a batch. The equations are in
/// docs/backprop.md; each emitted block is commented with the one it implements.
/// </summary>
internal static class BackpropagationEmitter
{
    /// <summary>
    /// Lanes of one vector in the unrolled ∂C/∂W rows. Vector128 rather than Vector256: it is hardware on x64 and
    /// ARM64 (SSE, NEON), and most rows of a layer small enough to unroll are not eight wide anyway. Where it is not
    /// (32-bit ARM, or DOTNET_EnableHWIntrinsic=0) the rows are written one float at a time.
    /// </summary>
    private const int GradientLanes = 4;

    private const string Vector128 = "global::System.Runtime.Intrinsics.Vector128";

    // ---- The public methods of one sample ----

    public static void EmitBackward(CodeWriter writer, NetworkPlan plan)
    {
        NetworkSpec spec = plan.Spec;
        writer.Line();
        writer.Summary($"Runs one sample forward and backward, adds ∂C/∂θ into the gradient (same layout as Parameters) and returns C ({spec.Loss}).");
        writer.Doc($"<param name=\"input\">x, {DocText.Values(spec.InputSize)}.</param>");
        writer.Doc($"<param name=\"target\">y, {DocText.Values(spec.OutputSize)}.</param>");
        writer.Doc($"<param name=\"gradient\">Accumulates ∂C/∂θ; {DocText.Values(spec.ParameterCount)}. Clear it between batches.</param>");
        writer.Doc("<returns>The sample's loss C.</returns>");
        writer.Doc("<exception cref=\"global::System.ArgumentException\">A span has the wrong length.</exception>");
        writer.Line($"{PublicApi.Backward} => Backward(input, target, gradient, default);");

        writer.Line();
        writer.Summary("Like Backward(input, target, gradient), and also writes ∂C/∂x into inputGradient.");
        writer.Doc($"<param name=\"input\">x, {DocText.Values(spec.InputSize)}.</param>");
        writer.Doc($"<param name=\"target\">y, {DocText.Values(spec.OutputSize)}.</param>");
        writer.Doc($"<param name=\"gradient\">Accumulates ∂C/∂θ; {DocText.Values(spec.ParameterCount)}.</param>");
        writer.Doc($"<param name=\"inputGradient\">Receives ∂C/∂x ({DocText.Values(spec.InputSize, exactly: false)}), or empty to skip it.</param>");
        writer.Doc("<returns>The sample's loss C.</returns>");
        writer.Doc("<exception cref=\"global::System.ArgumentException\">A span has the wrong length.</exception>");
        using (writer.Open(PublicApi.BackwardWithInputGradient))
        {
            EmitTrainingPass(writer, plan, "target", () => EmitOutputErrorFromLoss(writer, plan));
            writer.Line("return loss;");
        }
    }

    public static void EmitBackpropagate(CodeWriter writer, NetworkPlan plan)
    {
        NetworkSpec spec = plan.Spec;
        writer.Line();
        writer.Summary("Given any upstream gradient ∂L/∂ŷ, adds ∂L/∂θ into the gradient and writes ∂L/∂x into inputGradient.");
        writer.Doc($"<param name=\"input\">x, {DocText.Values(spec.InputSize)}.</param>");
        writer.Doc($"<param name=\"outputGradient\">∂L/∂ŷ, {DocText.Values(spec.OutputSize)}.</param>");
        writer.Doc($"<param name=\"gradient\">Accumulates ∂L/∂θ; {DocText.Values(spec.ParameterCount)}.</param>");
        writer.Doc($"<param name=\"inputGradient\">Receives ∂L/∂x ({DocText.Values(spec.InputSize, exactly: false)}), or empty to skip it.</param>");
        writer.Doc("<exception cref=\"global::System.ArgumentException\">A span has the wrong length.</exception>");
        using (writer.Open(PublicApi.Backpropagate))
        {
            EmitTrainingPass(writer, plan, "outputGradient", () => EmitOutputErrorFromUpstream(writer, plan));
        }
    }

    /// <summary>
    /// The body shared by Backward and Backpropagate: argument checks (<paramref name="outputSide"/> names the target
    /// or the upstream gradient), scratch, forward, the caller's BP1, then BP2–BP4.
    /// </summary>
    private static void EmitTrainingPass(CodeWriter writer, NetworkPlan plan, string outputSide, System.Action emitOutputError)
    {
        writer.Line($"{RuntimeContract.Require}(input, InputSize, nameof(input));");
        writer.Line($"{RuntimeContract.Require}({outputSide}, OutputSize, nameof({outputSide}));");
        writer.Line($"{RuntimeContract.Require}(gradient, ParameterCount, nameof(gradient));");
        writer.Line($"{RuntimeContract.RequireOptional}(inputGradient, InputSize, nameof(inputGradient));");
        EmitScratchAndForward(writer, plan);
        writer.Line();
        emitOutputError();
        writer.Line();
        writer.Line($"BackwardLayers({string.Join(", ", BackwardLayersArguments(plan, "gradient", "inputGradient"))});");
    }

    /// <summary>The training scratch and the forward pass that fills it, shared by every method that backpropagates one sample.</summary>
    internal static void EmitScratchAndForward(CodeWriter writer, NetworkPlan plan)
    {
        ScratchEmitter.Emit(writer, plan.Scratch, plan.Scratch.Training, "TrainingScratchLength");
        var forwardArguments = new List<string> { "input" };
        foreach (ScratchPlan.Buffer buffer in plan.Scratch.Activations)
        {
            forwardArguments.Add(buffer.Name);
        }

        writer.Line($"ForwardLayers({string.Join(", ", forwardArguments)});");
    }

    /// <summary>The input and the buffers a backward helper reads (a[l], δ[l], z[l] where kept), then <paramref name="rest"/>.</summary>
    internal static List<string> BackwardLayersArguments(NetworkPlan plan, params string[] rest)
    {
        var arguments = new List<string> { "input" };
        foreach (ScratchPlan.Buffer buffer in plan.Scratch.BackwardLayers)
        {
            arguments.Add(buffer.Name);
        }

        arguments.AddRange(rest);
        return arguments;
    }

    // ---- BP1 ----

    /// <summary>BP1 for <c>Backward</c>: declares <c>loss</c> and fills δ[L] from the loss and the target.</summary>
    internal static void EmitOutputErrorFromLoss(CodeWriter writer, NetworkPlan plan)
    {
        int l = plan.OutputLayer.Index;
        if (plan.OutputError.UnrolledForOneSample)
        {
            EmitUnrolledMeanSquaredError(writer, plan);
            return;
        }

        writer.Comment($"BP1, {OutputErrorEquation(plan)}.");
        writer.Line($"float loss = {OutputErrorCall(plan, ScratchPlan.Z(l), ScratchPlan.A(l), "target", ScratchPlan.Delta(l), "1f")};");
        string? derivative = OutputDerivative(plan);
        if (derivative is not null)
        {
            writer.Line(derivative);
        }
    }

    /// <summary>BP1 for <c>Backpropagate</c>: δ[L] = Jᵀ·(∂L/∂ŷ), element-wise or through the softmax Jacobian.</summary>
    private static void EmitOutputErrorFromUpstream(CodeWriter writer, NetworkPlan plan)
    {
        LayerSpec output = plan.OutputLayer.Layer;
        int l = output.Index;
        string a = ScratchPlan.A(l);
        string z = ScratchPlan.Z(l);
        string delta = ScratchPlan.Delta(l);
        if (output.Activation == Activation.Softmax)
        {
            writer.Comment($"BP1 through softmax, as a Jacobian-vector product: δ_j = ŷ_j (g_j − Σ_k g_k ŷ_k), with g = ∂L/∂ŷ.");
            writer.Line($"{RuntimeContract.NetworkMath}.SoftmaxBackward({a}, outputGradient, {delta});");
            return;
        }

        writer.Comment($"BP1: δ[{l}] = ∂L/∂ŷ ⊙ g'(z[{l}]), with {ActivationFormulas.DerivativeEquation(output.Activation, l, plan.Spec.LeakySlope)}.");
        using (writer.Open("for (int k = 0; k < OutputSize; k++)"))
        {
            writer.Line($"{delta}[k] = {ActivationFormulas.TimesDerivative(output.Activation, "outputGradient[k]", $"{a}[k]", $"{z}[k]", plan.Spec.LeakySlope)};");
        }
    }

    /// <summary>
    /// BP1 of mean squared error for one sample, one statement per unit (see
    /// <see cref="OutputErrorPlan.UnrolledForOneSample"/>): declares <c>loss</c> and fills δ[L].
    /// </summary>
    private static void EmitUnrolledMeanSquaredError(CodeWriter writer, NetworkPlan plan)
    {
        LayerSpec output = plan.OutputLayer.Layer;
        int l = output.Index;
        string a = ScratchPlan.A(l);
        string z = ScratchPlan.Z(l);
        string delta = ScratchPlan.Delta(l);
        writer.Comment($"BP1, {OutputErrorEquation(plan)}; C = ½ Σ (ŷ − y)².");
        var squares = new List<string>();
        for (int k = 0; k < output.Size; k++)
        {
            string ak = LayerCode.ElementLocal(a, k);
            string error = LayerCode.ElementLocal("error" + l, k);
            writer.Line($"float {ak} = {a}[{k}], {error} = {ak} - target[{k}];");
            writer.Line($"{delta}[{k}] = {ActivationFormulas.TimesDerivative(output.Activation, error, ak, $"{z}[{k}]", plan.Spec.LeakySlope)};");
            squares.Add($"{error} * {error}");
        }

        writer.Line($"float loss = 0.5f * ({LayerCode.BalancedSum(squares)});");
    }

    /// <summary>The BP1 equation of the planned form, for the comment above it.</summary>
    private static string OutputErrorEquation(NetworkPlan plan)
    {
        LayerSpec output = plan.OutputLayer.Layer;
        int l = output.Index;
        return plan.OutputError.Form switch
        {
            OutputErrorForm.SoftmaxCrossEntropy => $"softmax and cross-entropy fused: δ[{l}] = ŷ·Σy − y (= ŷ − y for a one-hot y), C from the logits",
            OutputErrorForm.SigmoidBinaryCrossEntropy => $"sigmoid and binary cross-entropy fused: δ[{l}] = ŷ − y, C from the logits",
            OutputErrorForm.SoftmaxMeanSquaredError => $"mean squared error through softmax: δ[{l}] = Jᵀ·(ŷ − y)",
            _ => $"mean squared error: δ[{l}] = (ŷ − y) ⊙ g'(z[{l}]), with {ActivationFormulas.DerivativeEquation(output.Activation, l, plan.Spec.LeakySlope)}",
        };
    }

    /// <summary>The runtime call that fills <paramref name="delta"/> with δ[L]·scale and returns the sample's loss C.</summary>
    private static string OutputErrorCall(NetworkPlan plan, string logits, string output, string target, string delta, string scale) =>
        $"{RuntimeContract.OutputError}.{plan.OutputError.Form}({(plan.OutputError.ReadsLogits ? logits + ", " : string.Empty)}{output}, {target}, {delta}, {scale})";

    /// <summary>A statement multiplying the whole δ[L] by g'(z[L]) after the helper ran, or null when the helper is complete.</summary>
    private static string? OutputDerivative(NetworkPlan plan)
    {
        if (!plan.OutputError.AppliesDerivativeAfter)
        {
            return null;
        }

        LayerSpec output = plan.OutputLayer.Layer;
        int l = output.Index;
        return ActivationFormulas.MultiplyDerivative(output.Activation, ScratchPlan.Delta(l), ScratchPlan.A(l), ScratchPlan.Z(l), plan.Spec.LeakySlope);
    }

    // ---- BP2–BP4 for one sample ----

    public static void EmitBackwardLayers(CodeWriter writer, NetworkPlan plan, CancellationToken cancellationToken)
    {
        List<string> parameters = ScratchEmitter.SpanParameters(plan.Scratch.BackwardLayers);
        parameters.Add("global::System.Span<float> gradient");
        parameters.Add("global::System.Span<float> inputGradient");

        writer.Summary("From δ[L], adds ∂/∂b[l] and ∂/∂W[l] of every layer into the gradient, and writes ∂/∂x when asked for.");
        // Inlined into its two callers: for a tiny network, passing a span per layer costs as much as a layer.
        writer.Line("[global::System.Runtime.CompilerServices.MethodImpl(global::System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]");
        using (writer.Open($"private void BackwardLayers({string.Join(", ", parameters)})"))
        {
            writer.Line("global::System.ReadOnlySpan<float> p = Parameters;");
            for (int i = plan.Layers.Count - 1; i >= 0; i--)
            {
                cancellationToken.ThrowIfCancellationRequested();
                LayerPlan layer = plan.Layers[i];
                writer.Line();
                EmitParameterGradients(writer, layer);
                writer.Line();
                if (layer.Index > 1)
                {
                    EmitHiddenError(writer, plan, layer, plan.Layers[i - 1]);
                }
                else
                {
                    EmitInputGradient(writer, layer);
                }
            }
        }
    }

    private static void EmitParameterGradients(CodeWriter writer, LayerPlan plan)
    {
        LayerSpec layer = plan.Layer;
        int l = layer.Index;
        string delta = ScratchPlan.Delta(l);
        string input = LayerCode.Input(layer);
        writer.Comment(LayerCode.Describe(layer) + ", " + LayerCode.Strategy(plan.IsUnrolled ? LayerStrategy.StraightLine : LayerStrategy.Kernel));
        writer.Comment($"BP3: ∂C/∂b[{l}] = δ[{l}]");
        writer.Comment($"BP4: ∂C/∂W[{l}] = δ[{l}]·{LayerCode.InputSymbol(layer)}ᵀ");
        if (plan.IsUnrolled)
        {
            EmitReadIntoLocals(writer, layer);
            EmitUnrolledRows(writer, layer, "gradient", delta, $"Row j of ∂C/∂W[{l}] is δ[{l}]_j·{LayerCode.InputSymbol(layer)}ᵀ");
            return;
        }

        writer.Line($"{RuntimeContract.DenseKernels}.AccumulateGradient({delta}, {input}, {LayerCode.WeightsSlice(layer, "gradient")}, {LayerCode.BiasesSlice(layer, "gradient")}, 1);");
    }

    /// <summary>Reads δ[l] and a[l−1] of an unrolled layer into locals (<see cref="ReadInto"/>), for its rows and its BP2.</summary>
    internal static void EmitReadIntoLocals(CodeWriter writer, LayerSpec layer)
    {
        // Read once into locals: gradient could alias these spans as far as the JIT knows, so after every store
        // into it each δ and a would be loaded again.
        writer.Line($"float {ReadInto(ScratchPlan.Delta(layer.Index), layer.Size)};");
        writer.Line($"float {ReadInto(LayerCode.Input(layer), layer.InputSize)};");
    }

    /// <summary>
    /// target[b_j] += s_j and target[W_jk] += s_j·a[l−1]_k for an unrolled layer, with s_j the local
    /// <c>{scale}_j</c> (δ[l]_j for a gradient, −η·δ[l]_j for a descent step), vectorised where Vector128 is hardware.
    /// </summary>
    internal static void EmitUnrolledRows(CodeWriter writer, LayerSpec layer, string target, string scale, string rowComment)
    {
        int vectorLanes = layer.InputSize / GradientLanes * GradientLanes;
        if (vectorLanes == 0)
        {
            EmitGradientRows(writer, layer, 0, target, scale, rowComment);
            return;
        }

        // A constant test for the JIT and NativeAOT: only one branch is compiled.
        using (writer.Open($"if ({Vector128}.IsHardwareAccelerated)"))
        {
            EmitGradientRows(writer, layer, vectorLanes, target, scale, rowComment);
        }

        using (writer.Open("else"))
        {
            EmitGradientRows(writer, layer, 0, target, scale, rowComment);
        }
    }

    /// <summary>
    /// BP3 and BP4 for an unrolled layer from the locals of δ[l] and a[l−1]: the first <paramref name="vectorLanes"/>
    /// columns of each row of ∂C/∂W as Vector128s, the rest one by one.
    /// </summary>
    private static void EmitGradientRows(CodeWriter writer, LayerSpec layer, int vectorLanes, string target, string scale, string rowComment)
    {
        string input = LayerCode.Input(layer);
        if (vectorLanes > 0)
        {
            // Row j of ∂C/∂W is δ_j times the same a[l−1]: a quarter as many loads and stores, four lanes at a time.
            writer.Comment($"{rowComment}, {GradientLanes} lanes at a time, then the rest one by one.");
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
            string factor = LayerCode.ElementLocal(scale, j);
            writer.Line($"{target}[{layer.BiasesOffset + j}] += {factor};");
            for (int k = 0; k < vectorLanes; k += GradientLanes)
            {
                // Create<float>, not Create: before C# 13 a Span argument does not infer T through ReadOnlySpan<T>.
                string row = $"{target}.Slice({LayerCode.WeightIndex(layer, j, k)}, {GradientLanes})";
                writer.Line($"{Vector128}.CopyTo({Vector128}.Create<float>({row}) + {factor} * {Lanes(input, k)}, {row});");
            }

            for (int k = vectorLanes; k < layer.InputSize; k++)
            {
                writer.Line($"{target}[{LayerCode.WeightIndex(layer, j, k)}] += {factor} * {LayerCode.ElementLocal(input, k)};");
            }
        }
    }

    /// <summary>BP2: δ[l−1] = (W[l]ᵀ·δ[l]) ⊙ g'(z[l−1]).</summary>
    internal static void EmitHiddenError(CodeWriter writer, NetworkPlan plan, LayerPlan layerPlan, LayerPlan belowPlan)
    {
        LayerSpec layer = layerPlan.Layer;
        LayerSpec below = belowPlan.Layer;
        float slope = plan.Spec.LeakySlope;
        int l = layer.Index;
        int h = below.Index;
        string a = ScratchPlan.A(h);
        string z = ScratchPlan.Z(h);
        string target = ScratchPlan.Delta(h);
        writer.Comment($"BP2: δ[{h}] = (W[{l}]ᵀ·δ[{l}]) ⊙ g'(z[{h}]), with {ActivationFormulas.DerivativeEquation(below.Activation, h, slope)}.");
        if (layerPlan.IsUnrolled)
        {
            for (int k = 0; k < layer.InputSize; k++)
            {
                string sum = TransposedProduct(layer, k);
                writer.Line($"{target}[{k}] = {ActivationFormulas.TimesDerivative(below.Activation, sum, LayerCode.ElementLocal(a, k), $"{z}[{k}]", slope)};");
            }

            return;
        }

        EmitTransposedProductKernel(writer, layer, target);
        string? derivative = ActivationFormulas.MultiplyDerivative(below.Activation, target, a, z, slope);
        if (derivative is not null)
        {
            writer.Line(derivative);
        }
    }

    private static void EmitInputGradient(CodeWriter writer, LayerPlan plan)
    {
        LayerSpec layer = plan.Layer;
        writer.Comment("∂C/∂x = W[1]ᵀ·δ[1], only when the caller asked for it.");
        using (writer.Open("if (!inputGradient.IsEmpty)"))
        {
            if (plan.IsUnrolled)
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
        writer.Line($"{RuntimeContract.DenseKernels}.BackpropagateError({LayerCode.WeightsSlice(layer, "p")}, {ScratchPlan.Delta(layer.Index)}, {target}, 1);");
    }

    // ---- One block of a batch ----

    /// <summary>BP1 row by row (the loss needs each sample's own target), then g' over the whole block where it applies.</summary>
    public static void EmitBatchOutputError(CodeWriter writer, NetworkPlan plan)
    {
        int l = plan.OutputLayer.Index;
        string Row(string buffer) => $"{buffer}.Slice(s * OutputSize, OutputSize)";
        writer.Comment($"BP1, {OutputErrorEquation(plan)}; per sample, scaled by 1/N.");
        using (writer.Open("for (int s = 0; s < n; s++)"))
        {
            writer.Line($"loss += {OutputErrorCall(plan, Row(ScratchPlan.Z(l)), Row(ScratchPlan.A(l)), Row("y"), Row(ScratchPlan.Delta(l)), "scale")};");
        }

        string? derivative = OutputDerivative(plan);
        if (derivative is not null)
        {
            writer.Line(derivative);
        }
    }

    /// <summary>BP3 and BP4 of one layer for a block (∂W += δᵀ·A), then BP2 into the layer below (δ·W ⊙ g').</summary>
    public static void EmitBatchLayer(CodeWriter writer, NetworkPlan plan, LayerPlan layerPlan, LayerPlan? belowPlan)
    {
        LayerSpec layer = layerPlan.Layer;
        int l = layer.Index;
        string delta = ScratchPlan.Delta(l);
        string input = l == 1 ? "x" : ScratchPlan.A(l - 1);
        writer.Comment($"{LayerCode.Describe(layer)}: BP3 ∂J/∂b[{l}] = Σ_s δ[{l}]_s, BP4 ∂J/∂W[{l}] = δ[{l}]ᵀ·{(l == 1 ? "X" : $"A[{l - 1}]")}");
        writer.Line($"{RuntimeContract.DenseKernels}.AccumulateGradient({delta}, {input}, {LayerCode.WeightsSlice(layer, "gradient")}, {LayerCode.BiasesSlice(layer, "gradient")}, n);");
        if (belowPlan is null)
        {
            return;
        }

        LayerSpec below = belowPlan.Layer;
        float slope = plan.Spec.LeakySlope;
        int h = below.Index;
        writer.Comment($"BP2: δ[{h}] = δ[{l}]·W[{l}] ⊙ g'(z[{h}]), with {ActivationFormulas.DerivativeEquation(below.Activation, h, slope)}.");
        writer.Line($"{RuntimeContract.DenseKernels}.BackpropagateError({LayerCode.WeightsSlice(layer, "p")}, {delta}, {ScratchPlan.Delta(h)}, n);");
        string? derivative = ActivationFormulas.MultiplyDerivative(below.Activation, ScratchPlan.Delta(h), ScratchPlan.A(h), ScratchPlan.Z(h), slope);
        if (derivative is not null)
        {
            writer.Line(derivative);
        }
    }
}
