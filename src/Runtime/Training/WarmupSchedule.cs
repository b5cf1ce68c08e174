namespace StaticNet;

/// <summary>
/// <see cref="LearningRateSchedule.WithWarmup"/> and <see cref="LearningRateSchedule.WithWarmupSteps"/>: the inner
/// schedule's rate times k / N for the first N epochs or batches. State and observations go to the inner schedule.
/// </summary>
internal sealed class WarmupSchedule : LearningRateSchedule
{
    private readonly LearningRateSchedule _inner;
    private readonly int _length;
    private readonly bool _perStep;

    public WarmupSchedule(LearningRateSchedule inner, int length, bool perStep)
    {
        _inner = inner;
        _length = length;
        _perStep = perStep;
    }

    internal override bool ChangesPerStep => _perStep || _inner.ChangesPerStep;

    /// <summary>The epoch's rate; with a warm-up over steps, the rate after the warm-up (the factor needs the step).</summary>
    public override float At(int epoch) => _perStep ? _inner.At(epoch) : Warm(_inner.At(epoch), epoch);

    internal override float AtStep(int epoch, long step) =>
        _perStep ? Warm(_inner.AtStep(epoch, step), step) : Warm(_inner.AtStep(epoch, step), epoch);

    internal override void Begin() => _inner.Begin();

    internal override void EndEpoch(float monitoredLoss) => _inner.EndEpoch(monitoredLoss);

    /// <summary>rate · k / N while k ≤ N (computed in double, as torch's Python-float factors), else the rate.</summary>
    private float Warm(float rate, long k) => k >= _length ? rate : (float)(rate * (double)k / _length);
}
