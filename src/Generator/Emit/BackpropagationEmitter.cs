using System;
using System.Collections.Generic;
using System.Threading;
using StaticNet.Generator.Model;
using StaticNet.Generator.Planning;

namespace StaticNet.Generator.Emit;

/// <summary>
/// The public backpropagation methods of one sample, <c>Backward</c> and <c>Backpropagate</c> (forward, BP1, then
/// <c>BackwardLayers</c>), BP1 from an upstream gradient, and <c>BackwardLayers</c>, which runs BP3, BP4 and BP2 from
/// the last layer to the first. The equations are in docs/backprop.md; each emitted block is commented with the one it
/// implements. BP1 from a loss comes from <see cref="OutputErrorEmitter"/>, each layer's code from
/// <see cref="LayerGradientEmitter"/>.
/// </summary>
internal static class BackpropagationEmitter
{
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
            EmitTrainingPass(writer, plan, "target", () => OutputErrorEmitter.EmitOutputErrorFromLoss(writer, plan));
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
        ScratchEmitter.EmitScratchAndForward(writer, plan);
        writer.Line();
        emitOutputError();
        writer.Line();
        writer.Line($"BackwardLayers({string.Join(", ", ScratchEmitter.BackwardLayersArguments(plan, "gradient", "inputGradient"))});");
    }

    /// <summary>BP1 for <c>Backpropagate</c>: δ[L] = Jᵀ·(∂L/∂ŷ), element-wise or through the softmax Jacobian.</summary>
    private static void EmitOutputErrorFromUpstream(CodeWriter writer, NetworkPlan plan)
    {
        LayerSpec output = plan.OutputLayer.Layer;
        int l = output.Index;
        string a = Names.A(l);
        string z = Names.Z(l);
        string delta = Names.Delta(l);
        if (ActivationFormulas.IsLayerWise(output.Activation))
        {
            writer.Comment($"BP1 through softmax, as a Jacobian-vector product: δ_j = ŷ_j (g_j − Σ_k g_k ŷ_k), with g = ∂L/∂ŷ.");
            writer.Line(ActivationFormulas.JacobianProduct(output.Activation, a, "outputGradient", delta));
            return;
        }

        writer.Comment($"BP1: δ[{l}] = ∂L/∂ŷ ⊙ g'(z[{l}]), with {ActivationFormulas.DerivativeEquation(output.Activation, l, plan.Spec.LeakySlope)}.");
        using (writer.Open("for (int k = 0; k < OutputSize; k++)"))
        {
            writer.Line($"{delta}[k] = {ActivationFormulas.TimesDerivative(output.Activation, "outputGradient[k]", $"{a}[k]", $"{z}[k]", plan.Spec.LeakySlope)};");
        }
    }

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
                LayerGradientEmitter.EmitParameterGradients(writer, layer);
                writer.Line();
                if (layer.Index > 1)
                {
                    LayerGradientEmitter.EmitHiddenError(writer, plan, layer, plan.Layers[i - 1]);
                }
                else
                {
                    LayerGradientEmitter.EmitInputGradient(writer, layer);
                }
            }
        }
    }
}
