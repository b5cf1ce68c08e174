using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.IO;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using StaticNet.Generator.Diagnostics;
using StaticNet.Generator.Model;
using StaticNet.Interop;

namespace StaticNet.Generator.Parsing;

/// <summary>
/// Completes a <see cref="FrozenRequest"/>: finds its weights file among the AdditionalFiles, reads it with the
/// runtime's own JSON reader and state-dict name rules (so WeightsJson.Load and the generator accept the same files),
/// and returns the spec with its trained parameters, or the diagnostics and the shell. What it returns holds no
/// AdditionalText: only equatable values.
/// </summary>
internal static class FrozenWeightsReader
{
    public static NetworkParseResult Read(FrozenRequest request, ImmutableArray<AdditionalText> files, string? projectDirectory, CancellationToken cancellationToken)
    {
        NetworkSpec spec = request.Spec;
        string path = spec.WeightsPath!;
        string name = spec.Type.Type.Name;

        if (spec.ParameterCount > DiagnosticDescriptors.MaxFrozenParameterCount)
        {
            return Fail(request, DiagnosticDescriptors.FrozenNetworkTooLarge, name, Int(spec.ParameterCount), Int(DiagnosticDescriptors.MaxFrozenParameterCount));
        }

        // Decided from the path alone, before the file is looked for or read: the compiler turns reading a binary
        // AdditionalFiles item as text into error CS2015, so a .safetensors or .onnx file must never be opened.
        if (NamesAFile(path) && !IsJsonPath(path, out string kind))
        {
            return Fail(request, DiagnosticDescriptors.WeightsFileNotJsonNamed, name, path, kind, JsonPath(path));
        }

        List<AdditionalText> matches = WeightsFileLocator.Find(path, projectDirectory, files, out string resolved);
        if (matches.Count == 0)
        {
            return Fail(request, DiagnosticDescriptors.WeightsFileNotFound, name, path, "looked for " + resolved);
        }

        if (matches.Count > 1)
        {
            var paths = new List<string>();
            foreach (AdditionalText candidate in matches)
            {
                paths.Add(candidate.Path);
            }

            return Fail(request, DiagnosticDescriptors.WeightsFileAmbiguous, name, path, Int(matches.Count), string.Join(", ", paths));
        }

        SourceText? text = matches[0].GetText(cancellationToken);
        if (text is null)
        {
            // The compiler could not read the file (it is missing on disk, or unreadable): to the user, it is not there.
            return Fail(request, DiagnosticDescriptors.WeightsFileNotFound, name, path, matches[0].Path + " could not be read");
        }

        JsonWeights weights;
        try
        {
            weights = JsonWeights.Read(new StringReader(text.ToString()), Limits(spec));
        }
        catch (JsonFormatException exception)
        {
            DiagnosticDescriptor descriptor = exception.Kind switch
            {
                JsonProblemKind.Syntax => DiagnosticDescriptors.WeightsFileNotJson,
                JsonProblemKind.Structure => DiagnosticDescriptors.WeightsDoNotFit,
                _ => DiagnosticDescriptors.WeightValueInvalid,
            };
            return descriptor == DiagnosticDescriptors.WeightsDoNotFit
                ? Fail(request, descriptor, name, path, exception.Message, "Write the file with json.dump({k: v.tolist() for k, v in model.state_dict().items()}, f) or WeightsJson.Save.")
                : Fail(request, descriptor, name, path, exception.Problem, Int(exception.Line), Int(exception.Column));
        }

        cancellationToken.ThrowIfCancellationRequested();
        StateDictMatch match = StateDictMatcher.Match(weights.Tensors, spec.LayerSizes, ignoreBuffers: false);
        if (match.Problems.Count > 0)
        {
            return Fail(request, DiagnosticDescriptors.WeightsDoNotFit, name, path, string.Join("; ", match.Problems), match.Found);
        }

        var parameters = new float[spec.ParameterCount];
        foreach (LayerSpec layer in spec.Layers)
        {
            // A matched tensor has its layer's shape, so its values were kept.
            weights.Values[match.Weights[layer.Index - 1]]!.CopyTo(parameters, layer.WeightsOffset);
            weights.Values[match.Biases[layer.Index - 1]]!.CopyTo(parameters, layer.BiasesOffset);
        }

        NetworkSpec frozen = spec with { TrainedParameters = new FloatValues(parameters) };
        return new NetworkParseResult(frozen, null, EquatableArray<DiagnosticInfo>.Empty);
    }

    // The runtime's default tensor limit; values are kept only of tensors no larger than the network's largest, so
    // memory follows the network and the file's text, never a shape the file promises.
    private static JsonWeightsLimits Limits(NetworkSpec spec)
    {
        long largest = 0;
        for (int l = 1; l < spec.LayerSizes.Count; l++)
        {
            largest = Math.Max(largest, (long)spec.LayerSizes[l] * spec.LayerSizes[l - 1]);
        }

        return new JsonWeightsLimits(JsonWeightsLimits.Default.MaxTensorCount, largest, allowNonFinite: false, string.Empty);
    }

    private static NetworkParseResult Fail(FrozenRequest request, DiagnosticDescriptor descriptor, params string[] arguments)
    {
        NetworkSpec spec = request.Spec;
        var shell = new NetworkShellSpec(spec.Type, spec.LayerSizes, spec.UserConstructors, ShellKind.Full, Frozen: true);
        var diagnostic = new DiagnosticInfo(descriptor, request.Location, new EquatableArray<string>(arguments));
        return new NetworkParseResult(null, shell, new EquatableArray<DiagnosticInfo>(new[] { diagnostic }));
    }

    /// <summary>Whether the path ends in a file name at all ("" or "Models/" is simply not found, SN0019).</summary>
    private static bool NamesAFile(string path) => path.Trim().Length > 0 && !path.EndsWith("/", System.StringComparison.Ordinal) && !path.EndsWith("\\", System.StringComparison.Ordinal);

    /// <summary>Whether <paramref name="path"/> names a .json file; otherwise what it names, e.g. "a .safetensors file".</summary>
    private static bool IsJsonPath(string path, out string kind)
    {
        string extension = Extension(path);
        kind = extension.Length == 0 ? "a file without the .json extension" : "a " + extension + " file";
        return string.Equals(extension, ".json", System.StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>The path a converted file would have: the same name with .json, e.g. Models/price.json.</summary>
    private static string JsonPath(string path)
    {
        string extension = Extension(path);
        return path.Substring(0, path.Length - extension.Length) + ".json";
    }

    /// <summary>The extension of the path's last segment ("" for none), e.g. ".safetensors".</summary>
    private static string Extension(string path)
    {
        int name = path.LastIndexOfAny(new[] { '/', '\\' }) + 1;
        int dot = path.LastIndexOf('.');
        return dot > name ? path.Substring(dot) : string.Empty;
    }

    private static string Int(int value) => value.ToString("N0", CultureInfo.InvariantCulture);
}
