using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.Globalization;
using System.Numerics.Tensors;
using StaticNet.CompilerServices;

namespace StaticNet;

/// <summary>
/// Rescales every feature to zero mean and unit standard deviation, z = (x − mean) / std, with statistics taken
/// from the training samples only, so that nothing about validation or test samples leaks into training. Fit once
/// on the training part, then transform every part (and every sample at inference) with the same instance.
/// </summary>
/// <remarks>
/// A feature that is constant in the training data (standard deviation 0) carries no information there; it maps to
/// 0 for every sample, including test samples whose value differs, rather than to a division by zero.
/// Transforming is a subtraction and a multiplication by 1/std in float, identical for
/// <see cref="Transform(Dataset)"/> and <see cref="Transform(Span{float})"/>.
/// </remarks>
public sealed class Standardizer
{
    private readonly float[] _mean;
    private readonly float[] _standardDeviation;

    // 1/std, or 0 for a constant feature so that (x − mean) · scale gives 0 without a branch.
    private readonly float[] _scale;

    /// <summary>
    /// Restores a standardizer from saved statistics, for example to standardize inputs at inference exactly as
    /// during training. The result transforms bit for bit like the one whose <see cref="Mean"/> and
    /// <see cref="StandardDeviation"/> were saved.
    /// </summary>
    /// <param name="mean">The mean of each feature; finite.</param>
    /// <param name="standardDeviation">The standard deviation of each feature; finite and not negative (0 for a constant feature).</param>
    public Standardizer(IReadOnlyList<float> mean, IReadOnlyList<float> standardDeviation)
    {
        ArgumentNullException.ThrowIfNull(mean);
        ArgumentNullException.ThrowIfNull(standardDeviation);
        if (mean.Count == 0 || mean.Count != standardDeviation.Count)
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"'mean' and 'standardDeviation' must hold one value per feature, at least one, but have {mean.Count} and {standardDeviation.Count} values."),
                nameof(standardDeviation));
        }

        var meanCopy = new float[mean.Count];
        var deviationCopy = new float[mean.Count];
        for (int c = 0; c < meanCopy.Length; c++)
        {
            if (!float.IsFinite(mean[c]))
            {
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"The mean of feature {c} is {mean[c]}; it must be finite."), nameof(mean));
            }

            if (!float.IsFinite(standardDeviation[c]) || standardDeviation[c] < 0)
            {
                throw new ArgumentException(
                    string.Create(CultureInfo.InvariantCulture, $"The standard deviation of feature {c} is {standardDeviation[c]}; it must be finite and not negative."),
                    nameof(standardDeviation));
            }

            meanCopy[c] = mean[c];
            deviationCopy[c] = standardDeviation[c];
        }

        _mean = meanCopy;
        _standardDeviation = deviationCopy;
        _scale = Reciprocals(deviationCopy);
        Mean = Array.AsReadOnly(_mean);
        StandardDeviation = Array.AsReadOnly(_standardDeviation);
    }

    private Standardizer(float[] mean, float[] standardDeviation)
    {
        _mean = mean;
        _standardDeviation = standardDeviation;
        _scale = Reciprocals(standardDeviation);
        Mean = Array.AsReadOnly(_mean);
        StandardDeviation = Array.AsReadOnly(_standardDeviation);
    }

    /// <summary>The number of features per sample this standardizer transforms.</summary>
    public int FeatureCount => _mean.Length;

    /// <summary>The mean of each feature over the training samples.</summary>
    public IReadOnlyList<float> Mean { get; }

    /// <summary>
    /// The population standard deviation of each feature over the training samples (dividing by Count, not
    /// Count − 1); 0 for a constant feature.
    /// </summary>
    public IReadOnlyList<float> StandardDeviation { get; }

    /// <summary>
    /// Computes the mean and population standard deviation of every feature of <paramref name="training"/>, in double
    /// and in two passes (mean first, then squared deviations) so that large offsets do not cancel the variance away.
    /// </summary>
    /// <param name="training">The training samples only; at least one, every feature finite.</param>
    /// <exception cref="ArgumentException"><paramref name="training"/> is empty or holds a NaN or infinite feature.</exception>
    public static Standardizer Fit(Dataset training)
    {
        ArgumentNullException.ThrowIfNull(training);
        if (training.Count == 0)
        {
            throw new ArgumentException("'training' holds no samples; fit on at least one.", nameof(training));
        }

        int featureCount = training.FeatureCount;
        float[] features = training.Features;
        var sum = new double[featureCount];
        for (int i = 0; i < training.Count; i++)
        {
            int row = i * featureCount;
            for (int c = 0; c < featureCount; c++)
            {
                float x = features[row + c];
                if (!float.IsFinite(x))
                {
                    // Caught here because one NaN would silently turn a whole column of every split into NaN.
                    throw new ArgumentException(
                        string.Create(CultureInfo.InvariantCulture, $"Feature {c} of sample {i} is {x}; standardizing needs finite values. Remove or fill in missing values first."),
                        nameof(training));
                }

                sum[c] += x;
            }
        }

        var mean = new double[featureCount];
        for (int c = 0; c < featureCount; c++)
        {
            mean[c] = sum[c] / training.Count;
        }

        var squares = new double[featureCount];
        for (int i = 0; i < training.Count; i++)
        {
            int row = i * featureCount;
            for (int c = 0; c < featureCount; c++)
            {
                double d = features[row + c] - mean[c];
                squares[c] += d * d;
            }
        }

        var meanSingle = new float[featureCount];
        var deviationSingle = new float[featureCount];
        for (int c = 0; c < featureCount; c++)
        {
            meanSingle[c] = (float)mean[c];
            deviationSingle[c] = (float)Math.Sqrt(squares[c] / training.Count);
        }

        return new Standardizer(meanSingle, deviationSingle);
    }

    /// <summary>
    /// A new dataset with every feature standardized; a feature that was constant in the training data becomes 0.
    /// The targets and labels arrays are shared with <paramref name="data"/>, not copied.
    /// </summary>
    /// <param name="data">Any part of the data (training, validation or test) with <see cref="FeatureCount"/> features.</param>
    public Dataset Transform(Dataset data)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (data.FeatureCount != FeatureCount)
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"'data' has {data.FeatureCount} features per sample, but this standardizer was fitted on {FeatureCount}."),
                nameof(data));
        }

        var features = new float[data.Features.Length];
        for (int i = 0; i < data.Count; i++)
        {
            Standardize(data.FeaturesOf(i), features.AsSpan(i * FeatureCount, FeatureCount));
        }

        return data.WithFeatures(features);
    }

    /// <summary>
    /// Standardizes the features of one sample in place, allocation-free, for inference: the result equals that
    /// sample's row in <see cref="Transform(Dataset)"/>.
    /// </summary>
    /// <param name="features">One sample's <see cref="FeatureCount"/> features; overwritten with the standardized values.</param>
    public void Transform(Span<float> features)
    {
        SpanLength.Require(features, FeatureCount, nameof(features));
        Standardize(features, features);
    }

    private void Standardize(ReadOnlySpan<float> source, Span<float> destination)
    {
        TensorPrimitives.Subtract(source, _mean, destination);
        TensorPrimitives.Multiply(destination, _scale, destination);
    }

    private static float[] Reciprocals(float[] standardDeviation)
    {
        var scale = new float[standardDeviation.Length];
        for (int c = 0; c < scale.Length; c++)
        {
            float reciprocal = (float)(1.0 / standardDeviation[c]);

            // A zero spread (or one so small that its reciprocal overflows float) would divide by zero: map to 0.
            scale[c] = float.IsFinite(reciprocal) ? reciprocal : 0f;
        }

        return scale;
    }
}
