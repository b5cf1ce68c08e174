using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using StaticNet.Generator.Diagnostics;
using StaticNet.Generator.Model;

namespace StaticNet.Generator.Parsing;

/// <summary>
/// Turns one [Network] attribute on one type declaration into a <see cref="NetworkParseResult"/>. This is the only
/// place that sees Roslyn symbols and syntax; everything it returns is a plain equatable value.
/// </summary>
internal static class NetworkParser
{
    public static NetworkParseResult? Parse(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
    {
        if (context.TargetSymbol is not INamedTypeSymbol type ||
            context.TargetNode is not TypeDeclarationSyntax declaration ||
            FirstNetworkAttribute(type, context.Attributes, declaration) is not { } attribute)
        {
            return null;
        }

        // An attribute that does not bind cleanly (LeakySlope = 0.2, Hidden = 3) is already a compiler error, and Roslyn
        // may still hand us a converted value for it: generate nothing rather than guess.
        SyntaxNode? attributeSyntax = attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken);
        if (attributeSyntax is not null && HasErrors(context.SemanticModel, attributeSyntax, cancellationToken))
        {
            return null;
        }

        AttributeArguments? arguments = AttributeArguments.Read(attribute, cancellationToken);
        if (arguments is null)
        {
            return null;
        }

        var diagnostics = new List<DiagnosticInfo>();
        string typeName = type.Name;
        Location typeLocation = declaration.Identifier.GetLocation();
        Location attributeLocation = attributeSyntax?.GetLocation() ?? typeLocation;

        TypeHierarchy hierarchy = ReadHierarchy(type, declaration, typeLocation, diagnostics, out ShellKind? shellKind);
        ArchitectureValidator.Result architecture = ArchitectureValidator.Validate(typeName, arguments, attributeLocation, diagnostics, cancellationToken);
        int before = diagnostics.Count;
        MemberClashes.Find(type, arguments.LayerSizes.Length - 1, arguments.Weights is not null, typeLocation, diagnostics, cancellationToken);
        if (diagnostics.Count > before)
        {
            // A shell would declare the clashing member a second time: nothing is generated until it is renamed.
            shellKind = null;
        }

        if (diagnostics.Count > 0 || architecture.Layers is null)
        {
            NetworkShellSpec? shell = shellKind is { } kind
                ? new NetworkShellSpec(hierarchy, new EquatableArray<int>(arguments.LayerSizes), ReadUserConstructors(type), kind, Frozen: arguments.Weights is not null)
                : null;
            return new NetworkParseResult(null, shell, new EquatableArray<DiagnosticInfo>(diagnostics.ToArray()));
        }

        // Warnings (a setting that does nothing) travel with a valid network; the network is generated all the same.
        var warnings = new List<DiagnosticInfo>();
        IgnoredSettings.Find(typeName, arguments, NamedArgument(attributeSyntax, "HuberDelta")?.GetLocation() ?? attributeLocation, warnings);

        var spec = new NetworkSpec(
            hierarchy,
            new EquatableArray<int>(arguments.LayerSizes),
            architecture.Layers.Value,
            architecture.Loss,
            arguments.LeakySlope,
            ReadUserConstructors(type),
            arguments.Weights)
        {
            Deterministic = arguments.Deterministic,
            HuberDelta = architecture.HuberDelta,
        };
        if (arguments.Weights is not null)
        {
            // The weights file is read in a later step that sees the AdditionalFiles; its diagnostics point at the path.
            Location weightsLocation = NamedArgument(attributeSyntax, "Weights")?.Expression.GetLocation() ?? attributeLocation;
            return new NetworkParseResult(null, null, new EquatableArray<DiagnosticInfo>(warnings.ToArray()), new FrozenRequest(spec, LocationInfo.From(weightsLocation)));
        }

        return new NetworkParseResult(spec, null, new EquatableArray<DiagnosticInfo>(warnings.ToArray()));
    }

    /// <summary>The named argument <paramref name="name"/> (<c>Weights = "..."</c>) of the attribute, if it is written with it.</summary>
    private static AttributeArgumentSyntax? NamedArgument(SyntaxNode? attributeSyntax, string name)
    {
        if (attributeSyntax is AttributeSyntax { ArgumentList: { } list })
        {
            foreach (AttributeArgumentSyntax argument in list.Arguments)
            {
                if (argument.NameEquals?.Name.Identifier.ValueText == name)
                {
                    return argument;
                }
            }
        }

        return null;
    }

    /// <summary>
    /// The type's first [Network] attribute, if it is written on <paramref name="declaration"/>; otherwise null.
    /// A [Network] repeated on another partial declaration is already error CS0579, and answering for one
    /// declaration only keeps us from adding the same source file twice. (The context's attribute list holds every
    /// matching attribute in the file, so the declaration's own span decides.)
    /// </summary>
    private static AttributeData? FirstNetworkAttribute(INamedTypeSymbol type, ImmutableArray<AttributeData> matches, TypeDeclarationSyntax declaration)
    {
        if (matches.IsEmpty)
        {
            return null;
        }

        foreach (AttributeData candidate in type.GetAttributes())
        {
            if (!SymbolEqualityComparer.Default.Equals(candidate.AttributeClass, matches[0].AttributeClass))
            {
                continue;
            }

            SyntaxReference? reference = candidate.ApplicationSyntaxReference;
            bool onThisDeclaration = reference is not null &&
                                     reference.SyntaxTree == declaration.SyntaxTree &&
                                     declaration.Span.Contains(reference.Span);
            return onThisDeclaration ? candidate : null;
        }

        return null;
    }

