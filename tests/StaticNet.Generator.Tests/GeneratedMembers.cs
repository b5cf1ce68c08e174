using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace StaticNet.Generator.Tests;

/// <summary>
/// Finds one member in generated text by parsing it (Mapperly style), so a test can assert on a single declaration
/// without depending on the layout of the rest of the file.
/// </summary>
internal static class GeneratedMembers
{
    /// <summary>
    /// The declaration(s) named <paramref name="name"/> (a field, property, method or constructor), without their
    /// leading comments and re-indented as if declared at column 0; overloads are joined with a newline.
    /// </summary>
    public static string Find(string generatedSource, string name)
    {
        SyntaxNode root = CSharpSyntaxTree.ParseText(generatedSource, GeneratorHarness.ParseOptions).GetRoot();
        string[] matches = root.DescendantNodes()
            .OfType<MemberDeclarationSyntax>()
            .Where(member => NameOf(member) == name)
            .Select(Dedent)
            .ToArray();

        if (matches.Length == 0)
        {
            throw new Xunit.Sdk.XunitException($"The generated source declares no member named '{name}'.");
        }

        return string.Join("\n", matches);
    }

    /// <summary>The member's text with its own indentation removed from every line, so nesting depth does not matter.</summary>
    private static string Dedent(MemberDeclarationSyntax member)
    {
        int indent = member.GetLocation().GetLineSpan().StartLinePosition.Character;
        string[] lines = member.WithoutLeadingTrivia().WithoutTrailingTrivia().ToFullString().Split('\n');
        return string.Join("\n", lines.Select((line, index) =>
            index > 0 && line.Length >= indent && line.Substring(0, indent).Trim().Length == 0 ? line.Substring(indent) : line));
    }

    private static string? NameOf(MemberDeclarationSyntax member) => member switch
    {
        FieldDeclarationSyntax field => field.Declaration.Variables.Count == 1 ? field.Declaration.Variables[0].Identifier.ValueText : null,
        PropertyDeclarationSyntax property when property.ExplicitInterfaceSpecifier is null => property.Identifier.ValueText,
        MethodDeclarationSyntax method when method.ExplicitInterfaceSpecifier is null => method.Identifier.ValueText,
        ConstructorDeclarationSyntax constructor => constructor.Identifier.ValueText,
        _ => null,
    };
}
