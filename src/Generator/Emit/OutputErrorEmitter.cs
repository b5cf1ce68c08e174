using System.Collections.Generic;
using StaticNet.Generator.Model;
using StaticNet.Generator.Planning;

namespace StaticNet.Generator.Emit;

/// <summary>
/// BP1 from a loss, δ[L] and C, in the form <see cref="OutputErrorPlan"/> chose: for one sample (the runtime helper, or
/// one statement per unit) and for one block of a batch. <c>Backward</c>, <c>TrainStep</c> and <c>BackwardBatch</c>
/// all write it through here.
/// </summary>
internal static class OutputErrorEmitter
{
    /// <summary>BP1 for <c>Backward</c>: declares <c>loss</c> and fills δ[L] from the loss and the target.</summary>
    internal static void EmitOutputErrorFromLoss(CodeWriter writer, NetworkPlan plan)
    {
        int l = plan.OutputLayer.Index;
        if (plan.OutputError.UnrolledForOneSample)
        {
            EmitUnrolledMeanSquaredError(writer, plan, inLocals: false);
            return;
        }

        writer.Comment($"BP1, {OutputErrorEquation(plan)}.");
        writer.Line($"float loss = {OutputErrorCall(plan, Names.Z(l), Names.A(l), "target", Names.Delta(l), "1f")};");
        string? derivative = OutputDerivative(plan);
        if (derivative is not null)
        {
            writer.Line(derivative);
        }
    }

    /// <summary>
    /// BP1 for a train step in registers (<see cref="NetworkPlan.TrainStepInRegisters"/>): from the locals of a[L],
    /// declares <c>loss</c> and the locals of δ[L].
    /// </summary>
    internal static void EmitOutputErrorInLocals(CodeWriter writer, NetworkPlan plan) => EmitUnrolledMeanSquaredError(writer, plan, inLocals: true);

    /// <summary>
    /// BP1 of mean squared error for one sample, one statement per unit (see
    /// <see cref="OutputErrorPlan.UnrolledForOneSample"/>): declares <c>loss</c> and fills δ[L], from the span a[L] into
    /// the span δ[L], or <paramref name="inLocals"/> from the locals of a[L] into new locals of δ[L].
    /// </summary>
    private static void EmitUnrolledMeanSquaredError(CodeWriter writer, NetworkPlan plan, bool inLocals)
    {
        LayerSpec output = plan.OutputLayer.Layer;
        int l = output.Index;
        string a = Names.A(l);
        string z = Names.Z(l);
        string delta = Names.Delta(l);
        writer.Comment($"BP1, {OutputErrorEquation(plan)}; C = ½ Σ (ŷ − y)².");
        var squares = new List<string>();
        for (int k = 0; k < output.Size; k++)
        {
            string ak = LayerCode.ElementLocal(a, k);
            string error = LayerCode.ElementLocal("error" + l, k);
            string errorTimesDerivative = ActivationFormulas.TimesDerivative(output.Activation, error, ak, $"{z}[{k}]", plan.Spec.LeakySlope);
            if (inLocals)
            {
                writer.Line($"float {error} = {ak} - target[{k}], {LayerCode.ElementLocal(delta, k)} = {errorTimesDerivative};");
            }
            else
            {
                writer.Line($"float {ak} = {a}[{k}], {error} = {ak} - target[{k}];");
                writer.Line($"{delta}[{k}] = {errorTimesDerivative};");
            }

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
            OutputErrorForm.SoftmaxHuber => $"Huber loss (δ = {HuberDelta(plan)}) through softmax: δ[{l}] = Jᵀ·clamp(ŷ − y, −{HuberDelta(plan)}, {HuberDelta(plan)})",
            OutputErrorForm.SoftmaxMeanAbsoluteError => $"absolute error through softmax: δ[{l}] = Jᵀ·sign(ŷ − y)",
            OutputErrorForm.Huber => $"Huber loss (δ = {HuberDelta(plan)}): δ[{l}] = clamp(ŷ − y, −{HuberDelta(plan)}, {HuberDelta(plan)}) ⊙ g'(z[{l}]), with {ActivationFormulas.DerivativeEquation(output.Activation, l, plan.Spec.LeakySlope)}",
            OutputErrorForm.MeanAbsoluteError => $"absolute error: δ[{l}] = sign(ŷ − y) ⊙ g'(z[{l}]), with {ActivationFormulas.DerivativeEquation(output.Activation, l, plan.Spec.LeakySlope)}",
            _ => $"mean squared error: δ[{l}] = (ŷ − y) ⊙ g'(z[{l}]), with {ActivationFormulas.DerivativeEquation(output.Activation, l, plan.Spec.LeakySlope)}",
        };
    }

