using System;
using System.Numerics.Tensors;
using StaticNet.CompilerServices;

namespace StaticNet;

/// <summary>Per-parameter state buffers shared by the optimizers: allocated on the first step, then reused.</summary>
internal static class OptimizerState
{
    /// <summary>
    /// value^exponent by repeated squaring: IEEE multiplies only, so every platform gives the same bits (Math.Pow is
    /// the C library's and may differ in the last bit), within about 2·log2(exponent) roundings of the exact power.
    /// </summary>
    internal static double IntegerPower(double value, int exponent)
    {
        double result = 1d;
        for (; exponent > 0; exponent >>= 1)
        {
            if ((exponent & 1) != 0)
            {
                result *= value;
            }

            value *= value;
        }

        return result;
    }

    /// <summary>
    /// Checks that <paramref name="gradient"/> matches <paramref name="parameters"/> and returns <paramref name="buffer"/>,
    /// allocating it on first use. A later call with another parameter count is an error: state for one network
    /// must not silently carry over to another.
    /// </summary>
    public static float[] Ensure(ref float[]? buffer, ReadOnlySpan<float> parameters, ReadOnlySpan<float> gradient)
    {
        SpanLength.Require(gradient, parameters.Length, nameof(gradient));
        if (buffer is null)
        {
            buffer = new float[parameters.Length];
        }
        else if (buffer.Length != parameters.Length)
        {
            throw new ArgumentException(
                $"'parameters' must have length {buffer.Length} (the length this optimizer was first used with), but has length {parameters.Length}. Call Reset() before reusing the optimizer for another network.",
                nameof(parameters));
        }

        return buffer;
    }

    /// <summary>
    /// Readies <see cref="DecayedGradient"/> for one step: checks that <paramref name="gradient"/> matches
    /// <paramref name="parameters"/> (and <paramref name="ranges"/>, when they apply), and allocates
    /// <paramref name="buffer"/> on first use when there is a weight decay to write there.
    /// </summary>
    public static void PrepareDecay(ref float[]? buffer, ReadOnlySpan<float> parameters, ReadOnlySpan<float> gradient, float weightDecay, WeightDecayRanges? ranges)
    {
        SpanLength.Require(gradient, parameters.Length, nameof(gradient));
        if (weightDecay != 0f)
        {
            Ensure(ref buffer, parameters, gradient);
            ranges?.Require(parameters);
        }
    }

    /// <summary>
    /// PyTorch's coupled weight decay (L2 in the loss), g + λ·θ, over the range of the parameters that starts at
    /// <paramref name="start"/>, written to the same range of <paramref name="buffer"/> (see <see cref="PrepareDecay"/>),
    /// on every parameter or only on the weights of <paramref name="ranges"/>; with λ = 0 the gradient itself,
    /// untouched. Rounds as torch's <c>grad.add(param, alpha=weight_decay)</c>: one product, one sum.
    /// </summary>
    public static ReadOnlySpan<float> DecayedGradient(float[]? buffer, int start, ReadOnlySpan<float> parameters, ReadOnlySpan<float> gradient, float weightDecay, WeightDecayRanges? ranges)
    {
        if (weightDecay == 0f)
        {
            return gradient;
        }

        Span<float> decayed = buffer.AsSpan(start, gradient.Length);
        if (ranges is null)
        {
            TensorPrimitives.MultiplyAdd(parameters, weightDecay, gradient, decayed);
            return decayed;
        }

        gradient.CopyTo(decayed);
        ranges.AddDecay(start, parameters, weightDecay, decayed);
        return decayed;
    }

    /// <summary>
    /// x ← x·decay + weight·g, PyTorch's running average <c>x.mul_(decay).add_(g, alpha=weight)</c> (Adam's first
    /// moment with weight 1 − β, SGD's momentum buffer with weight 1 − dampening), with the same rounding: a product,
    /// then a product and a sum (not fused).
    /// </summary>
    public static void Average(Span<float> average, ReadOnlySpan<float> gradient, float decay, float weight)
    {
        TensorPrimitives.Multiply(average, decay, average);
        TensorPrimitives.MultiplyAdd(gradient, weight, average, average);
    }

    /// <summary>
    /// x ← x·β + ((1 − β)·g)·g, PyTorch's running average of squares <c>x.mul_(beta).addcmul_(g, g, value=1 - beta)</c>,
    /// rounded in torch's order; <paramref name="scratch"/> holds (1 − β)·g.
    /// </summary>
    public static void AverageOfSquares(Span<float> average, ReadOnlySpan<float> gradient, float beta, Span<float> scratch)
    {
        TensorPrimitives.Multiply(average, beta, average);
        TensorPrimitives.Multiply(gradient, Complement(beta), scratch);
        TensorPrimitives.MultiplyAdd(scratch, gradient, average, average);
    }

    /// <summary>
    /// θ ← θ + (value·n)/d, PyTorch's <c>param.addcdiv_(n, d, value=value)</c> in torch's order (the product first);
    /// <paramref name="scratch"/> is a third buffer (it is written before the quotient reads the others).
    /// </summary>
    public static void AddScaledQuotient(Span<float> parameters, ReadOnlySpan<float> numerator, ReadOnlySpan<float> denominator, float value, Span<float> scratch)
    {
        TensorPrimitives.Multiply(numerator, value, scratch);
        TensorPrimitives.Divide(scratch, denominator, scratch);
        TensorPrimitives.Add(parameters, scratch, parameters);
    }

    /// <summary>1 − β as PyTorch computes it (in double, from the Python float) then rounds to float for the kernel.</summary>
    public static float Complement(float beta) => (float)(1d - beta);
}
