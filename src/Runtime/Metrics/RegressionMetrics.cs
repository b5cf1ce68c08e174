using System;

namespace StaticNet;

/// <summary>Regression metrics: mean absolute error, root mean squared error and the coefficient of determination R².</summary>
public static partial class Evaluation
{
    /// <summary>The mean of (ŷ − y)² over every pair, accumulated in double.</summary>
    /// <param name="predictions">The predictions ŷ.</param>
    /// <param name="targets">The targets y, one per prediction.</param>
    /// <exception cref="ArgumentException">The lengths differ, or there is no sample.</exception>
    public static double MeanSquaredError(ReadOnlySpan<float> predictions, ReadOnlySpan<float> targets)
    {
        MetricArguments.RequirePairs(predictions, targets, nameof(predictions), nameof(targets));
        double sum = 0;
        for (int i = 0; i < predictions.Length; i++)
        {
            double error = (double)predictions[i] - targets[i];
            sum += error * error;
        }

        return sum / predictions.Length;
    }

    /// <summary>The square root of <see cref="MeanSquaredError(ReadOnlySpan{float}, ReadOnlySpan{float})"/>, in the targets' unit.</summary>
    /// <param name="predictions">The predictions ŷ.</param>
    /// <param name="targets">The targets y, one per prediction.</param>
    /// <exception cref="ArgumentException">The lengths differ, or there is no sample.</exception>
    public static double RootMeanSquaredError(ReadOnlySpan<float> predictions, ReadOnlySpan<float> targets) =>
        Math.Sqrt(MeanSquaredError(predictions, targets));

    /// <summary>The mean of |ŷ − y| over every pair, accumulated in double.</summary>
    /// <param name="predictions">The predictions ŷ.</param>
    /// <param name="targets">The targets y, one per prediction.</param>
    /// <exception cref="ArgumentException">The lengths differ, or there is no sample.</exception>
    public static double MeanAbsoluteError(ReadOnlySpan<float> predictions, ReadOnlySpan<float> targets)
    {
        MetricArguments.RequirePairs(predictions, targets, nameof(predictions), nameof(targets));
        double sum = 0;
        for (int i = 0; i < predictions.Length; i++)
        {
            sum += Math.Abs((double)predictions[i] - targets[i]);
        }

        return sum / predictions.Length;
    }

    /// <summary>
    /// R² = 1 − Σ(ŷ − y)² / Σ(y − ȳ)² of one variable (scikit-learn's <c>r2_score</c>): 1 for perfect predictions,
    /// 0 for always predicting the mean, negative for worse. Constant targets give 1 when predicted exactly, else 0
    /// (scikit-learn's convention, rather than a division by zero).
    /// </summary>
    /// <param name="predictions">The predictions ŷ.</param>
    /// <param name="targets">The targets y, one per prediction.</param>
    /// <exception cref="ArgumentException">The lengths differ, or there is no sample.</exception>
    public static double RSquared(ReadOnlySpan<float> predictions, ReadOnlySpan<float> targets)
    {
        MetricArguments.RequirePairs(predictions, targets, nameof(predictions), nameof(targets));
        double mean = 0;
        for (int i = 0; i < targets.Length; i++)
        {
            mean += targets[i];
        }

        mean /= targets.Length;
        double residual = 0, total = 0;
        for (int i = 0; i < targets.Length; i++)
        {
            double error = (double)predictions[i] - targets[i], spread = targets[i] - mean;
            residual += error * error;
            total += spread * spread;
        }

        return CoefficientOfDetermination(residual, total);
    }

    /// <summary>The mean over samples and outputs of |ŷ − y|, for regression.</summary>
    /// <param name="network">The network.</param>
    /// <param name="data">Samples and their targets, one target per network output.</param>
    /// <exception cref="ArgumentException">The data hold no sample, or their features or targets per sample do not match the network.</exception>
    public static double MeanAbsoluteError(IBatchNetwork network, Dataset data)
    {
        ArgumentNullException.ThrowIfNull(data);
        MetricArguments.RequireSamples(data);
        return MeanOverOutputs(network, data, Math.Abs);
    }

    /// <summary>The square root of <see cref="MeanSquaredError(IBatchNetwork, Dataset)"/>, in the targets' unit.</summary>
    /// <param name="network">The network.</param>
    /// <param name="data">Samples and their targets, one target per network output.</param>
    /// <exception cref="ArgumentException">The data hold no sample, or their features or targets per sample do not match the network.</exception>
    public static double RootMeanSquaredError(IBatchNetwork network, Dataset data)
    {
        ArgumentNullException.ThrowIfNull(data);
        MetricArguments.RequireSamples(data);
        return Math.Sqrt(MeanSquaredError(network, data));
    }

    /// <summary>
    /// R² of each output over the samples, averaged over the outputs with equal weights (scikit-learn's
    /// <c>r2_score</c> with <c>multioutput="uniform_average"</c>); see <see cref="RSquared(ReadOnlySpan{float}, ReadOnlySpan{float})"/>.
    /// </summary>
    /// <param name="network">The network.</param>
    /// <param name="data">Samples and their targets, one target per network output.</param>
    /// <exception cref="ArgumentException">The data hold no sample, or their features or targets per sample do not match the network.</exception>
    public static double RSquared(IBatchNetwork network, Dataset data)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(data);
        MetricArguments.RequireSamples(data);
        RequireTargetWidth(data, network.OutputSize, "the network gives");

        // One pass: Welford's running mean and spread of each target, beside the residual sums.
        int outputs = network.OutputSize;
        var mean = new double[outputs];
        var spread = new double[outputs];
        var residual = new double[outputs];
        Predict(network, data, (sample, output) =>
        {
            ReadOnlySpan<float> target = data.TargetsOf(sample);
            for (int k = 0; k < outputs; k++)
            {
                double y = target[k], error = output[k] - y, before = y - mean[k];
                mean[k] += before / (sample + 1);
                spread[k] += before * (y - mean[k]);
                residual[k] += error * error;
            }
        });

        double sum = 0;
        for (int k = 0; k < outputs; k++)
        {
            sum += CoefficientOfDetermination(residual[k], spread[k]);
        }

        return sum / outputs;
    }

    private static double CoefficientOfDetermination(double residual, double total) =>
        total == 0 ? (residual == 0 ? 1d : 0d) : 1d - (residual / total);
}
