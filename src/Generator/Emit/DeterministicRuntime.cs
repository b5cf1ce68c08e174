namespace StaticNet.Generator.Emit;

/// <summary>
/// The one switch of <c>Deterministic = true</c>: a deterministic network is the code any network of its shape gets,
/// with every call into the numerical runtime classes (<see cref="RuntimeContract.DeterministicCounterparts"/>) aimed
/// at their deterministic counterparts, which have the same members. What the generated code computes itself is
/// already the same at every width: straight-line sums in source order, multiplies and adds that neither the C#
/// compiler nor the JITs contract, and activations of whole vectors that the runtime computes lane by lane.
/// </summary>
internal static class DeterministicRuntime
{
    /// <summary>A comment for the top of a deterministic network's file.</summary>
    public const string Header = "// Deterministic = true: every runtime call goes to the Deterministic* kernels, which give the same bits at every vector width.";

    /// <summary>The generated source with every numerical runtime class replaced by its deterministic counterpart.</summary>
    public static string Redirect(string source)
    {
        foreach ((string defaultType, string deterministicType) in RuntimeContract.DeterministicCounterparts)
        {
            source = source.Replace(defaultType + ".", deterministicType + ".");
        }

        return source;
    }
}
