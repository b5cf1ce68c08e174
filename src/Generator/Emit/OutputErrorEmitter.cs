using StaticNet.Generator.Model;

namespace StaticNet.Generator.Emit;

/// <summary>
/// BP1 for <c>Backward</c> and <c>BackwardBatch</c> alike: which <c>StaticNet.OutputError</c> helper computes the loss
/// and δ[L] for the network's loss and output activation, and the g' still to apply afterwards. The equations live
/// in the runtime once; both emitters only choose the call.
/// </summary>
internal sealed class OutputErrorEmitter
{
    private readonly string _helper;
    private readonly bool _readsLogits;

    private OutputErrorEmitter(NetworkSpec spec)
    {
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
                break;
        }
    }

    /// <summary>The BP1 equation, for the comment above the call.</summary>
    public string Equation { get; }

    /// <summary>A statement multiplying the whole δ[L] by g'(z[L]) after the helper ran, or null when the helper is complete.</summary>
    public string? Derivative { get; }

    public static OutputErrorEmitter For(NetworkSpec spec) => new(spec);

    /// <summary>The call that fills <paramref name="delta"/> with δ[L]·scale and returns the sample's loss C.</summary>
    public string Call(string logits, string output, string target, string delta, string scale) =>
        $"global::StaticNet.OutputError.{_helper}({(_readsLogits ? logits + ", " : string.Empty)}{output}, {target}, {delta}, {scale})";
}
