namespace StaticNet;

/// <summary>
/// <see cref="LearningRateSchedule.ReduceOnPlateau"/>: torch 1.13's <c>ReduceLROnPlateau</c> in mode 'min' with a
/// relative threshold, step for step. The rate is kept in double, as torch keeps a param group's Python float.
/// </summary>
internal sealed class PlateauSchedule : LearningRateSchedule
{
    /// <summary>Torch's <c>eps</c>: a reduction smaller than this is not applied.</summary>
    private const double MinimumChange = 1e-8;

    private readonly float _initial, _factor, _threshold, _minimum;
    private readonly int _patience, _cooldown;
    private double _rate;
    private double _best;
    private int _badEpochs, _cooldownLeft;

    public PlateauSchedule(float initial, float factor, int patience, float threshold, int cooldown, float minimum)
    {
        _initial = initial;
        _factor = factor;
        _patience = patience;
        _threshold = threshold;
        _cooldown = cooldown;
        _minimum = minimum;
        Begin();
    }

    /// <summary>The rate as the observations so far left it: the epoch number itself does not matter.</summary>
    public override float At(int epoch) => (float)_rate;

    internal override void Begin()
    {
        _rate = _initial;
        _best = double.PositiveInfinity;
        _badEpochs = 0;
        _cooldownLeft = 0;
    }

    internal override void EndEpoch(float monitoredLoss)
    {
        // torch: is_better = a < best * (1 - threshold) ('min', 'rel'), in Python floats.
        double loss = monitoredLoss;
        if (loss < _best * (1d - _threshold))
        {
            _best = loss;
            _badEpochs = 0;
        }
        else
        {
            _badEpochs++;
        }

        if (_cooldownLeft > 0)
        {
            _cooldownLeft--;
            _badEpochs = 0;
        }

        if (_badEpochs > _patience)
        {
            double reduced = System.Math.Max(_rate * _factor, _minimum);
            if (_rate - reduced > MinimumChange)
            {
                _rate = reduced;
            }

            _cooldownLeft = _cooldown;
            _badEpochs = 0;
        }
    }
}
