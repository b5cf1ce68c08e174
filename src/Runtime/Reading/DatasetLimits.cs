using System.Globalization;
using System.IO;

namespace StaticNet;

/// <summary>The check every reader makes before allocating a <see cref="Dataset"/>: its size against <see cref="ReadOptions.MaxDatasetBytes"/>.</summary>
internal static class DatasetLimits
{
    /// <summary>
    /// Throws, naming <paramref name="where"/> (the file, and the line if any), unless <paramref name="count"/> samples of <paramref name="featureCount"/> features and
    /// <paramref name="targetCount"/> targets (floats) plus one label each fit the limit. Computed exactly (BigInteger), so
    /// sizes whose product wraps an int are refused rather than wrapped.
    /// </summary>
    public static void Check(string where, long count, long featureCount, long targetCount, ReadOptions options)
    {
        System.Numerics.BigInteger bytes = (System.Numerics.BigInteger)count * ((sizeof(float) * (featureCount + targetCount)) + sizeof(int));
        if (bytes > options.MaxDatasetBytes || (System.Numerics.BigInteger)count * System.Math.Max(featureCount, targetCount) > System.Array.MaxLength)
        {
            throw new InvalidDataException(string.Create(
                CultureInfo.InvariantCulture,
                $"{where}: {count} samples of {featureCount} features and {targetCount} targets would take {bytes} bytes, more than ReadOptions.MaxDatasetBytes ({options.MaxDatasetBytes}) or one array can hold; raise the limit if the data is genuine."));
        }
    }
}