    /// <summary>
    /// The extra argument of the Huber helpers for a HuberDelta other than 1 (<c>, 2f</c>); nothing otherwise, so the
    /// default calls the delta-1 helper and a network without HuberDelta reads as before it existed.
    /// </summary>
    internal static string HuberDeltaArgument(NetworkSpec spec) =>
        spec.Loss == Loss.Huber && spec.HuberDelta != 1f ? ", " + Literals.Float(spec.HuberDelta) : string.Empty;

    /// <summary>The Huber loss's δ as the comments write it, e.g. <c>1</c> or <c>0.5</c>.</summary>
    private static string HuberDelta(NetworkPlan plan) => plan.Spec.HuberDelta.ToString("R", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The runtime call that fills <paramref name="delta"/> with δ[L]·scale and returns the sample's loss C.</summary>
    private static string OutputErrorCall(NetworkPlan plan, string logits, string output, string target, string delta, string scale) =>
        $"{Helper(plan.OutputError.Form)}({(plan.OutputError.ReadsLogits ? logits + ", " : string.Empty)}{output}, {target}, {delta}, {scale}{HuberDeltaArgument(plan.Spec)})";

    /// <summary>The runtime helper that computes the loss and δ[L] in <paramref name="form"/>.</summary>
    private static string Helper(OutputErrorForm form) => RuntimeContract.OutputError + "." + form switch
    {
        OutputErrorForm.SoftmaxCrossEntropy => "SoftmaxCrossEntropy",
        OutputErrorForm.SigmoidBinaryCrossEntropy => "SigmoidBinaryCrossEntropy",
        OutputErrorForm.SoftmaxMeanSquaredError => "SoftmaxMeanSquaredError",
        OutputErrorForm.SoftmaxHuber => "SoftmaxHuber",
        OutputErrorForm.Huber => "Huber",
        OutputErrorForm.SoftmaxMeanAbsoluteError => "SoftmaxMeanAbsoluteError",
        OutputErrorForm.MeanAbsoluteError => "MeanAbsoluteError",
        _ => "MeanSquaredError",
    };

    /// <summary>A statement multiplying the whole δ[L] by g'(z[L]) after the helper ran, or null when the helper is complete.</summary>
    private static string? OutputDerivative(NetworkPlan plan)
    {
        if (!plan.OutputError.AppliesDerivativeAfter)
        {
            return null;
        }

        LayerSpec output = plan.OutputLayer.Layer;
        int l = output.Index;
        return ActivationFormulas.MultiplyDerivative(output.Activation, Names.Delta(l), Names.A(l), Names.Z(l), plan.Spec.LeakySlope);
    }

    /// <summary>BP1 row by row (the loss needs each sample's own target), then g' over the whole block where it applies.</summary>
    public static void EmitBatchOutputError(CodeWriter writer, NetworkPlan plan)
    {
        int l = plan.OutputLayer.Index;
        string Row(string buffer) => $"{buffer}.Slice(s * OutputSize, OutputSize)";
        writer.Comment($"BP1, {OutputErrorEquation(plan)}; per sample, scaled by 1/N.");
        using (writer.Open("for (int s = 0; s < n; s++)"))
        {
            writer.Line($"loss += {OutputErrorCall(plan, Row(Names.Z(l)), Row(Names.A(l)), Row("y"), Row(Names.Delta(l)), "scale")};");
        }

        string? derivative = OutputDerivative(plan);
        if (derivative is not null)
        {
            writer.Line(derivative);
        }
    }
}
