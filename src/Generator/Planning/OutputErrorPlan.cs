using StaticNet.Generator.Model;

namespace StaticNet.Generator.Planning;

/// <summary>
/// Which form BP1 takes for the network's loss and output activation. Each form has its own runtime helper (which the
/// emitter names) that computes the loss and δ[L], the one place those equations live.
/// </summary>
internal enum OutputErrorForm
{
    /// <summary>Softmax and cross-entropy fused: δ[L] = ŷ·Σy − y, C from the logits.</summary>
    SoftmaxCrossEntropy,

    /// <summary>Sigmoid and binary cross-entropy fused: δ[L] = ŷ − y, C from the logits.</summary>
    SigmoidBinaryCrossEntropy,

    /// <summary>Mean squared error through the softmax Jacobian: δ[L] = Jᵀ·(ŷ − y).</summary>
    SoftmaxMeanSquaredError,

    /// <summary>Mean squared error of an element-wise output: δ[L] = (ŷ − y) ⊙ g'(z[L]), g' applied after the helper.</summary>
    MeanSquaredError,

    /// <summary>Huber loss through the softmax Jacobian: δ[L] = Jᵀ·h'(ŷ − y).</summary>
    SoftmaxHuber,

    /// <summary>Huber loss of an element-wise output: δ[L] = h'(ŷ − y) ⊙ g'(z[L]), g' applied after the helper.</summary>
    Huber,

    /// <summary>Absolute error through the softmax Jacobian: δ[L] = Jᵀ·sign(ŷ − y).</summary>
    SoftmaxMeanAbsoluteError,

    /// <summary>Absolute error of an element-wise output: δ[L] = sign(ŷ − y) ⊙ g'(z[L]), g' applied after the helper.</summary>
    MeanAbsoluteError,
}

/// <summary>BP1 as planned: its form, whether the helper reads the logits, and whether one sample writes it out per unit.</summary>
/// <param name="Form">The fused form, and so the runtime helper.</param>
/// <param name="ReadsLogits">Whether the helper takes z[L] as well as ŷ.</param>
/// <param name="AppliesDerivativeAfter">Whether g'(z[L]) is multiplied in after the helper (element-wise MSE only).</param>
/// <param name="UnrolledForOneSample">
/// Whether <c>Backward</c> writes BP1 out per unit instead of calling the helper: mean squared error on an unrolled
/// output layer, where the two calls of the general form cost more than the arithmetic (4-5-3 <c>Backward</c> 85 → 78 ns).
/// </param>
internal sealed record OutputErrorPlan(OutputErrorForm Form, bool ReadsLogits, bool AppliesDerivativeAfter, bool UnrolledForOneSample)
{
    public static OutputErrorPlan For(NetworkSpec spec, bool outputUnrolled)
    {
        // The regression losses take ∂C/∂ŷ through the softmax Jacobian, or through an element-wise g' afterwards.
        bool jacobian = ActivationTable.Of(spec.OutputLayer.Activation).Derivative == DerivativeSource.Jacobian;
        return spec.Loss switch
        {
            Loss.CrossEntropy => new(OutputErrorForm.SoftmaxCrossEntropy, ReadsLogits: true, AppliesDerivativeAfter: false, UnrolledForOneSample: false),
            Loss.BinaryCrossEntropy => new(OutputErrorForm.SigmoidBinaryCrossEntropy, ReadsLogits: true, AppliesDerivativeAfter: false, UnrolledForOneSample: false),
            Loss.Huber => new(jacobian ? OutputErrorForm.SoftmaxHuber : OutputErrorForm.Huber, ReadsLogits: false, AppliesDerivativeAfter: !jacobian, UnrolledForOneSample: false),
            Loss.MeanAbsoluteError => new(jacobian ? OutputErrorForm.SoftmaxMeanAbsoluteError : OutputErrorForm.MeanAbsoluteError, ReadsLogits: false, AppliesDerivativeAfter: !jacobian, UnrolledForOneSample: false),
            _ when jacobian => new(OutputErrorForm.SoftmaxMeanSquaredError, ReadsLogits: false, AppliesDerivativeAfter: false, UnrolledForOneSample: false),
            _ => new(OutputErrorForm.MeanSquaredError, ReadsLogits: false, AppliesDerivativeAfter: true, UnrolledForOneSample: outputUnrolled),
        };
    }
}
