using System;
using System.Numerics.Tensors;

namespace StaticNet;

/// <summary>
/// The moments and the update Adam and AdamW share, in the order of torch.optim's single-tensor Adam (1.13):
/// m ← β1·m + (1−β1)·g, v ← β2·v + ((1−β2)·g)·g, denom = √v / √(1−β2ᵗ) + ε, θ ← θ + (−η/(1−β1ᵗ))·m / denom.
/// Every pass is one TensorPrimitives kernel, so the step is vectorised and allocates nothing after the first; every
/// pass is element-wise, so a step may be taken range by range (<see cref="IRangeOptimizer"/>) with the same bits.
/// </summary>
internal sealed class AdamMoments
{
    private float[]? _first, _second, _denominator, _scratch;
    private WeightDecayRanges? _decayRanges;
    private bool _decays;
    private float _decayFactor, _beta1, _beta2, _epsilon, _correction2Root, _stepSize;

    /// <summary>Steps taken since construction or <see cref="Reset"/>.</summary>
    public int StepCount { get; private set; }

    /// <summary>
    /// Starts one step (see <see cref="IRangeOptimizer.BeginStep"/>): counts it, and fixes what every range of it
    /// uses: the decay factor 1 − η·λ of the parameters (all, or the weights of <paramref name="ranges"/>) when
    /// <paramref name="decoupledDecay"/> λ is not 0 (AdamW), the bias corrections and the step size.
    /// </summary>
    public void BeginStep(Span<float> parameters, ReadOnlySpan<float> gradient, float learningRate, float beta1, float beta2, float epsilon, float decoupledDecay, WeightDecayRanges? ranges)
    {
        OptimizerState.Ensure(ref _first, parameters, gradient);
        OptimizerState.Ensure(ref _second, parameters, gradient);
        OptimizerState.Ensure(ref _denominator, parameters, gradient);
        OptimizerState.Ensure(ref _scratch, parameters, gradient);
        ranges?.Require(parameters);
        StepCount++;

        // torch.optim.AdamW: param.mul_(1 - lr * weight_decay), the factor computed in double and rounded once.
        _decays = decoupledDecay != 0f;
        _decayFactor = (float)(1d - ((double)learningRate * decoupledDecay));
        _decayRanges = ranges;
        _beta1 = beta1;
        _beta2 = beta2;
        _epsilon = epsilon;

        // The bias corrections in double, as Python computes them (beta ** step), rounded to float where torch hands
        // them to a float kernel. The power by squaring, not Math.Pow, so that every platform rounds it alike.
        double correction1 = 1d - OptimizerState.IntegerPower(beta1, StepCount);
        double correction2 = 1d - OptimizerState.IntegerPower(beta2, StepCount);
        _correction2Root = (float)Math.Sqrt(correction2);
        _stepSize = (float)(-learningRate / correction1);
    }

    /// <summary>
    /// Updates the moments of the range of the parameters that starts at <paramref name="start"/> from its
    /// <paramref name="gradient"/> and moves the <paramref name="parameters"/> of the range, after
    /// <see cref="BeginStep"/>; the denominator and the quotient live in the same range of two scratch buffers, so
    /// disjoint ranges may be stepped at once.
    /// </summary>
    public void StepRange(int start, Span<float> parameters, ReadOnlySpan<float> gradient)
    {
        int n = parameters.Length;
        Span<float> m = _first.AsSpan(start, n), v = _second.AsSpan(start, n);
        Span<float> denominator = _denominator.AsSpan(start, n), scratch = _scratch.AsSpan(start, n);
        if (_decays)
        {
            if (_decayRanges is null)
            {
                TensorPrimitives.Multiply(parameters, _decayFactor, parameters);
            }
            else
            {
                _decayRanges.Scale(start, parameters, _decayFactor);
            }
        }

        OptimizerState.Average(m, gradient, _beta1, OptimizerState.Complement(_beta1));
        OptimizerState.AverageOfSquares(v, gradient, _beta2, denominator);
        TensorPrimitives.Sqrt(v, denominator);
        TensorPrimitives.Divide(denominator, _correction2Root, denominator);
        TensorPrimitives.Add(denominator, _epsilon, denominator);
        OptimizerState.AddScaledQuotient(parameters, m, denominator, _stepSize, scratch);
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
