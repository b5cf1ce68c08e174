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
/// limited by <see cref="ReadOptions"/>, checked as rows are read. <see cref="CsvOptions"/> chooses the feature
/// columns, skips columns, and reads a two-class label as one 0/1 target.
/// </para>
/// <para>
/// Malformed input throws <see cref="InvalidDataException"/> whose message names the file, the 1-based line and
/// column (with the column's name) and what is wrong, for example
/// <c>iris.csv, line 7, column 2 (sepal_width): 'abc' is not a number</c>.
/// </para>
/// </remarks>
public static class CsvReader
{
    /// <summary>The name messages give data read from a stream.</summary>
    private const string StreamName = "CSV stream";

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
    public static CsvDataset ReadClassification(string path, string labelColumn, ReadOptions? options = null) =>
        ReadClassification(path, labelColumn, new CsvOptions { Limits = options });

    /// <summary>
    /// Reads classification data as <see cref="ReadClassification(string, string, ReadOptions?)"/> does, with the
    /// columns and the label's form chosen by <paramref name="csvOptions"/> (for a one-output Sigmoid network, set
    /// <see cref="CsvOptions.PositiveClass"/> to read a two-class label as one 0/1 target).
    /// </summary>
    /// <param name="path">The CSV file.</param>
    /// <param name="labelColumn">The header name of the column of class names (compared exactly, case-sensitive).</param>
    /// <param name="csvOptions">Columns, label form and limits.</param>
    /// <exception cref="InvalidDataException">The file is empty, has no data rows, is malformed, or exceeds a limit.</exception>
    /// <exception cref="ArgumentException">A column is named in two roles (target, feature, ignored).</exception>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    public static CsvDataset ReadClassification(string path, string labelColumn, CsvOptions csvOptions)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(labelColumn);
        ArgumentNullException.ThrowIfNull(csvOptions);
        using var reader = new LineReader(path);
        return Read(reader, path, [labelColumn], classification: true, csvOptions);
    }

    /// <summary>
    /// Reads classification data from <paramref name="stream"/> (read to its end, left open) as
    /// <see cref="ReadClassification(string, string, CsvOptions)"/> reads a file; messages name it "CSV stream".
    /// </summary>
    /// <param name="stream">The CSV text, UTF-8.</param>
    /// <param name="labelColumn">The header name of the column of class names (compared exactly, case-sensitive).</param>
    /// <param name="csvOptions">Columns, label form and limits; null for the defaults.</param>
    /// <exception cref="InvalidDataException">The stream is empty, has no data rows, is malformed, or exceeds a limit.</exception>
    /// <exception cref="ArgumentException">A column is named in two roles (target, feature, ignored).</exception>
    public static CsvDataset ReadClassification(Stream stream, string labelColumn, CsvOptions? csvOptions = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(labelColumn);
        using var reader = new LineReader(stream, StreamName);
        return Read(reader, StreamName, [labelColumn], classification: true, csvOptions ?? new CsvOptions());
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
    public static CsvDataset ReadRegression(string path, string[] targetColumns, ReadOptions? options) =>
        ReadRegression(path, targetColumns, new CsvOptions { Limits = options });

    /// <summary>
    /// Reads regression data as <see cref="ReadRegression(string, string[])"/> does, with the feature columns chosen
    /// by <paramref name="csvOptions"/> (<see cref="CsvOptions.PositiveClass"/> does not apply to regression).
    /// </summary>
    /// <param name="path">The CSV file.</param>
    /// <param name="targetColumns">The header names of the target columns; at least one, each once.</param>
    /// <param name="csvOptions">Columns and limits.</param>
    /// <exception cref="InvalidDataException">The file is empty, has no data rows, is malformed, or exceeds a limit.</exception>
    /// <exception cref="ArgumentException">A column is named in two roles, or PositiveClass is set.</exception>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    public static CsvDataset ReadRegression(string path, string[] targetColumns, CsvOptions csvOptions)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        CheckRegression(targetColumns, csvOptions);
        using var reader = new LineReader(path);
        return Read(reader, path, targetColumns, classification: false, csvOptions);
    }

    /// <summary>
    /// Reads regression data from <paramref name="stream"/> (read to its end, left open) as
    /// <see cref="ReadRegression(string, string[], CsvOptions)"/> reads a file; messages name it "CSV stream".
    /// </summary>
    /// <param name="stream">The CSV text, UTF-8.</param>
    /// <param name="targetColumns">The header names of the target columns; at least one, each once.</param>
    /// <param name="csvOptions">Columns and limits; null for the defaults.</param>
    /// <exception cref="InvalidDataException">The stream is empty, has no data rows, is malformed, or exceeds a limit.</exception>
    /// <exception cref="ArgumentException">A column is named in two roles, or PositiveClass is set.</exception>
    public static CsvDataset ReadRegression(Stream stream, string[] targetColumns, CsvOptions? csvOptions = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        csvOptions ??= new CsvOptions();
        CheckRegression(targetColumns, csvOptions);
        using var reader = new LineReader(stream, StreamName);
        return Read(reader, StreamName, targetColumns, classification: false, csvOptions);
    }

    private static void CheckRegression(string[] targetColumns, CsvOptions csvOptions)
    {
        ArgumentNullException.ThrowIfNull(targetColumns);
        ArgumentNullException.ThrowIfNull(csvOptions);
        if (targetColumns.Length == 0)
        {
            throw new ArgumentException("Name at least one target column.", nameof(targetColumns));
        }

        if (csvOptions.PositiveClass is not null)
        {
            throw new ArgumentException("CsvOptions.PositiveClass reads a class label as one 0/1 target; it applies to ReadClassification, not to ReadRegression.", nameof(csvOptions));
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
    }

    private static CsvDataset Read(LineReader reader, string source, string[] targetNames, bool classification, CsvOptions options)
    {
        var cells = new List<string>();
        var quoted = new StringBuilder();
        int lineNumber = 0;
        string? line = NextNonBlank(reader, ref lineNumber);
        if (line is null)
        {
            throw new InvalidDataException($"{source}: the {(reader.IsFile ? "file" : "stream")} is empty; expected a header line of column names followed by one line per sample.");
        }

        int headerLine = lineNumber;
        CsvText.SplitLine(line, cells, quoted, source, lineNumber, names: null);
        CsvColumns columns = CsvColumns.Map(source, headerLine, cells.ToArray(), targetNames, options);
        int labelColumn = classification ? Array.IndexOf(columns.TargetOf, 0) : -1;
        var rows = new CsvRows(source, columns, labelColumn, options.PositiveClass, options.Limits ?? ReadOptions.Default);
        while ((line = NextNonBlank(reader, ref lineNumber)) is not null)
        {
            CsvText.SplitLine(line, cells, quoted, source, lineNumber, columns.Names);
            rows.Add(cells, lineNumber);
        }

        if (rows.Count == 0)
        {
            throw new InvalidDataException(string.Create(
                CultureInfo.InvariantCulture,
                $"{source}: the header (line {headerLine}) is followed by no data rows; expected one line per sample."));
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
}
