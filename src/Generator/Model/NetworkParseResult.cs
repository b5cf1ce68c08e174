using StaticNet.Generator.Diagnostics;

namespace StaticNet.Generator.Model;

/// <summary>
/// What parsing one [Network] attribute yields: a spec to emit; or a valid frozen network that still needs its
/// weights file (<see cref="Frozen"/>); or the diagnostics that explain why not together with the shell that keeps
/// those diagnostics from being followed by errors in the user's code (null when the type's shape rules out any
/// generated part). A spec or frozen request may come with warnings in <see cref="Diagnostics"/> (a setting that does
/// nothing); they are reported, and the network is generated all the same.
/// </summary>
internal sealed record NetworkParseResult(NetworkSpec? Spec, NetworkShellSpec? Shell, EquatableArray<DiagnosticInfo> Diagnostics, FrozenRequest? Frozen = null);
