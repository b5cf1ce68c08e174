using System.Linq;
using Microsoft.CodeAnalysis.CSharp;

namespace StaticNet.Generator.Emit;

/// <summary>Writes names the way C# source must spell them: a keyword used as a name needs its '@'.</summary>
internal static class Identifiers
{
    public static string Escape(string name) =>
        SyntaxFacts.GetKeywordKind(name) != SyntaxKind.None ? "@" + name : name;

    /// <summary>Escapes each part of a dotted namespace name.</summary>
    public static string EscapeNamespace(string dottedName) =>
        string.Join(".", dottedName.Split('.').Select(Escape));
}
