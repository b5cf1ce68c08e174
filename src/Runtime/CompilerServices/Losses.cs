using System;
using System.ComponentModel;
using StaticNet.Kernels;

namespace StaticNet.CompilerServices;

/// <summary>
/// The per-sample losses of <see cref="Loss"/>, in numerically stable forms: a saturated output gives a large
/// finite loss, never NaN or ∞. Losses of probabilities clamp each logarithm at −100, as PyTorch's BCELoss does;
/// losses of logits need no clamp and are exact.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class Losses
{
    /// <summary>The most negative value a logarithm contributes, so that log 0 stays finite.</summary>
    public const float MinLog = -100f;

    /// <summary>Dispatches to the loss named by <paramref name="loss"/>.</summary>
    /// <param name="loss">Which loss.</param>
    /// <param name="output">The network output ŷ.</param>
    /// <param name="target">The target y, same length.</param>
    public static float Compute(Loss loss, ReadOnlySpan<float> output, ReadOnlySpan<float> target) => loss switch
    {
        Loss.MeanSquaredError => MeanSquaredError(output, target),
        Loss.CrossEntropy => CrossEntropy(output, target),
        Loss.BinaryCrossEntropy => BinaryCrossEntropy(output, target),
        Loss.Huber => Huber(output, target),
        Loss.MeanAbsoluteError => MeanAbsoluteError(output, target),
        _ => throw new ArgumentOutOfRangeException(nameof(loss), loss, "Unknown loss."),
    };

    /// <summary>C = ½ Σ_k (ŷ_k − y_k)².</summary>
    /// <param name="output">The network output ŷ.</param>
    /// <param name="target">The target y, same length.</param>
    public static float MeanSquaredError(ReadOnlySpan<float> output, ReadOnlySpan<float> target)
    {
        SpanLength.Require(target, output.Length, nameof(target));
        float sum = 0f;
        for (int k = 0; k < output.Length; k++)
        {
            float d = output[k] - target[k];
            sum += d * d;
        }

        return 0.5f * sum;
    }

    /// <summary>C = −Σ_k y_k log ŷ_k, for probabilities ŷ (a softmax output).</summary>
    /// <param name="output">The probabilities ŷ.</param>
    /// <param name="target">The target distribution y (usually one-hot), same length.</param>
    public static float CrossEntropy(ReadOnlySpan<float> output, ReadOnlySpan<float> target) => CrossEntropy<PlatformMath>(output, target);

    /// <summary>Cross-entropy with the logarithm of <typeparamref name="TMath"/> (the platform's, or the deterministic networks' own).</summary>
    internal static float CrossEntropy<TMath>(ReadOnlySpan<float> output, ReadOnlySpan<float> target)
        where TMath : struct, IScalarMath
    {
        SpanLength.Require(target, output.Length, nameof(target));
        float sum = 0f;
        for (int k = 0; k < output.Length; k++)
        {
            if (target[k] != 0f)
            {
                sum -= target[k] * SafeLog<TMath>(output[k]);
            }
        }

        return sum;
    }

    /// <summary>C = −Σ_k y_k log softmax(z)_k computed from the logits z with the log-sum-exp trick.</summary>
    /// <param name="logits">The pre-softmax values z.</param>
    /// <param name="target">The target distribution y, same length.</param>
    public static float CrossEntropyFromLogits(ReadOnlySpan<float> logits, ReadOnlySpan<float> target) => CrossEntropyFromLogits<PlatformMath>(logits, target);

    /// <summary>Cross-entropy from logits with the e^x and ln x of <typeparamref name="TMath"/>.</summary>
    internal static float CrossEntropyFromLogits<TMath>(ReadOnlySpan<float> logits, ReadOnlySpan<float> target)
        where TMath : struct, IScalarMath
    {
        SpanLength.Require(target, logits.Length, nameof(target));
        float max = float.NegativeInfinity;
        foreach (float z in logits)
        {
            max = MathF.Max(max, z);
        }

        float sumExp = 0f;
        foreach (float z in logits)
        {
            sumExp += default(TMath).Exp(z - max);
        }

        float logSumExp = max + default(TMath).Log(sumExp);
        float sum = 0f;
        for (int k = 0; k < logits.Length; k++)
        {
            if (target[k] != 0f)
            {
                // No clamp here: z − logsumexp(z) is finite for finite logits, and clamping would disagree with δ = ŷ − y.
                sum -= target[k] * (logits[k] - logSumExp);
            }
        }

        return sum;
    }

    /// <summary>C = −Σ_k [y_k log ŷ_k + (1 − y_k) log(1 − ŷ_k)], for probabilities ŷ (a sigmoid output).</summary>
    /// <param name="output">The probabilities ŷ.</param>
    /// <param name="target">The targets y in [0, 1], same length.</param>
    public static float BinaryCrossEntropy(ReadOnlySpan<float> output, ReadOnlySpan<float> target) => BinaryCrossEntropy<PlatformMath>(output, target);

    /// <summary>Binary cross-entropy with the logarithm of <typeparamref name="TMath"/>.</summary>
    internal static float BinaryCrossEntropy<TMath>(ReadOnlySpan<float> output, ReadOnlySpan<float> target)
        where TMath : struct, IScalarMath
    {
        SpanLength.Require(target, output.Length, nameof(target));
        float sum = 0f;
        for (int k = 0; k < output.Length; k++)
        {
            sum -= target[k] * SafeLog<TMath>(output[k]) + (1f - target[k]) * SafeLog<TMath>(1f - output[k]);
        }

        return sum;
    }

    /// <summary>
    /// The binary cross-entropy of σ(z) computed from the logits z as Σ_k max(z,0) − z·y + log(1 + e^-|z|),
    /// which neither overflows nor loses precision when σ(z) rounds to 0 or 1.
    /// </summary>
    /// <param name="logits">The pre-sigmoid values z.</param>
    /// <param name="target">The targets y in [0, 1], same length.</param>
    public static float BinaryCrossEntropyFromLogits(ReadOnlySpan<float> logits, ReadOnlySpan<float> target) => BinaryCrossEntropyFromLogits<PlatformMath>(logits, target);

    /// <summary>Binary cross-entropy from logits with the e^x and ln x of <typeparamref name="TMath"/>.</summary>
    internal static float BinaryCrossEntropyFromLogits<TMath>(ReadOnlySpan<float> logits, ReadOnlySpan<float> target)
        where TMath : struct, IScalarMath
    {
        SpanLength.Require(target, logits.Length, nameof(target));
        float sum = 0f;
        for (int k = 0; k < logits.Length; k++)
        {
            float z = logits[k];
            sum += MathF.Max(z, 0f) - z * target[k] + default(TMath).Log(1f + default(TMath).Exp(-MathF.Abs(z)));
        }

        return sum;
    }

    /// <summary>C = Σ h(ŷ − y), h(e) = ½e² for |e| ≤ 1, otherwise |e| − ½ (PyTorch's HuberLoss with delta 1, summed).</summary>
    /// <param name="output">The network output ŷ.</param>
    /// <param name="target">The target y, same length.</param>
    public static float Huber(ReadOnlySpan<float> output, ReadOnlySpan<float> target) => Sum(new HuberLoss(1f), output, target);

    /// <summary>
    /// C = Σ h(ŷ − y), h(e) = ½e² for |e| &lt; δ, otherwise δ·(|e| − ½δ) (PyTorch's HuberLoss(delta=δ), summed): the
    /// loss of a network whose attribute sets HuberDelta.
    /// </summary>
    /// <param name="output">The network output ŷ.</param>
    /// <param name="target">The target y, same length.</param>
    /// <param name="delta">δ, finite and positive, where the loss turns from quadratic to linear.</param>
    public static float Huber(ReadOnlySpan<float> output, ReadOnlySpan<float> target, float delta) => Sum(new HuberLoss(delta), output, target);

    /// <summary>C = Σ |ŷ − y| (PyTorch's L1Loss, summed).</summary>
    /// <param name="output">The network output ŷ.</param>
    /// <param name="target">The target y, same length.</param>
    public static float MeanAbsoluteError(ReadOnlySpan<float> output, ReadOnlySpan<float> target) => Sum(new AbsoluteLoss(), output, target);

    private static float Sum<TLoss>(TLoss loss, ReadOnlySpan<float> output, ReadOnlySpan<float> target)
        where TLoss : struct, IElementLoss
    {
        SpanLength.Require(target, output.Length, nameof(target));
        float sum = 0f;
        for (int k = 0; k < output.Length; k++)
        {
            sum += loss.Value(output[k] - target[k]);
        }

        return sum;
    }

    private static float SafeLog<TMath>(float p)
        where TMath : struct, IScalarMath => p > 0f ? MathF.Max(default(TMath).Log(p), MinLog) : MinLog;
}
