using System;
using System.ComponentModel;
using StaticNet.Kernels;

namespace StaticNet.CompilerServices;

/// <summary>
/// BP1 for one sample of a batch: the loss C and the output error δ[L] = ∂C/∂z[L] scaled by 1/N, so that summing
/// over the batch gives the gradient of the mean loss J = (1/N) Σ C_i. Generated batch methods call these per row.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class OutputError
{
    /// <summary>Softmax with cross-entropy, fused: δ = (ŷ·Σy − y)·scale; C from the logits.</summary>
    /// <param name="logits">z[L].</param>
    /// <param name="output">ŷ = softmax(z[L]).</param>
    /// <param name="target">y.</param>
    /// <param name="delta">Receives δ[L]·scale.</param>
    /// <param name="scale">1/N for a batch of N.</param>
    /// <returns>The sample's loss C (not scaled).</returns>
    public static float SoftmaxCrossEntropy(ReadOnlySpan<float> logits, ReadOnlySpan<float> output, ReadOnlySpan<float> target, Span<float> delta, float scale) =>
        SoftmaxCrossEntropy<PlatformMath>(logits, output, target, delta, scale);

    /// <summary>Softmax with cross-entropy, C computed with the e^x and ln x of <typeparamref name="TMath"/>.</summary>
    internal static float SoftmaxCrossEntropy<TMath>(ReadOnlySpan<float> logits, ReadOnlySpan<float> output, ReadOnlySpan<float> target, Span<float> delta, float scale)
        where TMath : struct, IScalarMath
    {
        float loss = Losses.CrossEntropyFromLogits<TMath>(logits, target);
        float targetSum = 0f;
        foreach (float y in target)
        {
            targetSum += y;
        }

        for (int k = 0; k < delta.Length; k++)
        {
            delta[k] = ((output[k] * targetSum) - target[k]) * scale;
        }

        return loss;
    }

    /// <summary>Sigmoid with binary cross-entropy, fused: δ = (ŷ − y)·scale; C from the logits.</summary>
    /// <param name="logits">z[L].</param>
    /// <param name="output">ŷ = σ(z[L]).</param>
    /// <param name="target">y.</param>
    /// <param name="delta">Receives δ[L]·scale.</param>
    /// <param name="scale">1/N for a batch of N.</param>
    /// <returns>The sample's loss C (not scaled).</returns>
    public static float SigmoidBinaryCrossEntropy(ReadOnlySpan<float> logits, ReadOnlySpan<float> output, ReadOnlySpan<float> target, Span<float> delta, float scale) =>
        SigmoidBinaryCrossEntropy<PlatformMath>(logits, output, target, delta, scale);

    /// <summary>Sigmoid with binary cross-entropy, C computed with the e^x and ln x of <typeparamref name="TMath"/>.</summary>
    internal static float SigmoidBinaryCrossEntropy<TMath>(ReadOnlySpan<float> logits, ReadOnlySpan<float> output, ReadOnlySpan<float> target, Span<float> delta, float scale)
        where TMath : struct, IScalarMath
    {
        for (int k = 0; k < delta.Length; k++)
        {
            delta[k] = (output[k] - target[k]) * scale;
        }

        return Losses.BinaryCrossEntropyFromLogits<TMath>(logits, target);
    }

    /// <summary>Mean squared error before g': δ = (ŷ − y)·scale (the caller multiplies by g'(z[L])).</summary>
    /// <param name="output">ŷ.</param>
    /// <param name="target">y.</param>
    /// <param name="delta">Receives (ŷ − y)·scale.</param>
    /// <param name="scale">1/N for a batch of N.</param>
    /// <returns>The sample's loss C = ½ Σ (ŷ − y)².</returns>
    public static float MeanSquaredError(ReadOnlySpan<float> output, ReadOnlySpan<float> target, Span<float> delta, float scale)
    {
        float loss = 0f;
        for (int k = 0; k < delta.Length; k++)
        {
            float error = output[k] - target[k];
            loss += error * error;
            delta[k] = error * scale;
        }

        return 0.5f * loss;
    }

    /// <summary>Mean squared error through softmax: δ = Jᵀ(ŷ − y)·scale, the exact Jacobian-vector product.</summary>
    /// <param name="output">ŷ = softmax(z[L]).</param>
    /// <param name="target">y.</param>
    /// <param name="delta">Receives δ[L]·scale.</param>
    /// <param name="scale">1/N for a batch of N.</param>
    /// <returns>The sample's loss C = ½ Σ (ŷ − y)².</returns>
    public static float SoftmaxMeanSquaredError(ReadOnlySpan<float> output, ReadOnlySpan<float> target, Span<float> delta, float scale)
    {
        float loss = 0f, errorDotOutput = 0f;
        for (int k = 0; k < delta.Length; k++)
        {
            float error = output[k] - target[k];
            loss += error * error;
            errorDotOutput += error * output[k];
        }

        for (int k = 0; k < delta.Length; k++)
        {
            delta[k] = output[k] * (output[k] - target[k] - errorDotOutput) * scale;
        }

        return 0.5f * loss;
    }

    /// <summary>Huber loss (delta 1) before g': δ = h'(ŷ − y)·scale (the caller multiplies by g'(z[L])).</summary>
    /// <param name="output">ŷ.</param>
    /// <param name="target">y.</param>
    /// <param name="delta">Receives h'(ŷ − y)·scale.</param>
    /// <param name="scale">1/N for a batch of N.</param>
    /// <returns>The sample's loss C = Σ h(ŷ − y).</returns>
    public static float Huber(ReadOnlySpan<float> output, ReadOnlySpan<float> target, Span<float> delta, float scale) =>
        Elementwise(new HuberLoss(1f), output, target, delta, scale);

    /// <summary>Huber loss with threshold <paramref name="huberDelta"/> before g': δ = clamp(ŷ − y, −huberDelta, huberDelta)·scale.</summary>
    /// <param name="output">ŷ.</param>
    /// <param name="target">y.</param>
    /// <param name="delta">Receives h'(ŷ − y)·scale.</param>
    /// <param name="scale">1/N for a batch of N.</param>
    /// <param name="huberDelta">The attribute's HuberDelta, where the loss turns from quadratic to linear.</param>
    /// <returns>The sample's loss C = Σ h(ŷ − y).</returns>
    public static float Huber(ReadOnlySpan<float> output, ReadOnlySpan<float> target, Span<float> delta, float scale, float huberDelta) =>
        Elementwise(new HuberLoss(huberDelta), output, target, delta, scale);

    /// <summary>Huber loss (delta 1) through softmax: δ = Jᵀ·h'(ŷ − y)·scale, the exact Jacobian-vector product.</summary>
    /// <param name="output">ŷ = softmax(z[L]).</param>
    /// <param name="target">y.</param>
    /// <param name="delta">Receives δ[L]·scale.</param>
    /// <param name="scale">1/N for a batch of N.</param>
    /// <returns>The sample's loss C = Σ h(ŷ − y).</returns>
    public static float SoftmaxHuber(ReadOnlySpan<float> output, ReadOnlySpan<float> target, Span<float> delta, float scale) =>
        ThroughSoftmax(new HuberLoss(1f), output, target, delta, scale);

    /// <summary>Huber loss with threshold <paramref name="huberDelta"/> through softmax: δ = Jᵀ·h'(ŷ − y)·scale.</summary>
    /// <param name="output">ŷ = softmax(z[L]).</param>
    /// <param name="target">y.</param>
    /// <param name="delta">Receives δ[L]·scale.</param>
    /// <param name="scale">1/N for a batch of N.</param>
    /// <param name="huberDelta">The attribute's HuberDelta, where the loss turns from quadratic to linear.</param>
    /// <returns>The sample's loss C = Σ h(ŷ − y).</returns>
    public static float SoftmaxHuber(ReadOnlySpan<float> output, ReadOnlySpan<float> target, Span<float> delta, float scale, float huberDelta) =>
        ThroughSoftmax(new HuberLoss(huberDelta), output, target, delta, scale);

    /// <summary>Absolute error before g': δ = sign(ŷ − y)·scale (the caller multiplies by g'(z[L])).</summary>
    /// <param name="output">ŷ.</param>
    /// <param name="target">y.</param>
    /// <param name="delta">Receives sign(ŷ − y)·scale.</param>
    /// <param name="scale">1/N for a batch of N.</param>
    /// <returns>The sample's loss C = Σ |ŷ − y|.</returns>
    public static float MeanAbsoluteError(ReadOnlySpan<float> output, ReadOnlySpan<float> target, Span<float> delta, float scale) =>
        Elementwise(new AbsoluteLoss(), output, target, delta, scale);

    /// <summary>Absolute error through softmax: δ = Jᵀ·sign(ŷ − y)·scale, the exact Jacobian-vector product.</summary>
    /// <param name="output">ŷ = softmax(z[L]).</param>
    /// <param name="target">y.</param>
    /// <param name="delta">Receives δ[L]·scale.</param>
    /// <param name="scale">1/N for a batch of N.</param>
    /// <returns>The sample's loss C = Σ |ŷ − y|.</returns>
    public static float SoftmaxMeanAbsoluteError(ReadOnlySpan<float> output, ReadOnlySpan<float> target, Span<float> delta, float scale) =>
        ThroughSoftmax(new AbsoluteLoss(), output, target, delta, scale);

    private static float Elementwise<TLoss>(TLoss loss, ReadOnlySpan<float> output, ReadOnlySpan<float> target, Span<float> delta, float scale)
        where TLoss : struct, IElementLoss
    {
        float sum = 0f;
        for (int k = 0; k < delta.Length; k++)
        {
            float error = output[k] - target[k];
            sum += loss.Value(error);
            delta[k] = loss.Derivative(error) * scale;
        }

        return sum;
    }

    // δ_j = a_j (g_j − Σ_k g_k a_k) with g = ∂C/∂ŷ, computed in place (g recomputed in the second pass).
    private static float ThroughSoftmax<TLoss>(TLoss loss, ReadOnlySpan<float> output, ReadOnlySpan<float> target, Span<float> delta, float scale)
        where TLoss : struct, IElementLoss
    {
        float sum = 0f, gradientDotOutput = 0f;
        for (int k = 0; k < delta.Length; k++)
        {
            float error = output[k] - target[k];
            sum += loss.Value(error);
            gradientDotOutput += loss.Derivative(error) * output[k];
        }

        for (int k = 0; k < delta.Length; k++)
        {
            delta[k] = output[k] * (loss.Derivative(output[k] - target[k]) - gradientDotOutput) * scale;
        }

        return sum;
    }
}
