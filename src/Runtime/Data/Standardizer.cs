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
/// For regression, a second instance made by <see cref="FitTargets"/> scales the targets the same way, and
/// <see cref="InverseTransform"/> turns the network's outputs back into the targets' units. Both travel with the
/// weights as safetensors metadata (<see cref="ToMetadata"/>, <see cref="FromMetadata"/>).
/// A feature that is constant in the training data (standard deviation 0) carries no information there; it maps to
/// 0 for every sample, including test samples whose value differs, rather than to a division by zero.
/// Transforming is a subtraction and a multiplication by 1/std in float, identical for
/// <see cref="Transform(Dataset)"/> and <see cref="Transform(Span{float})"/>.
/// </remarks>
public sealed partial class Standardizer
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
        return FitColumns(training.Features, training.Count, training.FeatureCount, "Feature", nameof(training));
    }

    /// <summary>
    /// The statistics of every target of <paramref name="training"/>, as <see cref="Fit"/> computes them for the
    /// features: a target scaler for regression. Train on <see cref="TransformTargets"/>, and map predictions back
    /// with <see cref="InverseTransform"/>.
    /// </summary>
    /// <param name="training">The training samples only; at least one, every target finite.</param>
    /// <exception cref="ArgumentException"><paramref name="training"/> is empty or holds a NaN or infinite target.</exception>
    public static Standardizer FitTargets(Dataset training)
    {
        ArgumentNullException.ThrowIfNull(training);
        return FitColumns(training.Targets, training.Count, training.TargetCount, "Target", nameof(training));
    }

    /// <summary>Mean and population standard deviation of each of <paramref name="featureCount"/> columns of <paramref name="features"/> (<paramref name="count"/> rows).</summary>
    private static Standardizer FitColumns(float[] features, int count, int featureCount, string what, string argument)
    {
        if (count == 0)
        {
            throw new ArgumentException($"'{argument}' holds no samples; fit on at least one.", argument);
        }

        var sum = new double[featureCount];
        for (int i = 0; i < count; i++)
        {
            int row = i * featureCount;
            for (int c = 0; c < featureCount; c++)
            {
                float x = features[row + c];
                if (!float.IsFinite(x))
                {
                    // Caught here because one NaN would silently turn a whole column of every split into NaN.
                    throw new ArgumentException(
                        string.Create(CultureInfo.InvariantCulture, $"{what} {c} of sample {i} is {x}; standardizing needs finite values. Remove or fill in missing values first."),
                        argument);
                }

                sum[c] += x;
            }
        }

        var mean = new double[featureCount];
        for (int c = 0; c < featureCount; c++)
        {
            mean[c] = sum[c] / count;
        }

        var squares = new double[featureCount];
        for (int i = 0; i < count; i++)
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
            deviationSingle[c] = (float)Math.Sqrt(squares[c] / count);
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
    /// A new dataset with every target standardized by this target scaler (made by <see cref="FitTargets"/>); the
    /// features are shared with <paramref name="data"/>, not copied.
    /// </summary>
    /// <param name="data">Any part of the data with <see cref="FeatureCount"/> targets per sample.</param>
    /// <exception cref="ArgumentException">The data has another number of targets.</exception>
    public Dataset TransformTargets(Dataset data)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (data.TargetCount != FeatureCount)
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"'data' has {data.TargetCount} targets per sample, but this scaler was fitted on {FeatureCount} values per sample."),
                nameof(data));
        }

        var targets = new float[data.Count * FeatureCount];
        for (int i = 0; i < data.Count; i++)
        {
            Standardize(data.TargetsOf(i), targets.AsSpan(i * FeatureCount, FeatureCount));
        }

        return new Dataset(data.Features, data.FeatureCount, targets, FeatureCount, data.Labels);
    }

    /// <summary>
    /// Maps standardized values back in place, x = z · std + mean (a constant column gives its mean), allocation-free:
    /// a target scaler's way back from the network's outputs to the targets' units.
    /// </summary>
    /// <param name="values">One sample's <see cref="FeatureCount"/> values; overwritten.</param>
    public void InverseTransform(Span<float> values)
    {
        SpanLength.Require(values, FeatureCount, nameof(values));
        TensorPrimitives.Multiply(values, _standardDeviation, values);
        TensorPrimitives.Add(values, _mean, values);
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
