using Xunit;

namespace StaticNet.Tests;

/// <summary>
/// The rule that chooses Fit's threads, fed invented batch times (no clock): the faster degree per sample wins each
/// probe, a window that runs markedly slower than the probe's figure starts a new probe, and so does the interval.
/// </summary>
public class DegreeTunerTests
{
    [Theory]
    [InlineData(2, 100.0, 60.0, 2)] // both cores free: two threads are faster
    [InlineData(2, 100.0, 110.0, 1)] // a core taken: one thread is faster
    [InlineData(16, 100.0, 30.0, 16)]
    public void Probe_KeepsTheFasterDegree(int most, double oneThreadTime, double allThreadsTime, int chosen)
    {
        var tuner = new DegreeTuner(most);
        int[] seen = Probe(tuner, oneThreadTime, allThreadsTime);

        Assert.Equal(DegreeTuner.ProbeLength / 2, System.Array.FindAll(seen, d => d == 1).Length);
        Assert.Equal(DegreeTuner.ProbeLength / 2, System.Array.FindAll(seen, d => d == most).Length);
        Assert.False(tuner.Probing);
        Assert.Equal(chosen, tuner.Degree);
    }

    [Fact]
    public void Probe_RunsEachDegreeInRuns_AllThreadsFirst()
    {
        var tuner = new DegreeTuner(2);
        int[] seen = Probe(tuner, oneThreadTime: 100, allThreadsTime: 60);

        int run = DegreeTuner.RunLength;
        for (int b = 0; b < seen.Length; b++)
        {
            Assert.Equal(b / run % 2 == 0 ? 2 : 1, seen[b]);
        }
    }

    [Fact]
    public void Probe_DoesNotTimeTheFirstBatchAfterASwitch()
    {
        // Right after each switch to two threads the batch is slow (helpers waking, caches cold), which steady
        // two-thread batches are not: the tuner must still find two threads faster.
        var tuner = new DegreeTuner(2);
        Probe(tuner, (degree, b) => (degree == 1 ? 100.0 : b % DegreeTuner.RunLength == 0 ? 1000.0 : 70.0, 64));

        Assert.False(tuner.Probing);
        Assert.Equal(2, tuner.Degree);
    }

    [Fact]
    public void Probe_ComparesTimePerSample_NotPerBatch()
    {
        var tuner = new DegreeTuner(2);

        // Two threads get batches of 64 at 80 (1.25 per sample), one thread batches of 32 at 50 (1.56 per sample).
        Probe(tuner, (degree, _) => degree == 1 ? (50.0, 32) : (80.0, 64));

        Assert.Equal(2, tuner.Degree);
    }

    [Fact]
    public void SlowerWindow_StartsANewProbe_WhichCanSwitchToOneThread()
    {
        var tuner = new DegreeTuner(2);
        Probe(tuner, oneThreadTime: 100, allThreadsTime: 60);
        Assert.Equal(2, tuner.Degree);

        // Steady: windows within the tolerance keep the choice.
        for (int b = 0; b < 4 * DegreeTuner.ProbeBatches; b++)
        {
            tuner.Record(60 * (1 + (DegreeTuner.DriftTolerance / 2)), 64);
        }

        Assert.False(tuner.Probing);
        Assert.Equal(1, tuner.Probes);

        // Another process takes a core: two threads now take 120, one thread 100.
        for (int b = 0; b < DegreeTuner.ProbeBatches; b++)
        {
            tuner.Record(120, 64);
        }

        Assert.True(tuner.Probing);
        Assert.Equal(2, tuner.Probes);
        Probe(tuner, oneThreadTime: 100, allThreadsTime: 120);
        Assert.Equal(1, tuner.Degree);
    }

    [Fact]
    public void Interval_StartsANewProbe_SoAFreedCoreIsFound()
    {
        var tuner = new DegreeTuner(2);
        Probe(tuner, oneThreadTime: 100, allThreadsTime: 120);
        Assert.Equal(1, tuner.Degree);

        // One thread runs steadily (no drift); only the interval can find that the core is free again.
        for (int b = 0; b < DegreeTuner.ReprobeInterval - 1; b++)
        {
            tuner.Record(100, 64);
            Assert.False(tuner.Probing);
        }

        tuner.Record(100, 64);
        Assert.True(tuner.Probing);
        Probe(tuner, oneThreadTime: 100, allThreadsTime: 60);
        Assert.Equal(2, tuner.Degree);
    }

    [Fact]
    public void OneThreadAllowed_NeverProbes()
    {
        var tuner = new DegreeTuner(1);
        for (int b = 0; b < 100; b++)
        {
            tuner.Record(1000, 64);
        }

        Assert.False(tuner.Probing);
        Assert.Equal(1, tuner.Degree);
    }

    /// <summary>Runs one whole probe with per-batch times for each degree (batches of 64); returns the degrees asked for.</summary>
    private static int[] Probe(DegreeTuner tuner, double oneThreadTime, double allThreadsTime) =>
        Probe(tuner, (degree, _) => (degree == 1 ? oneThreadTime : allThreadsTime, 64));

    /// <summary>Runs one whole probe, each batch's time and samples given by its degree and its place in the probe; returns the degrees asked for.</summary>
    private static int[] Probe(DegreeTuner tuner, System.Func<int, int, (double Time, int Samples)> batch)
    {
        Assert.True(tuner.Probing);
        var seen = new int[DegreeTuner.ProbeLength];
        for (int b = 0; b < seen.Length; b++)
        {
            seen[b] = tuner.Degree;
            (double time, int samples) = batch(tuner.Degree, b);
            tuner.Record(time, samples);
        }

        return seen;
    }
}
