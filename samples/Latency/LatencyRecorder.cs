using System;
using System.Diagnostics;

namespace StaticNet.Samples.Latency;

/// <summary>
/// Keeps every measured duration in an array sized up front, so that recording allocates nothing, and gives exact
/// percentiles (nearest rank) once the loop is over.
/// </summary>
public sealed class LatencyRecorder
{
    private readonly long[] _ticks;
    private int _count;

    /// <summary>Makes room for <paramref name="capacity"/> measurements.</summary>
    public LatencyRecorder(int capacity) => _ticks = new long[capacity];

    /// <summary>How many measurements were recorded.</summary>
    public int Count => _count;

    /// <summary>Records one duration in <see cref="Stopwatch"/> ticks; ignores it once the array is full.</summary>
    public void Record(long ticks)
    {
        if (_count < _ticks.Length)
        {
            _ticks[_count++] = ticks;
        }
    }

    /// <summary>The recorded durations in nanoseconds at each of <paramref name="percentiles"/> (0–100), and their mean.</summary>
    public (double[] Nanoseconds, double Mean) Summarise(ReadOnlySpan<double> percentiles)
    {
        if (_count == 0)
        {
            throw new InvalidOperationException("Nothing was recorded.");
        }

        Span<long> sorted = _ticks.AsSpan(0, _count);
        sorted.Sort();
        double nanosecondsPerTick = 1e9 / Stopwatch.Frequency;
        var values = new double[percentiles.Length];
        for (int i = 0; i < percentiles.Length; i++)
        {
            // Nearest rank: the smallest value with at least p % of the measurements at or below it.
            int rank = (int)Math.Ceiling(percentiles[i] / 100 * _count);
            values[i] = sorted[Math.Clamp(rank, 1, _count) - 1] * nanosecondsPerTick;
        }

        double sum = 0;
        foreach (long ticks in sorted)
        {
            sum += ticks;
        }

        return (values, sum / _count * nanosecondsPerTick);
    }
}
