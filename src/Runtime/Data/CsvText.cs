using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;

namespace StaticNet;

/// <summary>The text of a CSV file: splitting lines into cells, parsing numbers, and messages that quote cells briefly.</summary>
internal static class CsvText
{
    /// <summary>A finite number in the invariant culture, or an error naming the cell.</summary>
    public static float ParseNumber(string cell, string path, int lineNumber, int column, string[] names, string numericColumns)
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
    public static void SplitLine(string line, List<string> cells, StringBuilder quoted, string path, int lineNumber, string[]? names)
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

    /// <summary>Rejects control characters other than tab, which a text cell never holds.</summary>
    public static void CheckText(string cell, string path, int lineNumber, int column, string[] names)
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
    public static string ListNames(string[] names)
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
    public static string Shorten(string cell) => cell.Length <= 40 ? cell : string.Concat(cell.AsSpan(0, 37), "...");

    /// <summary>The error for one cell, naming the source, line, column and column name.</summary>
    public static InvalidDataException CellError(string path, int lineNumber, int column, string[]? names, string problem)
    {
        string name = names is not null && column < names.Length ? $" ({Shorten(names[column])})" : string.Empty;
        return new InvalidDataException(string.Create(CultureInfo.InvariantCulture, $"{path}, line {lineNumber}, column {column + 1}{name}: {problem}"));
    }
}
