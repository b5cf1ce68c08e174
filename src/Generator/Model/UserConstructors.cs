namespace StaticNet.Generator.Model;

/// <summary>
/// Which constructors the user already declared. A primary constructor rules out generated ones altogether: every
/// other constructor would have to chain to it with arguments only the user knows.
/// </summary>
internal sealed record UserConstructors(bool Parameterless, bool Seed, bool Primary);
