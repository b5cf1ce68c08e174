namespace StaticNet.Generator.Model;

/// <summary>
/// Where the annotated type lives, as strings: its namespace (empty for the global namespace) and its containing
/// types, outermost first. Enough to re-open every partial declaration without holding Roslyn symbols.
/// </summary>
internal sealed record TypeHierarchy(string Namespace, EquatableArray<TypeDeclarationSpec> ContainingTypes, TypeDeclarationSpec Type)
{
    /// <summary>The type's name with namespace and containing types, e.g. <c>Game.Bots.Brain</c>.</summary>
    public string FullName
    {
        get
        {
            var name = new System.Text.StringBuilder(Namespace);
            foreach (TypeDeclarationSpec containing in ContainingTypes)
            {
                Append(name, containing.Name);
            }

            Append(name, Type.Name);
            return name.ToString();
        }
    }

    private static void Append(System.Text.StringBuilder name, string part)
    {
        if (name.Length > 0)
        {
            name.Append('.');
        }

        name.Append(part);
    }
}
