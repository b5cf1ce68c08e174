using System;

namespace StaticNet;

/// <summary>
/// Samples as two contiguous row-major arrays, features [Count × FeatureCount] and targets [Count × TargetCount],
/// ready for <see cref="IBatchNetwork.ForwardBatch"/> and <see cref="IBatchNetwork.BackwardBatch"/>. For
/// classification, <see cref="Labels"/> keeps each sample's class index beside its one-hot target.
/// </summary>
/// <remarks>
/// Classification data made by <see cref="FromLabels"/> (and so by the readers) stores its one-hot targets in
/// O(Count + classes) memory rather than Count × classes: <see cref="TargetsOf"/> returns a window of one shared row
/// of 2 × classes − 1 values, 1 in the middle. The array <see cref="Targets"/> is built on first use only, and from
/// then on it is what <see cref="TargetsOf"/> reads, so changes to it count.
/// </remarks>
public sealed class Dataset
{
    // Exactly one of the two holds the targets: an array given by the caller, or labels stored compactly.
    private readonly float[]? _targets;
    private readonly OneHotTargets? _oneHot;

    /// <summary>Wraps the arrays (not copied) after checking that their lengths agree.</summary>
    /// <param name="features">Row-major features.</param>
    /// <param name="featureCount">Features per sample.</param>
    /// <param name="targets">Row-major targets.</param>
    /// <param name="targetCount">Targets per sample.</param>
    /// <param name="labels">Optional class index per sample.</param>
    public Dataset(float[] features, int featureCount, float[] targets, int targetCount, int[]? labels = null)
    {
        ArgumentNullException.ThrowIfNull(targets);
        ArgumentOutOfRangeException.ThrowIfLessThan(targetCount, 1);
        int count = RowsOf(features, featureCount);
        if (targets.Length != count * targetCount)
        {
            throw new ArgumentException($"'targets' must have length {count * targetCount} ({count} samples × {targetCount}), but has length {targets.Length}.", nameof(targets));
        }

        if (labels is not null && labels.Length != count)
        {
            throw new ArgumentException($"'labels' must have length {count}, but has length {labels.Length}.", nameof(labels));
        }

        Features = features;
        _targets = targets;
        FeatureCount = featureCount;
        TargetCount = targetCount;
        Labels = labels;
        Count = count;
    }

    /// <summary>The number of samples.</summary>
    public int Count { get; }

    /// <summary>Features per sample.</summary>
    public int FeatureCount { get; }

    /// <summary>Targets per sample.</summary>
    public int TargetCount { get; }

    /// <summary>Row-major features, [Count × FeatureCount].</summary>
    public float[] Features { get; }

    /// <summary>
    /// Row-major targets, [Count × TargetCount]. For data made by <see cref="FromLabels"/>, built on first use (and
    /// from then on the targets <see cref="TargetsOf"/> reads, so changes to it count).
    /// </summary>
    public float[] Targets => _targets ?? _oneHot!.Dense;

    /// <summary>Each sample's class index, for classification data; otherwise null.</summary>
    public int[]? Labels { get; }

    /// <summary>The features of sample <paramref name="index"/>.</summary>
    public ReadOnlySpan<float> FeaturesOf(int index) => Features.AsSpan(index * FeatureCount, FeatureCount);

    /// <summary>The targets of sample <paramref name="index"/>.</summary>
    public ReadOnlySpan<float> TargetsOf(int index) => _targets is { } targets
        ? targets.AsSpan(index * TargetCount, TargetCount)
        : _oneHot!.Row(index);

