using System.Globalization;

namespace StaticNet.Generator.Emit;

/// <summary>C# literals formatted the same way on every machine (invariant culture, round-trippable).</summary>
internal static class Literals
{
    public static string Float(float value)
    {
        string text = value.ToString("R", CultureInfo.InvariantCulture);
        if (text.IndexOf('.') < 0 && text.IndexOf('E') < 0)
        {
            text += ".0";
        }

        return text + "f";
    }

    public static string Int(int value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>A quoted, escaped C# string literal.</summary>
    public static string String(string value) => Microsoft.CodeAnalysis.CSharp.SymbolDisplay.FormatLiteral(value, quote: true);
}
