namespace StaticNet.Generator.Model;

/// <summary>Which of the generated constructors, <c>()</c> and <c>(int seed)</c>, the user already declared.</summary>
internal sealed record UserConstructors(bool Parameterless, bool Seed);
