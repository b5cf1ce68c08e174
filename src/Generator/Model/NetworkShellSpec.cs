namespace StaticNet.Generator.Model;

/// <summary>What the shell of an invalid network may declare, given the shape of the type it is written into.</summary>
internal enum ShellKind
{
    /// <summary>The whole public API of a network, its members throwing.</summary>
    Full,

    /// <summary>Only the constants: a static class can hold no instance members and implement no interface.</summary>
    ConstantsOnly,
}

/// <summary>
/// A network whose [Network] attribute has SN errors, reduced to what its shell needs: where the type lives, the layer
/// sizes as written (for the constants), the user's constructors, how much the type's shape allows and whether the
/// attribute sets Weights (then the shell declares the frozen members too). Emitted by
/// <see cref="Emit.ShellEmitter"/> so that the code using the network still binds and the SN error stays the only one.
/// </summary>
internal sealed record NetworkShellSpec(
    TypeHierarchy Type,
    EquatableArray<int> LayerSizes,
    UserConstructors UserConstructors,
    ShellKind Kind,
    bool Frozen = false)
{
    /// <summary>The same file name the valid network would get, so fixing the attribute replaces the shell in place.</summary>
    public string HintName => Type.HintName;
}
