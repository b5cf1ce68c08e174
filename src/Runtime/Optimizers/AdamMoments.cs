using System;
using System.Numerics.Tensors;

namespace StaticNet;

/// <summary>
/// The moments and the update Adam and AdamW share, in the order of torch.optim's single-tensor Adam (1.13):
/// m ← β1·m + (1−β1)·g, v ← β2·v + ((1−β2)·g)·g, denom = √v / √(1−β2ᵗ) + ε, θ ← θ + (−η/(1−β1ᵗ))·m / denom.
/// Every pass is one TensorPrimitives kernel, so the step is vectorised and allocates nothing after the first.
/// </summary>
internal sealed class AdamMoments
{
    private float[]? _first, _second, _denominator, _scratch;

    /// <summary>Steps taken since construction or <see cref="Reset"/>.</summary>
    public int StepCount { get; private set; }

    /// <summary>
    /// Updates the moments from <paramref name="gradient"/> and moves <paramref name="parameters"/>, first decaying
    /// them (all, or the weights of <paramref name="ranges"/>) by 1 − η·λ when <paramref name="decoupledDecay"/> λ is
    /// not 0 (AdamW), once every length is checked.
    /// </summary>
    public void Step(Span<float> parameters, ReadOnlySpan<float> gradient, float learningRate, float beta1, float beta2, float epsilon, float decoupledDecay, WeightDecayRanges? ranges)
    {
        float[] m = OptimizerState.Ensure(ref _first, parameters, gradient);
        float[] v = OptimizerState.Ensure(ref _second, parameters, gradient);
        float[] denominator = OptimizerState.Ensure(ref _denominator, parameters, gradient);
        float[] scratch = OptimizerState.Ensure(ref _scratch, parameters, gradient);
        ranges?.Require(parameters);
        StepCount++;

        // torch.optim.AdamW: param.mul_(1 - lr * weight_decay), the factor computed in double and rounded once.
        if (decoupledDecay != 0f)
        {
            float factor = (float)(1d - ((double)learningRate * decoupledDecay));
            if (ranges is null)
            {
                TensorPrimitives.Multiply(parameters, factor, parameters);
            }
            else
            {
                ranges.Scale(parameters, factor);
            }
        }

        OptimizerState.Average(m, gradient, beta1, OptimizerState.Complement(beta1));
        OptimizerState.AverageOfSquares(v, gradient, beta2, denominator);

        // The bias corrections in double, as Python computes them (beta ** step), rounded to float where torch hands
        // them to a float kernel. The power by squaring, not Math.Pow, so that every platform rounds it alike.
        double correction1 = 1d - OptimizerState.IntegerPower(beta1, StepCount);
        double correction2 = 1d - OptimizerState.IntegerPower(beta2, StepCount);
        TensorPrimitives.Sqrt(v, denominator);
        TensorPrimitives.Divide(denominator, (float)Math.Sqrt(correction2), denominator);
        TensorPrimitives.Add(denominator, epsilon, denominator);
        OptimizerState.AddScaledQuotient(parameters, m, denominator, (float)(-learningRate / correction1), scratch);
    }

    /// <summary>Forgets the moments and the step count.</summary>
    public void Reset()
    {
        _first = null;
        _second = null;
        _denominator = null;
        _scratch = null;
        StepCount = 0;
    }
}
