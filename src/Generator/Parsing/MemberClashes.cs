using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using StaticNet.Generator.Diagnostics;

namespace StaticNet.Generator.Parsing;

/// <summary>
/// Finds the user's members whose names the generated half of the type also declares. Without this check the
/// compiler reports CS0102, CS0111 or CS0542 inside the generated file, far from the member to rename.
/// </summary>
internal static class MemberClashes
{
    // Every member the emitter declares whatever the architecture; keep in step with Emit/ (GeneratedMemberNamesTests
    // compares this list with a generated file).
    private static readonly string[] FixedNames =
    {
        "InputSize", "OutputSize", "ParameterCount", "LayerCount", "LayerSizes", "Parameters", "GetWeightOrder",
        "Initialize", "Forward", "Backward", "Backpropagate", "ComputeLoss", "ForwardBatch", "BackwardBatch",
        "BatchWorkspace", "BatchBlockSize", "ForwardLayers", "BackwardLayers", "CreateParameters", "InitializeParameters",
        "InferenceScratchLength", "TrainingScratchLength", "TakeWorkspace", "_batchWorkspace", "_parameters", "t_scratch",
        "TrainStep", "DescendLayers",
    };

    // What a network with dropout declares besides (reported whatever the rates, so adding dropout later cannot clash).
    private static readonly string[] DropoutNames = { "_dropoutSeed", "_dropoutRounds", "NextDropoutRound" };

    // Methods the emitter declares unless the user already has them (NetworkParser reads which): a user's method of
    // that name is theirs to keep, anything else so named clashes.
    private static readonly string[] YieldingMethodNames = { "ToString", "Summary" };

    // What a frozen network ([Network(…, Weights = "…")]) declares besides.
    private static readonly string[] FrozenNames = { "Predict", "PredictBatch", "TrainedParameters", "PredictWithForwardLayers" };

    private static readonly string[] PerLayerSuffixes = { "Size", "WeightsOffset", "WeightsLength", "BiasesOffset", "Weights", "Biases" };

    /// <summary>
    /// Whether <paramref name="name"/> is a member the emitter writes for a network of <paramref name="layerCount"/>
    /// layers, <paramref name="frozen"/> when its weights are compiled in.
    /// </summary>
    public static bool IsGenerated(string name, int layerCount, bool frozen = false)
    {
        if (System.Array.IndexOf(FixedNames, name) >= 0 || System.Array.IndexOf(DropoutNames, name) >= 0 || System.Array.IndexOf(YieldingMethodNames, name) >= 0 || (frozen && System.Array.IndexOf(FrozenNames, name) >= 0))
        {
            return true;
        }

        // Layer<l><suffix> for l in 1..layerCount, written without leading zeros.
        if (!name.StartsWith("Layer", System.StringComparison.Ordinal))
        {
            return false;
        }

        int i = 5, layer = 0;
        while (i < name.Length && name[i] >= '0' && name[i] <= '9' && layer <= layerCount)
        {
            layer = (layer * 10) + (name[i] - '0');
            i++;
        }

        if (i == 5 || name[5] == '0' || layer < 1 || layer > layerCount)
        {
            return false;
        }

        string suffix = name.Substring(i);
        foreach (string candidate in PerLayerSuffixes)
        {
            if (suffix == candidate)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Adds an SN0017 on each user member (and on the type itself) named like a generated member.</summary>
    public static void Find(INamedTypeSymbol type, int layerCount, bool frozen, Location typeLocation, List<DiagnosticInfo> diagnostics, CancellationToken cancellationToken)
    {
        // A member named like its enclosing type is CS0542 whatever we do; a type named like a generated member makes
        // that generated member the offender.
        if (IsGenerated(type.Name, layerCount, frozen))
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.MemberNameClash, typeLocation, type.Name, type.Name));
        }

        foreach (ISymbol member in type.GetMembers())
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (member.IsImplicitlyDeclared || member is IMethodSymbol { MethodKind: not MethodKind.Ordinary } || !IsGenerated(member.Name, layerCount, frozen)
                || (member is IMethodSymbol && System.Array.IndexOf(YieldingMethodNames, member.Name) >= 0))
            {
                continue;
            }

            Location? location = member.Locations.Length > 0 ? member.Locations[0] : typeLocation;
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.MemberNameClash, location, member.Name, type.Name));
        }
    }
}
