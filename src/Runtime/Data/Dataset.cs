using System;

namespace StaticNet;

/// <summary>
/// Samples as two contiguous row-major arrays, features [Count × FeatureCount] and targets [Count × TargetCount],
/// ready for <see cref="IBatchNetwork.ForwardBatch"/> and <see cref="IBatchNetwork.BackwardBatch"/>. For
/// classification, <see cref="Labels"/> keeps each sample's class index beside its one-hot target.
/// </summary>
public sealed class Dataset
{
    /// <summary>Wraps the arrays (not copied) after checking that their lengths agree.</summary>
    /// <param name="features">Row-major features.</param>
    /// <param name="featureCount">Features per sample.</param>
    /// <param name="targets">Row-major targets.</param>
    /// <param name="targetCount">Targets per sample.</param>
    /// <param name="labels">Optional class index per sample.</param>
    public Dataset(float[] features, int featureCount, float[] targets, int targetCount, int[]? labels = null)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(targets);
        ArgumentOutOfRangeException.ThrowIfLessThan(featureCount, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(targetCount, 1);
        if (features.Length % featureCount != 0)
        {
            throw new ArgumentException($"'features' must hold whole rows of {featureCount} values, but has length {features.Length}.", nameof(features));
        }

        int count = features.Length / featureCount;
        if (targets.Length != count * targetCount)
        {
            throw new ArgumentException($"'targets' must have length {count * targetCount} ({count} samples × {targetCount}), but has length {targets.Length}.", nameof(targets));
        }

        if (labels is not null && labels.Length != count)
        {
            throw new ArgumentException($"'labels' must have length {count}, but has length {labels.Length}.", nameof(labels));
        }

        Features = features;
        Targets = targets;
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

    /// <summary>Row-major targets, [Count × TargetCount].</summary>
    public float[] Targets { get; }

    /// <summary>Each sample's class index, for classification data; otherwise null.</summary>
    public int[]? Labels { get; }

    /// <summary>The features of sample <paramref name="index"/>.</summary>
    public ReadOnlySpan<float> FeaturesOf(int index) => Features.AsSpan(index * FeatureCount, FeatureCount);

    /// <summary>The targets of sample <paramref name="index"/>.</summary>
    public ReadOnlySpan<float> TargetsOf(int index) => Targets.AsSpan(index * TargetCount, TargetCount);

    /// <summary>A new dataset of the given samples, in the given order (rows are copied).</summary>
    /// <param name="indices">Sample indices; repeats are allowed.</param>
    public Dataset Subset(ReadOnlySpan<int> indices)
    {
        var features = new float[indices.Length * FeatureCount];
        var targets = new float[indices.Length * TargetCount];
        int[]? labels = Labels is null ? null : new int[indices.Length];
        for (int i = 0; i < indices.Length; i++)
        {
            int source = indices[i];
            if ((uint)source >= (uint)Count)
            {
                throw new ArgumentOutOfRangeException(nameof(indices), source, $"Sample indices must be in [0, {Count}).");
            }

            FeaturesOf(source).CopyTo(features.AsSpan(i * FeatureCount));
            TargetsOf(source).CopyTo(targets.AsSpan(i * TargetCount));
            if (labels is not null)
            {
                labels[i] = Labels![source];
            }
        }

        return new Dataset(features, FeatureCount, targets, TargetCount, labels);
    }

    /// <summary>Classification data from features and class indices, with one-hot targets.</summary>
    /// <param name="features">Row-major features.</param>
    /// <param name="featureCount">Features per sample.</param>
    /// <param name="labels">Each sample's class in [0, classCount).</param>
    /// <param name="classCount">The number of classes (the width of a one-hot row).</param>
    /// <exception cref="ArgumentException">A label is outside [0, classCount), or the one-hot targets would not fit one array.</exception>
    public static Dataset FromLabels(float[] features, int featureCount, int[] labels, int classCount)
    {
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentOutOfRangeException.ThrowIfLessThan(classCount, 1);
        long targetLength = (long)labels.Length * classCount;
        if (targetLength > Array.MaxLength)
        {
            throw new ArgumentException($"{labels.Length} samples × {classCount} classes is {targetLength} one-hot values, more than one array can hold ({Array.MaxLength}).", nameof(classCount));
        }

        var targets = new float[targetLength];
        for (int i = 0; i < labels.Length; i++)
        {
            if ((uint)labels[i] >= (uint)classCount)
            {
                throw new ArgumentOutOfRangeException(nameof(labels), labels[i], $"Label of sample {i} must be in [0, {classCount}).");
            }

            targets[(i * classCount) + labels[i]] = 1f;
        }

        return new Dataset(features, featureCount, targets, classCount, labels);
    }
}
