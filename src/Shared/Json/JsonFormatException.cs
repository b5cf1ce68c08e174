// Shared by the runtime (net10.0) and the generator (netstandard2.0).
using System;
using System.Globalization;

namespace StaticNet.Interop;

/// <summary>
/// Text that is not the JSON a reader expects, with the 1-based line and column of the offending character, so
/// that the runtime can put them in an <see cref="System.IO.InvalidDataException"/> and the generator in a diagnostic.
/// </summary>
internal sealed class JsonFormatException : Exception
{
    /// <summary>Creates the exception; <paramref name="problem"/> is the message without the position.</summary>
    public JsonFormatException(string problem, int line, int column, JsonProblemKind kind = JsonProblemKind.Syntax)
        : base(problem + " at " + FormatPosition(line, column))
    {
        Kind = kind;
        Problem = problem;
        Line = line;
        Column = column;
    }

    /// <summary>Which kind of problem it is, so the generator can give each its own diagnostic.</summary>
    public JsonProblemKind Kind { get; }

    /// <summary>What is wrong, without the position.</summary>
    public string Problem { get; }

    /// <summary>The 1-based line.</summary>
    public int Line { get; }

    /// <summary>The 1-based column, counted in UTF-16 code units.</summary>
    public int Column { get; }

    /// <summary>The position as every message writes it.</summary>
    public static string FormatPosition(int line, int column) =>
        string.Format(CultureInfo.InvariantCulture, "line {0}, column {1}", line, column);
}

/// <summary>The kinds of problem a JSON weights file can have.</summary>
internal enum JsonProblemKind
{
    /// <summary>The text is not JSON.</summary>
    Syntax,

    /// <summary>The JSON is not an object of (nested arrays of) numbers.</summary>
    Structure,

    /// <summary>A value is NaN or infinite (spelled <c>NaN</c>, <c>Infinity</c>, <c>-Infinity</c>).</summary>
    NonFiniteValue,

    /// <summary>A number is too large for a float.</summary>
    OutOfRange,

    /// <summary>A tensor holds something other than a number (a string, a boolean, null, an object) where a number belongs.</summary>
    NotANumber,
}
