using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;

namespace StaticNet;

/// <summary>A standardizer as safetensors metadata entries, so that it travels with the weights.</summary>
public sealed partial class Standardizer
{
    private const string KeyPrefix = "staticnet.";

    /// <summary>
    /// The statistics as two metadata entries, <c>staticnet.{name}.mean</c> and <c>staticnet.{name}.std</c>, each a
    /// comma-separated list of floats in round-trip form, so that <see cref="FromMetadata"/> restores them bit for bit.
    /// Pass them (merged with other entries, such as a target scaler's under another name) to
    /// <see cref="SafeTensors.Save(INetwork, string, IReadOnlyDictionary{string, string}, StateDictKeys)"/>.
    /// </summary>
    /// <param name="name">What the statistics scale, e.g. <c>features</c> or <c>targets</c>; letters, digits, '_' and '-' only.</param>
    /// <returns>A new dictionary of the two entries.</returns>
    /// <exception cref="ArgumentException"><paramref name="name"/> is empty or holds another character.</exception>
    public Dictionary<string, string> ToMetadata(string name = "features")
    {
        CheckName(name);
        return new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [MeanKey(name)] = Join(_mean),
            [DeviationKey(name)] = Join(_standardDeviation),
        };
    }

    /// <summary>
    /// The standardizer <see cref="ToMetadata"/> wrote under <paramref name="name"/>, for example from
    /// <see cref="SafeTensors.ReadMetadata(string, ReadOptions)"/>: it transforms bit for bit like the one saved.
    /// </summary>
    /// <param name="metadata">The metadata entries.</param>
    /// <param name="name">The name given to <see cref="ToMetadata"/>.</param>
    /// <exception cref="InvalidDataException">
    /// An entry is missing, or is not a list of finite floats of the same length as the other (standard deviations
    /// not negative); the message names the key.
    /// </exception>
    public static Standardizer FromMetadata(IReadOnlyDictionary<string, string> metadata, string name = "features")
    {
        ArgumentNullException.ThrowIfNull(metadata);
        CheckName(name);
        float[] mean = Parse(metadata, MeanKey(name));
        float[] deviation = Parse(metadata, DeviationKey(name));
        try
        {
            // Through the public constructor's checks (the private one, which takes arrays, trusts its caller).
            return new Standardizer((IReadOnlyList<float>)mean, deviation);
        }
        catch (ArgumentException exception)
        {
            throw new InvalidDataException($"The metadata entries '{MeanKey(name)}' and '{DeviationKey(name)}' do not describe a standardizer: {exception.Message}", exception);
        }
    }

    private static string MeanKey(string name) => KeyPrefix + name + ".mean";

    private static string DeviationKey(string name) => KeyPrefix + name + ".std";

    private static void CheckName(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        foreach (char c in name)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '_' or '-'))
            {
                throw new ArgumentException($"The name '{name}' may hold ASCII letters, digits, '_' and '-' only (it becomes part of a metadata key).", nameof(name));
            }
        }
    }

    private static string Join(float[] values)
    {
        var text = new StringBuilder(values.Length * 12);
        for (int i = 0; i < values.Length; i++)
        {
            // "R" is float's shortest round-trip form: parsing it gives back the same bits.
            text.Append(i == 0 ? string.Empty : ",").Append(values[i].ToString("R", CultureInfo.InvariantCulture));
        }

        return text.ToString();
    }

    private static float[] Parse(IReadOnlyDictionary<string, string> metadata, string key)
    {
        if (!metadata.TryGetValue(key, out string? text))
        {
            throw new InvalidDataException($"The metadata has no entry '{key}'; it was not saved with a standardizer of that name (Standardizer.ToMetadata).");
        }

        string[] cells = text.Split(',');
        var values = new float[cells.Length];
        for (int i = 0; i < cells.Length; i++)
        {
            if (!float.TryParse(cells[i], NumberStyles.Float, CultureInfo.InvariantCulture, out values[i]) || !float.IsFinite(values[i]))
            {
                string cell = cells[i].Length <= 40 ? cells[i] : cells[i][..37] + "...";
                throw new InvalidDataException($"The metadata entry '{key}' holds '{cell}' at position {i}, which is not a finite float.");
            }
        }

        return values;
    }
}
