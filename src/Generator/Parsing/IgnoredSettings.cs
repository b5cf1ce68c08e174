using System.Collections.Generic;
using System.Globalization;
using Microsoft.CodeAnalysis;
using StaticNet.Generator.Diagnostics;
using StaticNet.Generator.Model;

namespace StaticNet.Generator.Parsing;

/// <summary>
/// Warnings about settings of a valid [Network] attribute that do nothing, so that the user learns the setting is
/// ignored rather than trusting it. Run only after the errors, on an attribute that passed them.
/// </summary>
internal static class IgnoredSettings
{
    public static void Find(string typeName, AttributeArguments arguments, Location location, List<DiagnosticInfo> warnings)
    {
        var loss = (Loss)arguments.Loss;
        if (arguments.HuberDeltaWritten && loss != Loss.Huber)
        {
            // Only the Huber loss has a delta: a HuberDelta elsewhere usually means Loss = Loss.Huber was forgotten.
            warnings.Add(DiagnosticInfo.Create(
                DiagnosticDescriptors.HuberDeltaWithoutHuberLoss, location, typeName, arguments.HuberDelta.ToString("R", CultureInfo.InvariantCulture), "Loss." + loss));
        }
    }
}
