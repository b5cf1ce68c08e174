using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;

namespace StaticNet;

/// <summary>
/// The data rows of a CSV file as they arrive: features, targets or class labels, checked cell by cell and against
/// the limits. Class labels are kept as indices (one int per row); the one-hot targets are built compactly at the
/// end (see <see cref="Dataset.FromLabels"/>), so memory grows with rows + classes, not rows × classes.
/// </summary>
internal sealed class CsvRows
{
    private readonly string _source;
    private readonly CsvColumns _columns;
    private readonly int _labelColumn;
    private readonly string? _positiveClass;
    private readonly ReadOptions _limits;
    private readonly string _numericColumns;
    private readonly List<float> _features = new(), _targets = new();
    private readonly List<int> _labels = new();
    private readonly Dictionary<string, int> _classOf = new(StringComparer.Ordinal);
    private readonly List<string> _classNames = new();
    private readonly float[] _featureRow, _targetRow;
    private string? _negativeClass;
    private bool _positiveSeen;

    /// <summary>Rows of a file whose columns are <paramref name="columns"/>.</summary>
    /// <param name="source">The file or stream as messages name it.</param>
    /// <param name="columns">The header's roles.</param>
    /// <param name="labelColumn">For classification, the column of class names; -1 for regression.</param>
    /// <param name="positiveClass">For a binary label read as one 0/1 target, the class that is 1.</param>
    /// <param name="limits">The limits checked as rows arrive.</param>
    public CsvRows(string source, CsvColumns columns, int labelColumn, string? positiveClass, ReadOptions limits)
    {
        _source = source;
        _columns = columns;
        _labelColumn = labelColumn;
        _positiveClass = positiveClass;
        _limits = limits;
        _featureRow = new float[columns.FeatureNames.Length];
        _targetRow = new float[columns.TargetCount];
        bool skips = columns.FeatureNames.Length + columns.TargetCount < columns.Names.Length;
        _numericColumns = skips
            ? "every feature and numeric target column must hold numbers (skipped columns may hold anything)"
            : labelColumn >= 0
                ? $"every column except '{CsvText.Shorten(columns.Names[labelColumn])}' must hold numbers"
                : "every column must hold numbers";
    }

    /// <summary>Rows read so far.</summary>
    public int Count { get; private set; }

    private bool IsClassification => _labelColumn >= 0;

    /// <summary>Checks and keeps one row's cells.</summary>
    public void Add(List<string> cells, int lineNumber)
    {
        string[] names = _columns.Names;
        if (cells.Count != names.Length)
        {
            throw new InvalidDataException(string.Create(
                CultureInfo.InvariantCulture,
                $"{_source}, line {lineNumber}: expected {names.Length} cells, found {cells.Count}; every line needs one cell per header column."));
        }

        for (int c = 0; c < cells.Count; c++)
        {
            if (c == _labelColumn)
            {
                _labels.Add(Label(cells[c], lineNumber, c));
            }
            else if (_columns.FeatureOf[c] >= 0)
            {
                _featureRow[_columns.FeatureOf[c]] = CsvText.ParseNumber(cells[c], _source, lineNumber, c, names, _numericColumns);
            }
            else if (_columns.TargetOf[c] >= 0)
            {
                _targetRow[_columns.TargetOf[c]] = CsvText.ParseNumber(cells[c], _source, lineNumber, c, names, _numericColumns);
            }
        }

        _features.AddRange(_featureRow);
        if (!IsClassification)
        {
            _targets.AddRange(_targetRow);
        }

        Count++;

        // Checked as the rows arrive, so that a file too large for the limit stops at the first row over it. One-hot
        // targets are counted at their full width: Dataset.Targets may build them.
        int targetCount = !IsClassification ? _columns.TargetCount : _positiveClass is null ? _classNames.Count : 1;
        DatasetLimits.Check(string.Create(CultureInfo.InvariantCulture, $"{_source}, line {lineNumber}"), Count, _featureRow.Length, targetCount, _limits);
    }

    /// <summary>The data set, once every row is read.</summary>
    public CsvDataset ToDataset()
    {
        float[] features = _features.ToArray();
        int featureCount = _featureRow.Length;
        if (!IsClassification)
        {
            return new CsvDataset(new Dataset(features, featureCount, _targets.ToArray(), _columns.TargetCount), _columns.FeatureNames, []);
        }

        int[] labels = _labels.ToArray();
        if (_positiveClass is null)
        {
            return new CsvDataset(Dataset.FromLabels(features, featureCount, labels, _classNames.Count), _columns.FeatureNames, _classNames.ToArray());
        }

        if (!_positiveSeen)
        {
            throw new InvalidDataException(
                $"{_source}: no row has the class '{CsvText.Shorten(_positiveClass)}' (CsvOptions.PositiveClass) in column '{CsvText.Shorten(_columns.Names[_labelColumn])}', " +
                $"which holds only '{CsvText.Shorten(_negativeClass!)}'. Class names are compared exactly (case-sensitive); name the class that should be 1.");
        }

        var targets = new float[labels.Length];
        for (int i = 0; i < labels.Length; i++)
        {
            targets[i] = labels[i];
        }

        return new CsvDataset(new Dataset(features, featureCount, targets, 1, labels), _columns.FeatureNames, [_negativeClass ?? string.Empty, _positiveClass]);
    }

    /// <summary>
    /// The class index of a label cell: classes numbered in order of first appearance, or, with a positive class,
    /// 1 for it and 0 for the one other class.
    /// </summary>
    private int Label(string cell, int lineNumber, int column)
    {
        string[] names = _columns.Names;
        if (cell.Length == 0)
        {
            throw CsvText.CellError(_source, lineNumber, column, names, "the class name is empty; every sample needs a class.");
        }

        return _positiveClass is null ? ClassIndex(cell, lineNumber, column) : BinaryLabel(cell, lineNumber, column);
    }

    private int ClassIndex(string cell, int lineNumber, int column)
    {
        if (_classOf.TryGetValue(cell, out int label))
        {
            return label;
        }

        if (_classNames.Count == _limits.MaxClassCount)
        {
            throw CsvText.CellError(_source, lineNumber, column, _columns.Names, string.Create(CultureInfo.InvariantCulture, $"'{CsvText.Shorten(cell)}' would be class {_classNames.Count + 1}, more than ReadOptions.MaxClassCount ({_limits.MaxClassCount}); raise the limit if the data is genuine."));
        }

        CsvText.CheckText(cell, _source, lineNumber, column, _columns.Names);
        label = _classNames.Count;
        _classOf.Add(cell, label);
        _classNames.Add(cell);
        return label;
    }

    private int BinaryLabel(string cell, int lineNumber, int column)
    {
        if (cell == _positiveClass)
        {
            _positiveSeen = true;
            return 1;
        }

        if (_negativeClass is null)
        {
            CsvText.CheckText(cell, _source, lineNumber, column, _columns.Names);
            _negativeClass = cell;
        }
        else if (cell != _negativeClass)
        {
            throw CsvText.CellError(
                _source,
                lineNumber,
                column,
                _columns.Names,
                $"'{CsvText.Shorten(cell)}' is a third class after '{CsvText.Shorten(_negativeClass)}' and '{CsvText.Shorten(_positiveClass!)}' (CsvOptions.PositiveClass); a binary label holds two classes. Read without PositiveClass for one target per class.");
        }

        return 0;
    }
}
