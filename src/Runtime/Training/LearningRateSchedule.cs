using System;

namespace StaticNet;

/// <summary>The learning rate of each epoch (numbered from 1), set on the optimizer before the epoch starts.</summary>
public abstract class LearningRateSchedule
{
    /// <summary>The learning rate for <paramref name="epoch"/> (1-based).</summary>
    public abstract float At(int epoch);

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

        return new FunctionSchedule(epoch => initial * MathF.Pow(gamma, (epoch - 1) / stepSize));
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
