using Microsoft.CodeAnalysis;
using StaticNet.Generator.Model;
using StaticNet.Interop;

namespace StaticNet.Generator.Diagnostics;

/// <summary>A diagnostic as an equatable value; it becomes a <see cref="Diagnostic"/> only in the output step.</summary>
internal sealed record DiagnosticInfo(DiagnosticDescriptor Descriptor, LocationInfo? Location, EquatableArray<string> Arguments)
{
    // Arguments quote the user's files and attributes (a weight file's key may be a megabyte long); every diagnostic is
    // built through this record, so cutting here keeps every message short whatever it quotes.
    private const int MaxArgumentLength = 1_000;

    /// <summary>The message arguments, each cut to <see cref="MaxArgumentLength"/> characters.</summary>
    public EquatableArray<string> Arguments { get; init; } = Cut(Arguments);

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

    private static EquatableArray<string> Cut(EquatableArray<string> arguments)
    {
        bool anyLong = false;
        foreach (string argument in arguments)
        {
            anyLong |= argument.Length > MaxArgumentLength;
        }

        if (!anyLong)
        {
            return arguments;
        }

        var cut = new string[arguments.Count];
        for (int i = 0; i < cut.Length; i++)
        {
            cut[i] = MessageText.Shorten(arguments[i], MaxArgumentLength);
        }

        return new EquatableArray<string>(cut);
    }
}
