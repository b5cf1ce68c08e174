using StaticNet.Generator.Diagnostics;

namespace StaticNet.Generator.Model;

/// <summary>
/// A valid network whose attribute sets Weights, waiting for its weights file: the spec (with
/// <see cref="NetworkSpec.WeightsPath"/> set) and where the attribute is, for the diagnostics about the file.
/// </summary>
internal sealed record FrozenRequest(NetworkSpec Spec, LocationInfo? Location);