    /// <summary>
    /// Where the type lives, after reporting what is wrong with its shape, and which shell that shape allows should
    /// the network not be generated (null: none). A generated part must agree with the user's declarations, so a type
    /// that is not partial or sits in one that is not (CS0260), that is file-local (another file cannot reopen it) or
    /// generic (the part would have to repeat type parameters and constraints) gets no shell: anything we added would
    /// only bring errors of its own. A static type can take constants but no instance members; a record takes the
    /// whole shell, since only the real network's copy semantics are the problem.
    /// </summary>
    private static TypeHierarchy ReadHierarchy(
        INamedTypeSymbol type,
        TypeDeclarationSyntax declaration,
        Location typeLocation,
        List<DiagnosticInfo> diagnostics,
        out ShellKind? shell)
    {
        bool reopenable = true;
        shell = ShellKind.Full;
        if (!declaration.Modifiers.Any(SyntaxKind.PartialKeyword))
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NotPartial, typeLocation, type.Name));
            reopenable = false;
        }

        if (type.IsStatic)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.StaticType, typeLocation, type.Name));
            shell = ShellKind.ConstantsOnly;
        }

        if (IsFileLocal(declaration))
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.FileLocalType, typeLocation, type.Name));
            reopenable = false;
        }

        if (type.IsRecord)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.RecordType, typeLocation, type.Name));
        }

        for (INamedTypeSymbol? current = type; current is not null; current = current.ContainingType)
        {
            if (current.TypeParameters.Length > 0)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.GenericType, typeLocation, type.Name));
                reopenable = false;
                break;
            }
        }

        // Walk the syntax, not the symbol: it is this declaration's enclosing declarations that we re-open.
        var containing = new List<TypeDeclarationSpec>();
        for (SyntaxNode? node = declaration.Parent; node is TypeDeclarationSyntax outer; node = node.Parent)
        {
            if (!outer.Modifiers.Any(SyntaxKind.PartialKeyword))
            {
                diagnostics.Add(DiagnosticInfo.Create(
                    DiagnosticDescriptors.ContainingTypeNotPartial, outer.Identifier.GetLocation(), outer.Identifier.ValueText, type.Name));
                reopenable = false;
            }

            containing.Insert(0, new TypeDeclarationSpec(KeywordOf(outer), outer.Identifier.ValueText));
        }

        if (!reopenable)
        {
            shell = null;
        }

        // Names are kept unescaped ("event", not "@event"); the emitter escapes keywords where it writes code.
        var namespaces = new List<string>();
        for (INamespaceSymbol? n = type.ContainingNamespace; n is { IsGlobalNamespace: false }; n = n.ContainingNamespace)
        {
            namespaces.Insert(0, n.Name);
        }

        string ns = string.Join(".", namespaces);
        return new TypeHierarchy(
            ns,
            new EquatableArray<TypeDeclarationSpec>(containing.ToArray()),
            new TypeDeclarationSpec(KeywordOf(declaration), type.Name));
    }

    /// <summary>
    /// Whether the declaration has the C# 11 'file' modifier. The generator builds against Roslyn 4.3, which predates
    /// SyntaxKind.FileKeyword (4.4), so the modifier is recognised by its text: in a modifier list 'file' can only be
    /// that keyword, and only a compiler that knows it puts it there.
    /// </summary>
    internal static bool IsFileLocal(TypeDeclarationSyntax declaration)
    {
        foreach (SyntaxToken modifier in declaration.Modifiers)
        {
            if (modifier.ValueText == "file")
            {
                return true;
            }
        }

        return false;
    }

    private static bool HasErrors(SemanticModel model, SyntaxNode node, CancellationToken cancellationToken)
    {
        foreach (Diagnostic diagnostic in model.GetDiagnostics(node.Span, cancellationToken))
        {
            if (diagnostic.Severity == DiagnosticSeverity.Error)
            {
                return true;
            }
        }

        return false;
    }

    private static UserConstructors ReadUserConstructors(INamedTypeSymbol type)
    {
        bool parameterless = false, seed = false, primary = false;
        foreach (IMethodSymbol constructor in type.InstanceConstructors)
        {
            if (constructor.IsImplicitlyDeclared)
            {
                continue;
            }

            parameterless |= constructor.Parameters.Length == 0;
            seed |= constructor.Parameters.Length == 1 && constructor.Parameters[0].Type.SpecialType == SpecialType.System_Int32;

            // A primary constructor is declared by the type declaration itself.
            foreach (SyntaxReference reference in constructor.DeclaringSyntaxReferences)
            {
                primary |= reference.GetSyntax() is TypeDeclarationSyntax;
            }
        }

        // ToString() and Summary() the user wrote stay theirs; the generated ones would not compile beside them.
        bool declaresToString = false, declaresSummary = false;
        foreach (ISymbol member in type.GetMembers())
        {
            if (member is IMethodSymbol { Parameters.Length: 0, IsImplicitlyDeclared: false, MethodKind: MethodKind.Ordinary } method)
            {
                declaresToString |= method.Name == "ToString";
                declaresSummary |= method.Name == "Summary";
            }
        }

        return new UserConstructors(parameterless, seed, primary, declaresToString, declaresSummary);
    }

    private static string KeywordOf(TypeDeclarationSyntax declaration) => declaration switch
    {
        RecordDeclarationSyntax record when record.ClassOrStructKeyword.IsKind(SyntaxKind.StructKeyword) => "record struct",
        RecordDeclarationSyntax => "record",
        _ => declaration.Keyword.ValueText,
    };
}
