using System.Collections.Generic;
using StaticNet.Generator.Model;

namespace StaticNet.Generator.Emit;

/// <summary>
/// BP1 for <c>Backward</c> and <c>BackwardBatch</c> alike: which <c>StaticNet.OutputError</c> helper computes the loss
/// and δ[L] for the network's loss and output activation, and the g' still to apply afterwards. The equations live
/// in the runtime once; both emitters only choose the call. The one exception is mean squared error on an unrolled
/// output layer for one sample (<see cref="Unrolls"/>), written out per unit: for a 4-5-3 network the two calls of
/// the general form cost more than the arithmetic they do (<c>Backward</c> 85 → 78 ns).
/// </summary>
internal sealed class OutputErrorEmitter
{
    private readonly NetworkSpec _spec;
    private readonly string _helper;
    private readonly bool _readsLogits;

    private OutputErrorEmitter(NetworkSpec spec)
    {
        _spec = spec;
        LayerSpec output = spec.OutputLayer;
        int l = output.Index;
        switch (spec.Loss)
        {
            case LossKind.CrossEntropy:
                _helper = "SoftmaxCrossEntropy";
                _readsLogits = true;
                Equation = $"softmax and cross-entropy fused: δ[{l}] = ŷ·Σy − y (= ŷ − y for a one-hot y), C from the logits";
                break;
            case LossKind.BinaryCrossEntropy:
                _helper = "SigmoidBinaryCrossEntropy";
                _readsLogits = true;
                Equation = $"sigmoid and binary cross-entropy fused: δ[{l}] = ŷ − y, C from the logits";
                break;
            case LossKind.MeanSquaredError when output.Activation == ActivationKind.Softmax:
                _helper = "SoftmaxMeanSquaredError";
                Equation = $"mean squared error through softmax: δ[{l}] = Jᵀ·(ŷ − y)";
                break;
            default:
                _helper = "MeanSquaredError";
                Equation = $"mean squared error: δ[{l}] = (ŷ − y) ⊙ g'(z[{l}]), with {ActivationFormulas.DerivativeEquation(output.Activation, l, spec.LeakySlope)}";
                Derivative = ActivationFormulas.MultiplyDerivative(
                    output.Activation, ScratchPlan.Delta(l), ScratchPlan.A(l), ScratchPlan.Z(l), spec.LeakySlope);
                Unrolls = LayerCode.IsUnrolled(output);
                break;
        }
    }

    /// <summary>The BP1 equation, for the comment above the call.</summary>
    public string Equation { get; }

    /// <summary>Whether <c>Backward</c> writes BP1 out per unit with <see cref="EmitUnrolled"/> instead of the call.</summary>
    public bool Unrolls { get; }

    /// <summary>A statement multiplying the whole δ[L] by g'(z[L]) after the helper ran, or null when the helper is complete.</summary>
    public string? Derivative { get; }

    public static OutputErrorEmitter For(NetworkSpec spec) => new(spec);

    /// <summary>The call that fills <paramref name="delta"/> with δ[L]·scale and returns the sample's loss C.</summary>
    public string Call(string logits, string output, string target, string delta, string scale) =>
        $"global::StaticNet.OutputError.{_helper}({(_readsLogits ? logits + ", " : string.Empty)}{output}, {target}, {delta}, {scale})";

    /// <summary>BP1 for one sample, one statement per unit: declares <c>loss</c> and fills δ[L] (see <see cref="Unrolls"/>).</summary>
    public void EmitUnrolled(CodeWriter writer)
    {
        LayerSpec output = _spec.OutputLayer;
        int l = output.Index;
        string a = ScratchPlan.A(l);
        string z = ScratchPlan.Z(l);
        string delta = ScratchPlan.Delta(l);
        writer.Comment($"BP1, {Equation}; C = ½ Σ (ŷ − y)².");
        var squares = new List<string>();
        for (int k = 0; k < output.Size; k++)
        {
            string ak = LayerCode.ElementLocal(a, k);
            string error = LayerCode.ElementLocal("error" + l, k);
            writer.Line($"float {ak} = {a}[{k}], {error} = {ak} - target[{k}];");
            writer.Line($"{delta}[{k}] = {ActivationFormulas.TimesDerivative(output.Activation, error, ak, $"{z}[{k}]", _spec.LeakySlope)};");
            squares.Add($"{error} * {error}");
        }

        writer.Line($"float loss = 0.5f * ({LayerCode.BalancedSum(squares)});");
    }
}
