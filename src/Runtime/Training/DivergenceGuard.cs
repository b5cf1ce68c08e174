using System;
using System.Numerics.Tensors;

namespace StaticNet;

/// <summary>
/// The divergence guard of one <see cref="Trainer.Fit"/>: it undoes what a batch did when its loss, gradient or step
/// is not finite. It keeps the parameters from before each of the last two steps in two buffers that take turns, and
/// fills this step's buffer range by range while <see cref="ParallelBackward"/> finishes the gradient (on every core
/// that takes part, each range still in that core's cache), so no batch pays a separate pass to copy or scan them:
/// a non-finite loss or gradient restores the parameters from before the previous step (the last whose loss and
/// gradient were finite), or those training started from; a non-finite step restores those from before the step.
/// The built-in optimizers (<see cref="IRangeOptimizer"/>: SGD with or without momentum, Nesterov and weight decay,
/// Adam, AdamW, RMSprop) are stepped and checked in the same pass, range by range, on the core that finished the range,
/// with the bits of one whole <see cref="IOptimizer.Step"/>. Any other optimizer, or a gradient clipped by its norm
/// (which needs the whole gradient first), takes its whole step afterwards (the clipping first), then one check.
/// </summary>
internal sealed class DivergenceGuard : ParallelBackward.IGradientConsumer
{
    private readonly INetwork _network;
    private readonly IOptimizer _optimizer;
    private readonly float[] _gradient;
    private readonly IRangeOptimizer? _rangeOptimizer;
    private readonly float? _maxGradientNorm;
    private float[] _beforeThisStep, _beforeLastStep;
    private volatile bool _gradientNotFinite, _stepNotFinite;
    private bool _stepped;

    /// <summary>
    /// Creates the guard of one run, with the gradient buffer its batches accumulate into (zero to start with) and
    /// the norm to clip it to before each step (null: no clipping).
    /// </summary>
    public DivergenceGuard(INetwork network, IOptimizer optimizer, float[] gradient, float? maxGradientNorm = null)
    {
        _network = network;
        _optimizer = optimizer;
        _gradient = gradient;
        _maxGradientNorm = maxGradientNorm;

        // Clipping needs the whole gradient's norm before any range may be stepped.
        _rangeOptimizer = maxGradientNorm is null ? optimizer as IRangeOptimizer : null;
        _beforeThisStep = new float[network.ParameterCount];
        _beforeLastStep = new float[network.ParameterCount];
    }

    /// <summary>Before a batch's gradient: the buffers change turns, and the gradient is zero.</summary>
    public void BeginBatch()
    {
        (_beforeThisStep, _beforeLastStep) = (_beforeLastStep, _beforeThisStep);
        _gradientNotFinite = false;
        _stepNotFinite = false;

        // A range-by-range step reads the learning rate and counts the step here, once for all ranges, and clears
        // each range of the gradient once it has used it, while it is in cache.
        if (_rangeOptimizer is null)
        {
            Array.Clear(_gradient);
        }
        else
        {
            _rangeOptimizer.BeginStep(_network.Parameters, _gradient);
        }
    }

    /// <summary>One final range of the gradient: check it, keep the parameters it will change, and step them if the optimizer allows.</summary>
    void ParallelBackward.IGradientConsumer.Consume(int start, int length)
    {
        Span<float> gradient = _gradient.AsSpan(start, length);
        Span<float> parameters = _network.Parameters.Slice(start, length);
        if (!TensorPrimitives.IsFiniteAll<float>(gradient))
        {
            _gradientNotFinite = true;
        }

        parameters.CopyTo(_beforeThisStep.AsSpan(start, length));
        if (_rangeOptimizer is not null)
        {
            _rangeOptimizer.StepRange(start, parameters, gradient);
            if (!TensorPrimitives.IsFiniteAll<float>(parameters))
            {
                _stepNotFinite = true;
            }

            gradient.Clear();
        }
    }

    /// <summary>
    /// After a batch's gradient: takes the optimizer step unless it was taken range by range, and if the loss, the
    /// gradient or the step was not finite, restores the parameters and throws.
    /// </summary>
    /// <exception cref="TrainingDivergedException">Something was not finite; the message says what the parameters are now.</exception>
    public void EndBatch(int epoch, int batch, float loss)
    {
        string? problem = !float.IsFinite(loss) ? "loss" : _gradientNotFinite ? "gradient" : null;
        if (problem is not null)
        {
            // The parameters that produced this batch's loss came from the previous step; undo it (and this batch's
            // own step, if it was taken range by range).
            if (_stepped)
            {
                _beforeLastStep.CopyTo(_network.Parameters);
                throw new TrainingDivergedException(epoch, batch, problem, "The parameters were restored to those before the previous step, the last whose loss and gradient were finite.");
            }

            _beforeThisStep.CopyTo(_network.Parameters);
            throw new TrainingDivergedException(epoch, batch, problem, "No step had been taken: the parameters are those training started from.");
        }

        if (_rangeOptimizer is null)
        {
            if (_maxGradientNorm is float maxNorm)
            {
                GradientClipping.ClipNorm(_gradient, maxNorm);
            }

            _optimizer.Step(_network.Parameters, _gradient);

            // A finite gradient can still overflow the step (a huge learning rate); without this check the last
            // step of training would hand back infinite parameters.
            _stepNotFinite = !TensorPrimitives.IsFiniteAll<float>(_network.Parameters);
        }

        if (_stepNotFinite)
        {
            _beforeThisStep.CopyTo(_network.Parameters);
            throw new TrainingDivergedException(epoch, batch, "optimizer step", "The parameters were restored to those before this step.");
        }

        _stepped = true;
    }
}
