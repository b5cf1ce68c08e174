using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;

namespace StaticNet;

/// <summary>
/// What each column of a CSV header is: a feature (and which), a target (and which), or skipped, from the target
/// names and <see cref="CsvOptions.FeatureColumns"/> / <see cref="CsvOptions.IgnoreColumns"/>.
/// </summary>
internal sealed class CsvColumns
{
    private CsvColumns(string[] names, int[] featureOf, int[] targetOf, string[] featureNames, int targetCount)
    {
        Names = names;
        FeatureOf = featureOf;
        TargetOf = targetOf;
        FeatureNames = featureNames;
        TargetCount = targetCount;
    }

    /// <summary>The header's names, one per column.</summary>
    public string[] Names { get; }

    /// <summary>Per column, the index of the feature it holds, or -1.</summary>
    public int[] FeatureOf { get; }

    /// <summary>Per column, the index of the target it holds, or -1.</summary>
    public int[] TargetOf { get; }

    /// <summary>The features' column names, in a sample's order.</summary>
    public string[] FeatureNames { get; }

    /// <summary>The number of target columns.</summary>
    public int TargetCount { get; }

    /// <summary>
    /// Maps the header; rejects repeated column names, named columns the header lacks, a column named in two roles,
    /// and a header that leaves no feature column.
    /// </summary>
    public static CsvColumns Map(string source, int headerLine, string[] names, string[] targetNames, CsvOptions options)
    {
        var columnOf = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int c = 0; c < names.Length; c++)
        {
            if (!columnOf.TryAdd(names[c], c))
            {
                throw new InvalidDataException(string.Create(
                    CultureInfo.InvariantCulture,
                    $"{source}, line {headerLine}: columns {columnOf[names[c]] + 1} and {c + 1} are both named '{CsvText.Shorten(names[c])}'; rename one so that every column name is unique."));
            }
        }

        // Each column takes one role; the first role a name is given is kept for the message.
        var role = new string?[names.Length];
        var targetOf = new int[names.Length];
        Array.Fill(targetOf, -1);
        for (int t = 0; t < targetNames.Length; t++)
        {
            int column = Find(source, names, columnOf, targetNames[t], "target column", role);
            role[column] = "a target";
            targetOf[column] = t;
        }

        foreach (string name in options.IgnoreColumns ?? [])
        {
            role[Find(source, names, columnOf, name, "column in CsvOptions.IgnoreColumns", role)] = "in CsvOptions.IgnoreColumns";
        }

        var featureOf = new int[names.Length];
        Array.Fill(featureOf, -1);
        var featureNames = new List<string>();
        if (options.FeatureColumns is { } selected)
        {
            foreach (string name in selected)
            {
                int column = Find(source, names, columnOf, name, "column in CsvOptions.FeatureColumns", role);
                role[column] = "in CsvOptions.FeatureColumns";
                featureOf[column] = featureNames.Count;
                featureNames.Add(names[column]);
            }
        }
        else
        {
            for (int c = 0; c < names.Length; c++)
            {
                if (role[c] is null)
                {
                    featureOf[c] = featureNames.Count;
                    featureNames.Add(names[c]);
                }
            }
        }

        if (featureNames.Count == 0)
        {
            throw new InvalidDataException(options.FeatureColumns is null && options.IgnoreColumns is null
                ? $"{source}: every column is a target ({string.Join(", ", targetNames)}); at least one feature column is needed."
                : $"{source}: no feature column is left once the targets ({string.Join(", ", targetNames)}) and CsvOptions.IgnoreColumns are taken out; at least one feature column is needed.");
        }

        return new CsvColumns(names, featureOf, targetOf, featureNames.ToArray(), targetNames.Length);
    }

    private static int Find(string source, string[] names, Dictionary<string, int> columnOf, string? name, string what, string?[] role)
    {
        if (name is null)
        {
            throw new ArgumentException($"A {what} is null; name every column.");
        }

        if (!columnOf.TryGetValue(name, out int column))
        {
            throw new InvalidDataException(string.Create(
                CultureInfo.InvariantCulture,
                $"{source}: no column named '{CsvText.Shorten(name)}'; the header has: {CsvText.ListNames(names)}. Pass one of these names (they are case-sensitive)."));
        }

        if (role[column] is { } taken)
        {
            throw new ArgumentException($"The column '{CsvText.Shorten(name)}' is named as a {what}, but is already {taken}; give each column one role.");
        }

        return column;
    }
}
