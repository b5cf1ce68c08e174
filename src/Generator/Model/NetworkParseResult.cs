using StaticNet.Generator.Diagnostics;

namespace StaticNet.Generator.Model;

/// <summary>What parsing one [Network] attribute yields: a spec to emit, or the diagnostics that explain why not.</summary>
internal sealed record NetworkParseResult(NetworkSpec? Spec, EquatableArray<DiagnosticInfo> Diagnostics);
