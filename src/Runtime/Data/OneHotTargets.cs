using System;
using System.Threading;

namespace StaticNet;

/// <summary>
/// One-hot targets stored as the labels and one shared row of 2 × classes − 1 values with a 1 in the middle: the
/// window of <c>classes</c> values that starts at classes − 1 − label is that label's one-hot row. O(rows + classes)
/// memory instead of rows × classes, so a small file naming thousands of classes cannot make a reader allocate
/// gigabytes. The dense array is built only when asked for, and once built it is what every row is read from (a
/// caller may have changed it).
/// </summary>
internal sealed class OneHotTargets
{
    private readonly int[] _labels;
    private readonly float[] _window;
    private readonly int _classCount;
    private float[]? _dense;

    public OneHotTargets(int[] labels, int classCount)
        : this(labels, classCount, CreateWindow(classCount))
    {
    }

    private OneHotTargets(int[] labels, int classCount, float[] window)
    {
        _labels = labels;
        _classCount = classCount;
        _window = window;
    }

    /// <summary>The one-hot row of sample <paramref name="index"/>.</summary>
    public ReadOnlySpan<float> Row(int index) => _dense is { } dense
        ? dense.AsSpan(index * _classCount, _classCount)
        : _window.AsSpan(_classCount - 1 - _labels[index], _classCount);

    /// <summary>The rows as one row-major array, built on the first call.</summary>
    public float[] Dense
    {
        get
        {
            if (Volatile.Read(ref _dense) is { } dense)
            {
                return dense;
            }

            var built = new float[(long)_labels.Length * _classCount];
            for (int i = 0; i < _labels.Length; i++)
            {
                built[((long)i * _classCount) + _labels[i]] = 1f;
            }

            // Two threads may build it at once; both then return the first one published.
            return Interlocked.CompareExchange(ref _dense, built, null) ?? built;
        }
    }

    /// <summary>Whether the dense array has been built (and may have been changed since).</summary>
    public bool IsBuilt => Volatile.Read(ref _dense) is not null;

    /// <summary>The targets of other labels of the same classes, sharing the window (nothing of size rows × classes is copied).</summary>
    public OneHotTargets For(int[] labels) => new(labels, _classCount, _window);

    private static float[] CreateWindow(int classCount)
    {
        var window = new float[(2 * classCount) - 1];
        window[classCount - 1] = 1f;
        return window;
    }
}
