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

    /// <summary>
    /// A file name unique in the compilation: the namespace joined by '.', then the types joined by '+', so that a
    /// namespace A.B with type C and a namespace A with nested type B.C cannot collide (names are unescaped, no '@').
    /// </summary>
    public string HintName
    {
        get
        {
            var name = new System.Text.StringBuilder(Namespace);
            if (name.Length > 0)
            {
                name.Append('.');
            }

            foreach (TypeDeclarationSpec containing in ContainingTypes)
            {
                name.Append(containing.Name).Append('+');
            }

            return name.Append(Type.Name).Append(".g.cs").ToString();
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
