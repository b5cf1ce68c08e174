using System;
using System.Collections.Generic;
using System.Globalization;

namespace StaticNet;

/// <summary>
/// Seeded train/validation/test splits and k-fold cross-validation. Every split shuffles the sample indices with
/// <see cref="DeterministicRandom"/> (a Fisher–Yates shuffle), so equal seeds give equal splits on every platform
/// and .NET version. The parts are new datasets (rows are copied); the source dataset is not changed.
/// </summary>
public static class DatasetSplits
{
    /// <summary>
    /// Shuffles the samples with <paramref name="seed"/> and puts the first round(Count × <paramref name="trainFraction"/>)
    /// (halves rounded away from zero) into the training part and the rest into the test part, both in shuffled order.
    /// </summary>
    /// <param name="data">The samples to split; needs at least two.</param>
    /// <param name="trainFraction">The share of samples for training, in (0, 1); for example 0.7 or 0.8.</param>
    /// <param name="seed">Selects the shuffle; equal seeds give equal splits.</param>
    /// <exception cref="ArgumentOutOfRangeException">
    /// <paramref name="trainFraction"/> is not in (0, 1), or leaves one of the parts empty.
    /// </exception>
    public static (Dataset Train, Dataset Test) Split(this Dataset data, double trainFraction, int seed)
    {
        ArgumentNullException.ThrowIfNull(data);
        RequireFraction(trainFraction, nameof(trainFraction));
        int trainCount = PartSize(data.Count, trainFraction);
        int testCount = data.Count - trainCount;
        if (trainCount < 1 || testCount < 1)
        {
            throw new ArgumentOutOfRangeException(
                nameof(trainFraction),
                trainFraction,
                string.Create(CultureInfo.InvariantCulture, $"With {data.Count} samples, a train fraction of {trainFraction} gives {trainCount} training and {testCount} test samples; choose a fraction that leaves at least one sample in each part."));
        }

        int[] order = ShuffledIndices(data.Count, seed);
        return (data.Subset(order.AsSpan(0, trainCount)), data.Subset(order.AsSpan(trainCount)));
    }

    /// <summary>
    /// Shuffles the samples with <paramref name="seed"/> and cuts the shuffled order into a training part of
    /// round(Count × <paramref name="trainFraction"/>) samples, then a validation part of
    /// round(Count × <paramref name="validationFraction"/>) samples, and a test part of the rest.
    /// </summary>
    /// <param name="data">The samples to split; needs at least three.</param>
    /// <param name="trainFraction">The share of samples for training, in (0, 1).</param>
    /// <param name="validationFraction">
    /// The share of samples for validation, in (0, 1); together with <paramref name="trainFraction"/> below 1, so
    /// that a test part remains.
    /// </param>
    /// <param name="seed">Selects the shuffle; equal seeds give equal splits.</param>
    /// <exception cref="ArgumentOutOfRangeException">
    /// A fraction is not in (0, 1), the two sum to 1 or more, or one of the parts would be empty.
    /// </exception>
    public static (Dataset Train, Dataset Validation, Dataset Test) Split(this Dataset data, double trainFraction, double validationFraction, int seed)
    {
        ArgumentNullException.ThrowIfNull(data);
        RequireFraction(trainFraction, nameof(trainFraction));
        RequireFraction(validationFraction, nameof(validationFraction));
        if (trainFraction + validationFraction >= 1)
        {
            throw new ArgumentOutOfRangeException(
                nameof(validationFraction),
                validationFraction,
                string.Create(CultureInfo.InvariantCulture, $"trainFraction + validationFraction must be below 1 to leave a test part, but is {trainFraction} + {validationFraction}; lower one of them."));
        }

        int trainCount = PartSize(data.Count, trainFraction);
        int validationCount = PartSize(data.Count, validationFraction);
        int testCount = data.Count - trainCount - validationCount;
        if (trainCount < 1 || validationCount < 1 || testCount < 1)
        {
            // Name the fraction that produced the empty part; the test part is empty when the other two take all.
            string parameter = trainCount < 1 ? nameof(trainFraction) : nameof(validationFraction);
            double value = trainCount < 1 ? trainFraction : validationFraction;
            throw new ArgumentOutOfRangeException(
                parameter,
                value,
                string.Create(CultureInfo.InvariantCulture, $"With {data.Count} samples, fractions {trainFraction} and {validationFraction} give {trainCount} training, {validationCount} validation and {testCount} test samples; choose fractions that leave at least one sample in each part."));
        }

        int[] order = ShuffledIndices(data.Count, seed);
        return (
            data.Subset(order.AsSpan(0, trainCount)),
            data.Subset(order.AsSpan(trainCount, validationCount)),
            data.Subset(order.AsSpan(trainCount + validationCount)));
    }

