namespace StaticNet.Generator.Model;

/// <summary>
/// Which constructors the user already declared. A primary constructor rules out generated ones altogether: every
/// other constructor would have to chain to it with arguments only the user knows. Also whether the user declared
/// <c>ToString()</c> or <c>Summary()</c> (no parameters), which the generator then leaves to them.
/// </summary>
internal sealed record UserConstructors(bool Parameterless, bool Seed, bool Primary, bool DeclaresToString = false, bool DeclaresSummary = false);
