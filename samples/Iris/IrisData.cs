using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;

namespace StaticNet.Samples.Iris;

/// <summary>Fisher's Iris measurements as float rows with one-hot species targets.</summary>
public sealed class IrisData
{
    /// <summary>The species names, in the order of the one-hot columns.</summary>
    public static readonly string[] Species = { "setosa", "versicolor", "virginica" };

    private IrisData(float[][] features, int[] labels)
    {
        Features = features;
        Labels = labels;
    }

    /// <summary>Four measurements per sample (sepal length, sepal width, petal length, petal width, in cm).</summary>
    public float[][] Features { get; }

    /// <summary>The species of each sample, an index into <see cref="Species"/>.</summary>
    public int[] Labels { get; }

    /// <summary>The number of samples.</summary>
    public int Count => Labels.Length;

    /// <summary>The file shipped with the sample, copied next to the program.</summary>
    public static string DefaultPath => Path.Combine(AppContext.BaseDirectory, "Data", "iris.csv");

    /// <summary>Reads the CSV (header, four numeric columns, species name). Errors name the line and column.</summary>
    public static IrisData Load(string path)
    {
        var features = new List<float[]>();
        var labels = new List<int>();
        string[] lines = File.ReadAllLines(path);
        for (int i = 1; i < lines.Length; i++)
        {
            if (lines[i].Length == 0)
            {
                continue;
            }

            string[] cells = lines[i].Split(',');
            if (cells.Length != 5)
            {
                throw new FormatException($"{path}, line {i + 1}: expected 5 columns, found {cells.Length}.");
            }

            var row = new float[4];
            for (int c = 0; c < 4; c++)
            {
                if (!float.TryParse(cells[c], NumberStyles.Float, CultureInfo.InvariantCulture, out row[c]))
                {
                    throw new FormatException($"{path}, line {i + 1}, column {c + 1}: '{cells[c]}' is not a number.");
                }
            }

            int label = Array.IndexOf(Species, cells[4].Trim());
            if (label < 0)
            {
                throw new FormatException($"{path}, line {i + 1}, column 5: unknown species '{cells[4]}'.");
            }

            features.Add(row);
            labels.Add(label);
        }

        return new IrisData(features.ToArray(), labels.ToArray());
    }

    /// <summary>A seeded shuffle split into a training part of <paramref name="trainFraction"/> and a test part.</summary>
    public (IrisData Train, IrisData Test) Split(double trainFraction, int seed)
    {
        int[] order = new int[Count];
        for (int i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }

        var random = new DeterministicRandom(seed);
        for (int i = order.Length - 1; i > 0; i--)
        {
            int j = random.NextInt32(i + 1);
            (order[i], order[j]) = (order[j], order[i]);
        }

        int trainCount = (int)Math.Round(Count * trainFraction);
        return (Subset(order.AsSpan(0, trainCount)), Subset(order.AsSpan(trainCount)));
    }

    /// <summary>
    /// Rescales every feature to zero mean and unit variance using statistics of <paramref name="reference"/> only
    /// (the training part), so that nothing about the test part leaks into training.
    /// </summary>
    public IrisData StandardizedWith(IrisData reference)
    {
        var mean = new double[4];
        var variance = new double[4];
        foreach (float[] row in reference.Features)
        {
            for (int c = 0; c < 4; c++)
            {
                mean[c] += row[c] / (double)reference.Count;
            }
        }

        foreach (float[] row in reference.Features)
        {
            for (int c = 0; c < 4; c++)
            {
                variance[c] += (row[c] - mean[c]) * (row[c] - mean[c]) / reference.Count;
            }
        }

        var scaled = new float[Count][];
        for (int i = 0; i < Count; i++)
        {
            scaled[i] = new float[4];
            for (int c = 0; c < 4; c++)
            {
                scaled[i][c] = (float)((Features[i][c] - mean[c]) / Math.Sqrt(variance[c]));
            }
        }

        return new IrisData(scaled, Labels);
    }

    /// <summary>The one-hot target of sample <paramref name="index"/>.</summary>
    public void OneHot(int index, Span<float> target)
    {
        target.Clear();
        target[Labels[index]] = 1f;
    }

    private IrisData Subset(ReadOnlySpan<int> indices)
    {
        var features = new float[indices.Length][];
        var labels = new int[indices.Length];
        for (int i = 0; i < indices.Length; i++)
        {
            features[i] = Features[indices[i]];
            labels[i] = Labels[indices[i]];
        }

        return new IrisData(features, labels);
    }
}
