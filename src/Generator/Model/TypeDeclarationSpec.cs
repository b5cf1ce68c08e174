namespace StaticNet.Generator.Model;

/// <summary>One type declaration to re-open: its name and the keyword that declared it ("class", "record", "struct", …).</summary>
internal sealed record TypeDeclarationSpec(string Keyword, string Name);