    /// <summary>
    /// K-fold cross-validation: shuffles the samples once with <paramref name="seed"/>, cuts the shuffled order into
    /// <paramref name="folds"/> consecutive folds whose sizes differ by at most one (the first Count mod k folds hold
    /// one extra sample), and yields one (training, validation) pair per fold: fold i validates, the other folds train.
    /// Every sample is validated exactly once.
    /// </summary>
    /// <remarks>
    /// The pairs are built lazily, one fold at a time, so only one copy of the data is alive while iterating; the
    /// arguments are checked and the shuffle is fixed when this method is called, so enumerating twice gives the same
    /// folds.
    /// </remarks>
    /// <param name="data">The samples to cross-validate.</param>
    /// <param name="folds">The number of folds k, in [2, Count]; 5 or 10 are common.</param>
    /// <param name="seed">Selects the shuffle; equal seeds give equal folds.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="folds"/> is not in [2, Count].</exception>
    public static IEnumerable<(Dataset Train, Dataset Validation)> KFold(this Dataset data, int folds, int seed)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (folds < 2 || folds > data.Count)
        {
            throw new ArgumentOutOfRangeException(
                nameof(folds),
                folds,
                string.Create(CultureInfo.InvariantCulture, $"The number of folds must be in [2, {data.Count}] (at most one fold per sample) so that every fold validates at least one sample."));
        }

        // Checked here, not in the iterator, so that a wrong argument throws at the call rather than at the first MoveNext.
        return EnumerateFolds(data, ShuffledIndices(data.Count, seed), folds);
    }

    private static IEnumerable<(Dataset Train, Dataset Validation)> EnumerateFolds(Dataset data, int[] order, int folds)
    {
        int smallest = order.Length / folds;
        int larger = order.Length % folds;
        var train = new int[order.Length - smallest];
        int start = 0;
        for (int fold = 0; fold < folds; fold++)
        {
            int size = smallest + (fold < larger ? 1 : 0);
            int end = start + size;

            // Training keeps the shuffled order of the other folds.
            Array.Copy(order, 0, train, 0, start);
            Array.Copy(order, end, train, start, order.Length - end);
            Dataset trainPart = data.Subset(train.AsSpan(0, order.Length - size));
            Dataset validationPart = data.Subset(order.AsSpan(start, size));
            yield return (trainPart, validationPart);
            start = end;
        }
    }

    private static int[] ShuffledIndices(int count, int seed)
    {
        var order = new int[count];
        for (int i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }

        new DeterministicRandom(seed).Shuffle(order);
        return order;
    }

    private static int PartSize(int count, double fraction) => (int)Math.Round(count * fraction, MidpointRounding.AwayFromZero);

    private static void RequireFraction(double fraction, string parameterName)
    {
        // Written so that NaN fails too.
        if (!(fraction > 0 && fraction < 1))
        {
            throw new ArgumentOutOfRangeException(parameterName, fraction, "Must be strictly between 0 and 1, for example 0.8 for 80 %.");
        }
    }
}
