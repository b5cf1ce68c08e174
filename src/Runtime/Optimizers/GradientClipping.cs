using System;
using System.Numerics.Tensors;

namespace StaticNet;

/// <summary>
/// Gradient clipping as torch.nn.utils: scale the whole gradient down when its Euclidean norm is too large
/// (<see cref="ClipNorm"/>), or limit each component (<see cref="ClipValue"/>). Both work in place, vectorised,
/// and allocate nothing.
/// </summary>
public static class GradientClipping
{
    /// <summary>
    /// Scales <paramref name="gradient"/> by maxNorm / (‖g‖₂ + 1e−6) when that factor is below 1, and returns ‖g‖₂
    /// from before the scaling, as <c>torch.nn.utils.clip_grad_norm_(parameters, maxNorm)</c>.
    /// </summary>
    /// <remarks>
    /// PyTorch takes the norm of each parameter tensor, then the norm of those norms; the network's gradient is one
    /// flat buffer here, so its norm is taken in one pass. The two agree to float rounding (a few units in the last
    /// place of the norm). A norm that is NaN or infinite is returned with the gradient left unchanged (PyTorch
    /// would multiply the gradient by NaN or 0): check the result, or let <see cref="Trainer"/>'s divergence guard
    /// reject the batch.
    /// </remarks>
    /// <param name="gradient">The gradient, e.g. the one <see cref="IBatchNetwork.BackwardBatch"/> filled.</param>
    /// <param name="maxNorm">The largest norm the gradient may keep; positive.</param>
    /// <returns>The gradient's norm before clipping.</returns>
    public static float ClipNorm(Span<float> gradient, float maxNorm)
    {
        if (!(maxNorm > 0f))
        {
            throw new ArgumentOutOfRangeException(nameof(maxNorm), maxNorm, "maxNorm must be positive.");
        }

        float norm = TensorPrimitives.Norm<float>(gradient);

        // torch: clip_coef = max_norm / (total_norm + 1e-6), in float32, applied when it is below 1.
        float coefficient = maxNorm / (norm + 1e-6f);
        if (coefficient < 1f)
        {
            TensorPrimitives.Multiply(gradient, coefficient, gradient);
        }

        return norm;
    }

    /// <summary>
    /// Limits every component of <paramref name="gradient"/> to [−clipValue, clipValue], as
    /// <c>torch.nn.utils.clip_grad_value_(parameters, clipValue)</c>; NaN components stay NaN.
    /// </summary>
    /// <param name="gradient">The gradient to clip in place.</param>
    /// <param name="clipValue">The largest magnitude a component may keep; positive.</param>
    public static void ClipValue(Span<float> gradient, float clipValue)
    {
        if (!(clipValue > 0f))
        {
            throw new ArgumentOutOfRangeException(nameof(clipValue), clipValue, "clipValue must be positive.");
        }

        TensorPrimitives.Clamp<float>(gradient, -clipValue, clipValue, gradient);
    }
}
