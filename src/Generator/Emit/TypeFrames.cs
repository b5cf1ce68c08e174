using System.Collections.Generic;
using StaticNet.Generator.Model;

namespace StaticNet.Generator.Emit;

/// <summary>Re-opens the namespace and every containing type of a network, so its generated part lands in the right place.</summary>
internal static class TypeFrames
{
    /// <summary>Opens the namespace (unless global) and the containing types, outermost first.</summary>
    public static List<CodeWriter.Block> Open(CodeWriter writer, TypeHierarchy type)
    {
        var frames = new List<CodeWriter.Block>();
        if (type.Namespace.Length > 0)
        {
            frames.Add(writer.Open("namespace " + Identifiers.EscapeNamespace(type.Namespace)));
        }

        foreach (TypeDeclarationSpec containing in type.ContainingTypes)
        {
            frames.Add(writer.Open($"partial {containing.Keyword} {Identifiers.Escape(containing.Name)}"));
        }

        return frames;
    }

    /// <summary>Closes what <see cref="Open"/> opened, innermost first.</summary>
    public static void Close(List<CodeWriter.Block> frames)
    {
        for (int i = frames.Count - 1; i >= 0; i--)
        {
            frames[i].Dispose();
        }
    }
}
