using Microsoft.CodeAnalysis;
using StaticNet.Generator.Model;

namespace StaticNet.Generator.Diagnostics;

/// <summary>A diagnostic as an equatable value; it becomes a <see cref="Diagnostic"/> only in the output step.</summary>
internal sealed record DiagnosticInfo(DiagnosticDescriptor Descriptor, LocationInfo? Location, EquatableArray<string> Arguments)
{
    public static DiagnosticInfo Create(DiagnosticDescriptor descriptor, Location? location, params string[] arguments) =>
        new(descriptor, LocationInfo.From(location), new EquatableArray<string>(arguments));

    public Diagnostic ToDiagnostic()
    {
        var arguments = new object[Arguments.Count];
        for (int i = 0; i < arguments.Length; i++)
        {
            arguments[i] = Arguments[i];
        }

        return Diagnostic.Create(Descriptor, Location?.ToLocation(), arguments);
    }
}
