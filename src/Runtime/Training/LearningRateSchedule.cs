using System;

namespace StaticNet;

/// <summary>
/// The learning rate of each epoch (numbered from 1), set on the optimizer before the epoch starts; a schedule with a
/// warm-up over steps (<see cref="WithWarmupSteps"/>) sets it before every batch.
/// </summary>
public abstract class LearningRateSchedule
{
    /// <summary>The learning rate for <paramref name="epoch"/> (1-based).</summary>
    public abstract float At(int epoch);

    /// <summary>
    /// Whether the rate changes from batch to batch within an epoch (a warm-up over steps): the
    /// <see cref="Trainer"/> then asks <see cref="AtStep"/> before every batch.
    /// </summary>
    internal virtual bool ChangesPerStep => false;

    /// <summary>The rate for the batch <paramref name="step"/> (1-based, counted over the whole run) of <paramref name="epoch"/>.</summary>
    internal virtual float AtStep(int epoch, long step) => At(epoch);

    /// <summary>Called by <see cref="Trainer.Fit"/> before its first epoch: a schedule with state starts afresh.</summary>
    internal virtual void Begin()
    {
    }

    /// <summary>Called by <see cref="Trainer.Fit"/> after each epoch with the loss it monitors (validation, else training).</summary>
    internal virtual void EndEpoch(float monitoredLoss)
    {
    }

    /// <summary>
    /// Torch's <c>ReduceLROnPlateau(optimizer, mode='min', factor, patience, threshold, threshold_mode='rel',
    /// cooldown, min_lr)</c>, stepped by <see cref="Trainer.Fit"/> with the epoch's validation loss (the training loss
    /// when there is no validation set): a loss counts as better when it is below best · (1 − <paramref name="threshold"/>);
    /// after more than <paramref name="patience"/> epochs in a row without a better one the rate becomes
    /// max(rate · <paramref name="factor"/>, <paramref name="minimum"/>), and <paramref name="cooldown"/> epochs follow in
    /// which bad epochs are not counted. Each <see cref="Trainer.Fit"/> starts again from <paramref name="initial"/>.
    /// </summary>
    /// <param name="initial">The rate of the first epoch.</param>
    /// <param name="factor">The multiplier of a reduction, in (0, 1). Torch's default 0.1.</param>
    /// <param name="patience">Epochs without improvement tolerated before a reduction, at least 0. Torch's default 10.</param>
    /// <param name="threshold">The relative improvement that counts, at least 0. Torch's default 1e-4.</param>
    /// <param name="cooldown">Epochs after a reduction before bad epochs count again, at least 0.</param>
    /// <param name="minimum">The lowest rate, at least 0 (torch's <c>min_lr</c>).</param>
    /// <returns>A schedule with state; use it for one <see cref="Trainer.Fit"/> at a time.</returns>
    /// <exception cref="ArgumentOutOfRangeException">An argument is outside the range given.</exception>
    public static LearningRateSchedule ReduceOnPlateau(float initial, float factor = 0.1f, int patience = 10, float threshold = 1e-4f, int cooldown = 0, float minimum = 0f)
    {
        Positive(initial);
        if (!(factor > 0f && factor < 1f))
        {
            throw new ArgumentOutOfRangeException(nameof(factor), factor, "factor must be in (0, 1): the rate is multiplied by it on a plateau.");
        }

        ArgumentOutOfRangeException.ThrowIfNegative(patience);
        ArgumentOutOfRangeException.ThrowIfNegative(cooldown);
        if (!(threshold >= 0f && float.IsFinite(threshold)))
        {
            throw new ArgumentOutOfRangeException(nameof(threshold), threshold, "threshold must be finite and at least 0.");
        }

        if (!(minimum >= 0f && minimum <= initial))
        {
            throw new ArgumentOutOfRangeException(nameof(minimum), minimum, "minimum must be in [0, initial].");
        }

        return new PlateauSchedule(initial, factor, patience, threshold, cooldown, minimum);
    }

    /// <summary>
    /// This schedule with a linear warm-up over its first <paramref name="epochs"/> epochs: epoch k ≤ N runs at
    /// k / N of this schedule's rate, as torch's <c>LinearLR(start_factor=1/N, total_iters=N−1)</c> chained with it.
    /// </summary>
    /// <param name="epochs">N, at least 1 (1 is no warm-up).</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="epochs"/> is below 1.</exception>
    public LearningRateSchedule WithWarmup(int epochs)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(epochs, 1);
        return new WarmupSchedule(this, epochs, perStep: false);
    }

    /// <summary>
    /// This schedule with a linear warm-up over its first <paramref name="steps"/> batches, counted across epochs:
    /// batch k ≤ N runs at k / N of this schedule's rate for its epoch. The <see cref="Trainer"/> sets the rate before
    /// every batch.
    /// </summary>
    /// <param name="steps">N, at least 1 (1 is no warm-up).</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="steps"/> is below 1.</exception>
    public LearningRateSchedule WithWarmupSteps(int steps)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(steps, 1);
        return new WarmupSchedule(this, steps, perStep: true);
    }

    /// <summary>The same rate every epoch.</summary>
    public static LearningRateSchedule Constant(float rate) => new FunctionSchedule(_ => Positive(rate));

    /// <summary>initial · gamma^⌊(epoch − 1) / stepSize⌋: the rate drops by <paramref name="gamma"/> every <paramref name="stepSize"/> epochs.</summary>
    public static LearningRateSchedule Step(float initial, int stepSize, float gamma)
    {
        Positive(initial);
        ArgumentOutOfRangeException.ThrowIfLessThan(stepSize, 1);
        if (!(gamma > 0f && gamma <= 1f))
        {
            throw new ArgumentOutOfRangeException(nameof(gamma), gamma, "gamma must be in (0, 1].");
        }

        return new FunctionSchedule(epoch => initial * (float)OptimizerState.IntegerPower(gamma, (epoch - 1) / stepSize));
    }

    /// <summary>Cosine annealing from <paramref name="initial"/> at epoch 1 to <paramref name="minimum"/> at <paramref name="epochs"/>.</summary>
    public static LearningRateSchedule Cosine(float initial, int epochs, float minimum = 0f)
    {
        Positive(initial);
        ArgumentOutOfRangeException.ThrowIfLessThan(epochs, 1);
        return new FunctionSchedule(epoch =>
        {
            double progress = epochs == 1 ? 0 : Math.Clamp((epoch - 1) / (double)(epochs - 1), 0, 1);
            return (float)(minimum + (0.5 * (initial - minimum) * (1 + Math.Cos(Math.PI * progress))));
        });
    }

    /// <summary>Any rule of your own: <paramref name="rate"/> receives the 1-based epoch.</summary>
    public static LearningRateSchedule FromFunction(Func<int, float> rate)
    {
        ArgumentNullException.ThrowIfNull(rate);
        return new FunctionSchedule(rate);
    }

    private static float Positive(float rate) =>
        rate > 0f && float.IsFinite(rate) ? rate : throw new ArgumentOutOfRangeException(nameof(rate), rate, "A learning rate must be positive and finite.");

    private sealed class FunctionSchedule : LearningRateSchedule
    {
        private readonly Func<int, float> _rate;

        public FunctionSchedule(Func<int, float> rate) => _rate = rate;

        public override float At(int epoch) => _rate(epoch);
    }
}
