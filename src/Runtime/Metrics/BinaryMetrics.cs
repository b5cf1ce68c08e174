using System;
using System.Buffers;

namespace StaticNet;

/// <summary>Binary-classification metrics on scores or probabilities: ROC-AUC and log loss.</summary>
public static partial class Evaluation
{
    /// <summary>
    /// The area under the ROC curve: the probability that a random positive scores above a random negative, ties
    /// counting one half (the Mann–Whitney U statistic with mid-ranks; scikit-learn's <c>roc_auc_score</c>).
    /// </summary>
    /// <param name="scores">Any score that grows with the chance of class 1 (a probability, a logit).</param>
    /// <param name="labels">The true classes, each 0 or 1; both must occur.</param>
    /// <exception cref="ArgumentException">
    /// The lengths differ, there is no sample, a score is NaN, a label is not 0 or 1, or only one class occurs (the
    /// area is then undefined).
    /// </exception>
    public static double RocAuc(ReadOnlySpan<float> scores, ReadOnlySpan<float> labels)
    {
        MetricArguments.RequirePairs(scores, labels, nameof(scores), nameof(labels));
        int positives = 0;
        for (int i = 0; i < labels.Length; i++)
        {
            if (float.IsNaN(scores[i]))
            {
                throw new ArgumentException($"'scores' value {i} is NaN; every score must be a number.", nameof(scores));
            }

            if (labels[i] == 1f)
            {
                positives++;
            }
            else if (labels[i] != 0f)
            {
                throw new ArgumentException($"'labels' value {i} is {labels[i]}; binary labels must be 0 or 1.", nameof(labels));
            }
        }

        int negatives = labels.Length - positives;
        if (positives == 0 || negatives == 0)
        {
            throw new ArgumentException(
                $"'labels' holds only class {(positives == 0 ? 0 : 1)}; ROC-AUC needs at least one sample of each class.",
                nameof(labels));
        }

        // Sort copies of the scores with their labels (pooled arrays: the sort needs them, the caller's stay as they are).
        int n = scores.Length;
        float[] sortedScores = ArrayPool<float>.Shared.Rent(n);
        float[] sortedLabels = ArrayPool<float>.Shared.Rent(n);
        try
        {
            scores.CopyTo(sortedScores);
            labels.CopyTo(sortedLabels);
            Array.Sort(sortedScores, sortedLabels, 0, n);

            // Sum of the positives' ranks (1-based), each run of equal scores sharing its mean rank.
            double positiveRanks = 0;
            for (int start = 0; start < n;)
            {
                int end = start;
                int positivesInRun = 0;
                while (end < n && sortedScores[end] == sortedScores[start])
                {
                    positivesInRun += sortedLabels[end] == 1f ? 1 : 0;
                    end++;
                }

                positiveRanks += positivesInRun * ((start + 1 + end) / 2d);
                start = end;
            }

            return (positiveRanks - (positives * (positives + 1d) / 2d)) / ((double)positives * negatives);
        }
        finally
        {
            ArrayPool<float>.Shared.Return(sortedScores);
            ArrayPool<float>.Shared.Return(sortedLabels);
        }
    }

    /// <summary>
    /// The mean binary cross-entropy −[y·ln p + (1 − y)·ln(1 − p)], each logarithm limited below by −100 as PyTorch's
    /// <c>BCELoss</c> does (so a confident mistake costs 100, not infinity); accumulated in double.
    /// </summary>
    /// <param name="probabilities">The predicted probabilities of class 1, each in [0, 1].</param>
    /// <param name="labels">The targets, each in [0, 1] (0/1 labels, or soft targets).</param>
    /// <exception cref="ArgumentException">The lengths differ, there is no sample, or a value lies outside [0, 1] (or is NaN).</exception>
    public static double LogLoss(ReadOnlySpan<float> probabilities, ReadOnlySpan<float> labels)
    {
        MetricArguments.RequirePairs(probabilities, labels, nameof(probabilities), nameof(labels));
        double sum = 0;
        for (int i = 0; i < probabilities.Length; i++)
        {
            double p = probabilities[i], y = labels[i];
            if (!(p >= 0 && p <= 1))
            {
                throw new ArgumentException($"'probabilities' value {i} is {probabilities[i]}; a probability must be in [0, 1] (apply a sigmoid to scores first).", nameof(probabilities));
            }

            if (!(y >= 0 && y <= 1))
            {
                throw new ArgumentException($"'labels' value {i} is {labels[i]}; a binary target must be in [0, 1].", nameof(labels));
            }

            sum -= (y * Math.Max(Math.Log(p), -100d)) + ((1 - y) * Math.Max(Math.Log(1 - p), -100d));
        }

        return sum / probabilities.Length;
    }

    /// <summary>ROC-AUC of a one-output classifier (its output the score of class 1) on 0/1 targets.</summary>
    /// <param name="network">A network with one output.</param>
    /// <param name="data">Samples with one target each, 0 or 1.</param>
    /// <exception cref="ArgumentException">As for <see cref="RocAuc(ReadOnlySpan{float}, ReadOnlySpan{float})"/>, or the network or data have more than one output or target.</exception>
    public static double RocAuc(IBatchNetwork network, Dataset data) =>
        RocAuc(BinaryScores(network, data), data.Targets);

    /// <summary>Log loss of a one-output classifier (its output the probability of class 1, e.g. a sigmoid) on targets in [0, 1].</summary>
    /// <param name="network">A network with one output in [0, 1].</param>
    /// <param name="data">Samples with one target each, in [0, 1].</param>
    /// <exception cref="ArgumentException">As for <see cref="LogLoss(ReadOnlySpan{float}, ReadOnlySpan{float})"/>, or the network or data have more than one output or target.</exception>
    public static double LogLoss(IBatchNetwork network, Dataset data) =>
        LogLoss(BinaryScores(network, data), data.Targets);

    /// <summary>The network's single output for every sample.</summary>
    private static float[] BinaryScores(IBatchNetwork network, Dataset data)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(data);
        MetricArguments.RequireBinary(network, data);
        MetricArguments.RequireSamples(data);
        var scores = new float[data.Count];
        Predict(network, data, (sample, output) => scores[sample] = output[0]);
        return scores;
    }
}
