// Shared by the runtime (net10.0) and the generator (netstandard2.0): no System.Text.Json, no file I/O.
using System.Collections.Generic;

namespace StaticNet.Interop;

/// <summary>The kinds of JSON value <see cref="JsonParser"/> produces.</summary>
internal enum JsonKind
{
    Object,
    Array,
    String,
    Number,
    True,
    False,
    Null,
}

/// <summary>
/// One parsed JSON value and where it starts in the text, so that a later check (a shape that does not chain, a
/// value that is not finite) can point at the line and column as precisely as a syntax error does.
/// </summary>
internal sealed class JsonNode
{
    private JsonNode(JsonKind kind, int line, int column)
    {
        Kind = kind;
        Line = line;
        Column = column;
    }

    /// <summary>What this value is.</summary>
    public JsonKind Kind { get; }

    /// <summary>The 1-based line of the value's first character.</summary>
    public int Line { get; }

    /// <summary>The 1-based column of the value's first character.</summary>
    public int Column { get; }

    /// <summary>An object's members in the order the text lists them (duplicates are rejected by the parser).</summary>
    public List<KeyValuePair<string, JsonNode>> Members { get; private set; } = null!;

    /// <summary>An array's items.</summary>
    public List<JsonNode> Items { get; private set; } = null!;

    /// <summary>A string's decoded text, or a number's text as written.</summary>
    public string Text { get; private set; } = null!;

    /// <summary>A number's value, correctly rounded to double (NaN and ±∞ when the text spells them).</summary>
    public double Number { get; private set; }

    /// <summary>The position as messages show it, e.g. <c>line 3, column 14</c>.</summary>
    public string Position => JsonFormatException.FormatPosition(Line, Column);

    /// <summary>An object node.</summary>
    public static JsonNode Object(List<KeyValuePair<string, JsonNode>> members, int line, int column) =>
        new(JsonKind.Object, line, column) { Members = members };

    /// <summary>An array node.</summary>
    public static JsonNode Array(List<JsonNode> items, int line, int column) =>
        new(JsonKind.Array, line, column) { Items = items };

    /// <summary>A string node.</summary>
    public static JsonNode String(string text, int line, int column) =>
        new(JsonKind.String, line, column) { Text = text };

    /// <summary>A number node.</summary>
    public static JsonNode NumberNode(double value, string text, int line, int column) =>
        new(JsonKind.Number, line, column) { Number = value, Text = text };

    /// <summary>A <c>true</c>, <c>false</c> or <c>null</c> node.</summary>
    public static JsonNode Literal(JsonKind kind, int line, int column) => new(kind, line, column);

    /// <summary>How messages name a kind, e.g. "a string".</summary>
    public static string Describe(JsonKind kind) => kind switch
    {
        JsonKind.Object => "an object",
        JsonKind.Array => "an array",
        JsonKind.String => "a string",
        JsonKind.Number => "a number",
        JsonKind.True or JsonKind.False => "a boolean",
        _ => "null",
    };
}