    /// <summary>A new dataset of the given samples, in the given order (rows are copied).</summary>
    /// <param name="indices">Sample indices; repeats are allowed.</param>
    public Dataset Subset(ReadOnlySpan<int> indices)
    {
        // Rows of a dense array built from compact targets are copied as they are now: the caller may have changed them.
        bool compact = _oneHot is { IsBuilt: false };
        var features = new float[indices.Length * FeatureCount];
        var targets = compact ? null : new float[indices.Length * TargetCount];
        int[]? labels = Labels is null ? null : new int[indices.Length];
        for (int i = 0; i < indices.Length; i++)
        {
            int source = indices[i];
            if ((uint)source >= (uint)Count)
            {
                throw new ArgumentOutOfRangeException(nameof(indices), source, $"Sample indices must be in [0, {Count}).");
            }

            FeaturesOf(source).CopyTo(features.AsSpan(i * FeatureCount));
            if (targets is not null)
            {
                TargetsOf(source).CopyTo(targets.AsSpan(i * TargetCount));
            }

            if (labels is not null)
            {
                labels[i] = Labels![source];
            }
        }

        return compact
            ? new Dataset(features, FeatureCount, labels!, _oneHot!.For(labels!), TargetCount)
            : new Dataset(features, FeatureCount, targets!, TargetCount, labels);
    }

    /// <summary>The same targets and labels with other features (of the same sample count), sharing the target storage.</summary>
    internal Dataset WithFeatures(float[] features) => _oneHot is not null
        ? new Dataset(features, FeatureCount, Labels!, _oneHot, TargetCount)
        : new Dataset(features, FeatureCount, _targets!, TargetCount, Labels);

    /// <summary>The number of whole rows of <paramref name="featureCount"/> values in <paramref name="features"/>; throws unless they are whole.</summary>
    private static int RowsOf(float[] features, int featureCount)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentOutOfRangeException.ThrowIfLessThan(featureCount, 1);
        if (features.Length % featureCount != 0)
        {
            throw new ArgumentException($"'features' must hold whole rows of {featureCount} values, but has length {features.Length}.", nameof(features));
        }

        return features.Length / featureCount;
    }

    /// <summary>Classification data with compact one-hot targets; the labels are already checked.</summary>
    private Dataset(float[] features, int featureCount, int[] labels, OneHotTargets oneHot, int classCount)
    {
        Features = features;
        FeatureCount = featureCount;
        TargetCount = classCount;
        Labels = labels;
        Count = labels.Length;
        _oneHot = oneHot;
    }

    /// <summary>Classification data from features and class indices, with one-hot targets.</summary>
    /// <param name="features">Row-major features.</param>
    /// <param name="featureCount">Features per sample.</param>
    /// <param name="labels">Each sample's class in [0, classCount); kept, not copied, as <see cref="Labels"/> and as the source of the targets.</param>
    /// <param name="classCount">The number of classes (the width of a one-hot row).</param>
    /// <exception cref="ArgumentException">A label is outside [0, classCount), or the one-hot targets would not fit one array.</exception>
    public static Dataset FromLabels(float[] features, int featureCount, int[] labels, int classCount)
    {
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentOutOfRangeException.ThrowIfLessThan(classCount, 1);
        long targetLength = (long)labels.Length * classCount;
        // The targets array must stay buildable (Targets); the compact row takes 2 × classCount − 1 values.
        if (targetLength > Array.MaxLength || classCount > (Array.MaxLength + 1) / 2)
        {
            throw new ArgumentException($"{labels.Length} samples × {classCount} classes is {targetLength} one-hot values, more than one array can hold ({Array.MaxLength}).", nameof(classCount));
        }

        for (int i = 0; i < labels.Length; i++)
        {
            if ((uint)labels[i] >= (uint)classCount)
            {
                throw new ArgumentOutOfRangeException(nameof(labels), labels[i], $"Label of sample {i} must be in [0, {classCount}).");
            }
        }

        if (RowsOf(features, featureCount) != labels.Length)
        {
            throw new ArgumentException($"'labels' must have length {features.Length / featureCount} (one per row of 'features'), but has length {labels.Length}.", nameof(labels));
        }

        return new Dataset(features, featureCount, labels, new OneHotTargets(labels, classCount), classCount);
    }
}
