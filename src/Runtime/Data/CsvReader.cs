using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;

namespace StaticNet;

/// <summary>
/// Reads comma-separated files with a header line into a <see cref="Dataset"/>, for classification (one column of
/// class names) or regression (one or more numeric target columns).
/// </summary>
/// <remarks>
/// <para>
/// The format: the first non-blank line names the columns (names must be unique); every further non-blank line is
/// one sample with one cell per column. Numbers are parsed in the invariant culture with
/// <see cref="NumberStyles.Float"/> ('.' for decimals, optional exponent, no thousands separators) and must be
/// finite. Line endings may be LF or CRLF, blank lines (such as a trailing empty line) are skipped, whitespace around
/// a cell is ignored, and a cell may be quoted ("setosa"; a doubled quote "" inside quotes stands for one quote).
/// The file must be valid UTF-8 (a byte-order mark is skipped) and cells may not hold control characters other than
/// tab. Line breaks inside quoted cells are not supported. The number of classes and the size of the data set are
/// limited by <see cref="ReadOptions"/>, checked as rows are read.
/// </para>
/// <para>
/// Malformed input throws <see cref="InvalidDataException"/> whose message names the file, the 1-based line and
/// column (with the column's name) and what is wrong, for example
/// <c>iris.csv, line 7, column 2 (sepal_width): 'abc' is not a number</c>.
/// </para>
/// </remarks>
public static class CsvReader
{
    /// <summary>
    /// Reads classification data: <paramref name="labelColumn"/> holds class names, every other column is a numeric
    /// feature (in header order). Classes are numbered in order of first appearance in the file, also when the names
    /// look like numbers; <see cref="CsvDataset.ClassNames"/> gives the mapping. Targets are one-hot and
    /// <see cref="Dataset.Labels"/> holds each sample's class index.
    /// </summary>
    /// <param name="path">The CSV file.</param>
    /// <param name="labelColumn">The header name of the column of class names (compared exactly, case-sensitive).</param>
    /// <param name="options">
    /// Limits (<see cref="ReadOptions.MaxClassCount"/>, <see cref="ReadOptions.MaxDatasetBytes"/>); null for
    /// <see cref="ReadOptions.Default"/>.
    /// </param>
    /// <exception cref="InvalidDataException">The file is empty, has no data rows, is malformed, or exceeds a limit.</exception>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    public static CsvDataset ReadClassification(string path, string labelColumn, ReadOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(labelColumn);
        return Read(path, [labelColumn], classification: true, options ?? ReadOptions.Default);
    }

    /// <summary>
    /// Reads regression data: every column must be numeric; the columns named in <paramref name="targetColumns"/> are
    /// the targets (in the order given), every other column is a feature (in header order).
    /// <see cref="CsvDataset.ClassNames"/> is empty and <see cref="Dataset.Labels"/> is null.
    /// </summary>
    /// <param name="path">The CSV file.</param>
    /// <param name="targetColumns">The header names of the target columns; at least one, each once.</param>
    /// <exception cref="InvalidDataException">The file is empty, has no data rows, is malformed, or exceeds a limit.</exception>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    public static CsvDataset ReadRegression(string path, params string[] targetColumns) =>
        ReadRegression(path, targetColumns, options: null);

    /// <summary>Reads regression data as <see cref="ReadRegression(string, string[])"/> does, with explicit limits.</summary>
    /// <param name="path">The CSV file.</param>
    /// <param name="targetColumns">The header names of the target columns; at least one, each once.</param>
    /// <param name="options">Limits (<see cref="ReadOptions.MaxDatasetBytes"/>); null for <see cref="ReadOptions.Default"/>.</param>
    /// <exception cref="InvalidDataException">The file is empty, has no data rows, is malformed, or exceeds a limit.</exception>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    public static CsvDataset ReadRegression(string path, string[] targetColumns, ReadOptions? options)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(targetColumns);
        if (targetColumns.Length == 0)
        {
            throw new ArgumentException("Name at least one target column.", nameof(targetColumns));
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (string? name in targetColumns)
        {
            if (name is null)
            {
                throw new ArgumentException("Target column names must not be null.", nameof(targetColumns));
            }

            if (!seen.Add(name))
            {
                throw new ArgumentException($"The target column '{name}' is named more than once; name each target once.", nameof(targetColumns));
            }
        }

        return Read(path, targetColumns, classification: false, options ?? ReadOptions.Default);
    }

    private static CsvDataset Read(string path, string[] targetNames, bool classification, ReadOptions options)
    {
        // Strict UTF-8: the default decoder turns invalid bytes into U+FFFD, which merges distinct class names.
        using var reader = new LineReader(path);
        var cells = new List<string>();
        var quoted = new StringBuilder();
        int lineNumber = 0;
        string? line = NextNonBlank(reader, ref lineNumber);
        if (line is null)
        {
            throw new InvalidDataException($"{path}: the file is empty; expected a header line of column names followed by one line per sample.");
        }

        int headerLine = lineNumber;
        SplitLine(line, cells, quoted, path, lineNumber, names: null);
        string[] names = cells.ToArray();
        int[] targetOf = MapColumns(path, headerLine, names, targetNames);
        var rows = new Rows(path, names, targetOf, targetNames.Length, classification, options);
        while ((line = NextNonBlank(reader, ref lineNumber)) is not null)
        {
            SplitLine(line, cells, quoted, path, lineNumber, names);
            rows.Add(cells, lineNumber);
        }

        if (rows.Count == 0)
        {
            throw new InvalidDataException(string.Create(
                CultureInfo.InvariantCulture,
                $"{path}: the header (line {headerLine}) is followed by no data rows; expected one line per sample."));
        }

        return rows.ToDataset();
    }

    /// <summary>The next line that is not blank, counting every line read; null at the end of the file.</summary>
    private static string? NextNonBlank(LineReader reader, ref int lineNumber)
    {
        string? line;
        do
        {
            line = reader.ReadLine();
            lineNumber++;
        }
        while (line is not null && string.IsNullOrWhiteSpace(line));

        return line;
    }

    /// <summary>
    /// For each column, the index of the target it holds, or -1 for a feature; rejects repeated column names,
    /// targets the header lacks, and a header with no feature column.
    /// </summary>
    private static int[] MapColumns(string path, int headerLine, string[] names, string[] targetNames)
    {
        var columnOf = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int c = 0; c < names.Length; c++)
        {
            if (!columnOf.TryAdd(names[c], c))
            {
                throw new InvalidDataException(string.Create(
                    CultureInfo.InvariantCulture,
                    $"{path}, line {headerLine}: columns {columnOf[names[c]] + 1} and {c + 1} are both named '{Shorten(names[c])}'; rename one so that every column name is unique."));
            }
        }

        var targetOf = new int[names.Length];
        Array.Fill(targetOf, -1);
        for (int t = 0; t < targetNames.Length; t++)
        {
            if (!columnOf.TryGetValue(targetNames[t], out int column))
            {
                throw new InvalidDataException(string.Create(
                    CultureInfo.InvariantCulture,
                    $"{path}: no column named '{Shorten(targetNames[t])}'; the header has: {ListNames(names)}. Pass one of these names (they are case-sensitive)."));
            }

            targetOf[column] = t;
        }

        if (names.Length == targetNames.Length)
        {
            throw new InvalidDataException($"{path}: every column is a target ({string.Join(", ", targetNames)}); at least one feature column is needed.");
        }

        return targetOf;
    }

    /// <summary>The data rows as they arrive: features, targets or class labels, checked cell by cell and against the limits.</summary>
    private sealed class Rows
    {
        private readonly string _path;
        private readonly string[] _names;
        private readonly int[] _targetOf;
        private readonly int _targetCount;
        private readonly bool _classification;
        private readonly ReadOptions _options;
        private readonly string _numericColumns;
        private readonly List<float> _features = new(), _targets = new();
        private readonly List<int> _labels = new();
        private readonly Dictionary<string, int> _classOf = new(StringComparer.Ordinal);
        private readonly List<string> _classNames = new();
        private readonly float[] _targetRow;

        public Rows(string path, string[] names, int[] targetOf, int targetCount, bool classification, ReadOptions options)
        {
            _path = path;
            _names = names;
            _targetOf = targetOf;
            _targetCount = targetCount;
            _classification = classification;
            _options = options;
            _targetRow = new float[targetCount];
            _numericColumns = classification
                ? $"every column except '{names[Array.IndexOf(targetOf, 0)]}' must hold numbers"
                : "every column must hold numbers";
        }

        public int Count { get; private set; }

        private int FeatureCount => _names.Length - _targetCount;

        public void Add(List<string> cells, int lineNumber)
        {
            if (cells.Count != _names.Length)
            {
                throw new InvalidDataException(string.Create(
                    CultureInfo.InvariantCulture,
                    $"{_path}, line {lineNumber}: expected {_names.Length} cells, found {cells.Count}; every line needs one cell per header column."));
            }

            for (int c = 0; c < cells.Count; c++)
            {
                if (_classification && _targetOf[c] == 0)
                {
                    _labels.Add(Label(cells[c], lineNumber, c));
                    continue;
                }

                float value = ParseNumber(cells[c], _path, lineNumber, c, _names, _numericColumns);
                if (_targetOf[c] < 0)
                {
                    _features.Add(value);
                }
                else
                {
                    _targetRow[_targetOf[c]] = value;
                }
            }

            if (!_classification)
            {
                _targets.AddRange(_targetRow);
            }

            Count++;

            // Checked as the rows arrive, so a file whose one-hot targets would be gigabytes stops at the first row over.
            DatasetLimits.Check(string.Create(CultureInfo.InvariantCulture, $"{_path}, line {lineNumber}"), Count, FeatureCount, _classification ? _classNames.Count : _targetCount, _options);
        }

        public CsvDataset ToDataset()
        {
            var featureNames = new List<string>(FeatureCount);
            for (int c = 0; c < _names.Length; c++)
            {
                if (_targetOf[c] < 0)
                {
                    featureNames.Add(_names[c]);
                }
            }

            Dataset data = _classification
                ? Dataset.FromLabels(_features.ToArray(), FeatureCount, _labels.ToArray(), _classNames.Count)
                : new Dataset(_features.ToArray(), FeatureCount, _targets.ToArray(), _targetCount);
            return new CsvDataset(data, featureNames.ToArray(), _classNames.ToArray());
        }

        /// <summary>The class index of a label cell, numbering new class names in order of first appearance.</summary>
        private int Label(string cell, int lineNumber, int column)
        {
            if (cell.Length == 0)
            {
                throw CellError(_path, lineNumber, column, _names, "the class name is empty; every sample needs a class.");
            }

            if (_classOf.TryGetValue(cell, out int label))
            {
                return label;
            }

            if (_classNames.Count == _options.MaxClassCount)
            {
                throw CellError(_path, lineNumber, column, _names, string.Create(CultureInfo.InvariantCulture, $"'{Shorten(cell)}' would be class {_classNames.Count + 1}, more than ReadOptions.MaxClassCount ({_options.MaxClassCount}); raise the limit if the data is genuine."));
            }

            CheckText(cell, _path, lineNumber, column, _names);
            label = _classNames.Count;
            _classOf.Add(cell, label);
            _classNames.Add(cell);
            return label;
        }
    }

    private static float ParseNumber(string cell, string path, int lineNumber, int column, string[] names, string numericColumns)
    {
        if (cell.Length == 0)
        {
            throw CellError(path, lineNumber, column, names, $"the cell is empty; {numericColumns}. Fill in or remove missing values.");
        }

        // float.TryParse ignores trailing NUL characters, so "1\0" would read as 1.
        CheckText(cell, path, lineNumber, column, names);
        if (!float.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out float value))
        {
            throw CellError(path, lineNumber, column, names, $"'{Shorten(cell)}' is not a number; {numericColumns}, written with '.' for decimals (3.5, -0.2, 1e-3).");
        }

        // NaN, infinities and values beyond float's range would poison training without an error.
        if (!float.IsFinite(value))
        {
            throw CellError(path, lineNumber, column, names, $"'{Shorten(cell)}' is not a finite number (float holds up to ±3.4e38); fill in or remove missing values.");
        }

        return value;
    }

    /// <summary>Splits one line into trimmed cells, unquoting quoted ones.</summary>
    private static void SplitLine(string line, List<string> cells, StringBuilder quoted, string path, int lineNumber, string[]? names)
    {
        cells.Clear();
        int i = 0;
        while (true)
        {
            while (i < line.Length && line[i] != ',' && char.IsWhiteSpace(line[i]))
            {
                i++;
            }

            if (i < line.Length && line[i] == '"')
            {
                int column = cells.Count;
                quoted.Clear();
                i++;
                while (true)
                {
                    if (i == line.Length)
                    {
                        throw CellError(path, lineNumber, column, names, "the quoted cell has no closing quote; close it (line breaks inside quotes are not supported).");
                    }

                    char ch = line[i++];
                    if (ch != '"')
                    {
                        quoted.Append(ch);
                    }
                    else if (i < line.Length && line[i] == '"')
                    {
                        quoted.Append('"');
                        i++;
                    }
                    else
                    {
                        break;
                    }
                }

                while (i < line.Length && line[i] != ',' && char.IsWhiteSpace(line[i]))
                {
                    i++;
                }

                if (i < line.Length && line[i] != ',')
                {
                    throw CellError(path, lineNumber, column, names, "text follows the closing quote; put the whole cell inside the quotes.");
                }

                // Trimmed like unquoted cells, so that " setosa" and "setosa" are one class.
                cells.Add(quoted.ToString().Trim());
            }
            else
            {
                int end = line.IndexOf(',', i);
                if (end < 0)
                {
                    end = line.Length;
                }

                cells.Add(line.AsSpan(i, end - i).TrimEnd().ToString());
                i = end;
            }

            if (i >= line.Length)
            {
                return;
            }

            i++;
        }
    }

    private static void CheckText(string cell, string path, int lineNumber, int column, string[] names)
    {
        foreach (char ch in cell)
        {
            if (char.IsControl(ch) && ch != '\t')
            {
                throw CellError(path, lineNumber, column, names, string.Create(CultureInfo.InvariantCulture, $"the cell holds the control character U+{(int)ch:X4}; cells must be text without control characters (is the file binary or corrupt?)."));
            }
        }
    }

    // The header as messages quote it: at most 20 names, each shortened.
    private static string ListNames(string[] names)
    {
        const int shown = 20;
        var list = new List<string>(Math.Min(names.Length, shown) + 1);
        for (int i = 0; i < names.Length && i < shown; i++)
        {
            list.Add(Shorten(names[i]));
        }

        if (names.Length > shown)
        {
            list.Add(string.Create(CultureInfo.InvariantCulture, $"and {names.Length - shown} more"));
        }

        return string.Join(", ", list);
    }

    // Cells are quoted in messages, which stay short whatever the file holds.
    private static string Shorten(string cell) => cell.Length <= 40 ? cell : string.Concat(cell.AsSpan(0, 37), "...");

    private static InvalidDataException CellError(string path, int lineNumber, int column, string[]? names, string problem)
    {
        string name = names is not null && column < names.Length ? $" ({Shorten(names[column])})" : string.Empty;
        return new InvalidDataException(string.Create(CultureInfo.InvariantCulture, $"{path}, line {lineNumber}, column {column + 1}{name}: {problem}"));
    }
}
