using System;

namespace StaticNet;

/// <summary>
/// Chooses, batch by batch, how many threads <see cref="Trainer.Fit"/> computes a gradient on: one, or the most
/// allowed. More threads are faster only while the other cores are free, and on a shared machine a core comes and
/// goes, so the choice is measured and kept up to date: the tuner times <see cref="ProbeBatches"/> batches on one thread
/// and as many on all (in runs, see <see cref="RunLength"/>), keeps the faster per sample, and probes again after
/// <see cref="ReprobeInterval"/> batches, or
/// sooner when a window of <see cref="ProbeBatches"/> batches at the chosen degree runs more than
/// <see cref="DriftTolerance"/> slower per sample than when it was chosen (another process took a core). The
/// parts of a batch depend on its size alone, so the choice changes the speed, never a bit of the result.
/// </summary>
/// <remarks>
/// The tuner only counts: the caller times each batch (any clock) and reports it with <see cref="Record"/>, which
/// keeps the rule testable without timing anything.
/// </remarks>
internal sealed class DegreeTuner
{
    /// <summary>Batches timed at each degree per probe, and the window the drift check averages over.</summary>
    public const int ProbeBatches = 8;

    /// <summary>
    /// A probe runs each degree in runs of this many batches, all threads first, then one, then all and one again (so
    /// that a core taken or freed mid-probe weighs on both alike), and does not time the first batch of a run: right
    /// after a switch the helper threads wake from a blocking wait and find their share of the parameters gone from
    /// their caches, which a steady run at that degree never pays. Timed per batch alternately, two threads measured
    /// no faster than one on a machine where they train 1.4× faster.
    /// </summary>
    public const int RunLength = 1 + (ProbeBatches / 2);

    /// <summary>The batches of one probe: two runs at each degree.</summary>
    public const int ProbeLength = 4 * RunLength;

    /// <summary>Batches at the chosen degree before the next probe.</summary>
    public const int ReprobeInterval = 512;

    /// <summary>How much slower per sample a window may run than the probe that chose its degree before a new probe.</summary>
    public const double DriftTolerance = 0.25;

    private readonly int _most;
    private double _oneThread, _allThreads; // time per sample summed over the probe's batches, and samples
    private long _oneSamples, _allSamples;
    private double _window;
    private long _windowSamples;
    private int _probed; // batches of the current probe so far
    private int _sinceProbe;
    private double _chosenCost = double.PositiveInfinity;

    /// <summary>Creates the tuner for up to <paramref name="mostThreads"/> threads; with 1 it always says 1.</summary>
    public DegreeTuner(int mostThreads)
    {
        _most = Math.Max(1, mostThreads);
        Degree = _most;
        Probing = _most > 1;
    }

    /// <summary>The threads for the next batch.</summary>
    public int Degree { get; private set; }

    /// <summary>Whether the next batch is part of a probe.</summary>
    public bool Probing { get; private set; }

    /// <summary>Probes started so far (the first included).</summary>
    public int Probes { get; private set; } = 1;

    /// <summary>Takes the time the last batch took at <see cref="Degree"/> threads, for <paramref name="samples"/> samples, and sets the next degree.</summary>
    /// <param name="elapsed">The batch's time, in any unit, the same for every call.</param>
    /// <param name="samples">The batch's samples, at least 1.</param>
    public void Record(double elapsed, int samples)
    {
        if (_most == 1)
        {
            return;
        }

        if (Probing)
        {
            // The first batch of each run warms the degree up and is not timed.
            if (_probed % RunLength != 0)
            {
                if (Degree == 1)
                {
                    _oneThread += elapsed;
                    _oneSamples += samples;
                }
                else
                {
                    _allThreads += elapsed;
                    _allSamples += samples;
                }
            }

            _probed++;
            if (_probed < ProbeLength)
            {
                Degree = _probed / RunLength % 2 == 0 ? _most : 1;
                return;
            }

            double one = _oneThread / _oneSamples, all = _allThreads / _allSamples;
            Degree = all < one ? _most : 1;
            _chosenCost = Math.Min(one, all);
            Probing = false;
            _sinceProbe = 0;
            _window = 0;
            _windowSamples = 0;
            return;
        }

        _sinceProbe++;
        _window += elapsed;
        _windowSamples += samples;
        bool drifted = false;
        if (_sinceProbe % ProbeBatches == 0)
        {
            drifted = _window / _windowSamples > _chosenCost * (1 + DriftTolerance);
            _window = 0;
            _windowSamples = 0;
        }

        if (drifted || _sinceProbe >= ReprobeInterval)
        {
            StartProbe();
        }
    }

    private void StartProbe()
    {
        Probing = true;
        Probes++;
        _probed = 0;
        _oneThread = _allThreads = 0;
        _oneSamples = _allSamples = 0;
        Degree = _most;
    }
}
