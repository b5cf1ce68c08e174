using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Threading;
using Microsoft.CodeAnalysis;
using StaticNet.Generator.Diagnostics;
using StaticNet.Generator.Model;
using StaticNet.Generator.Planning;

namespace StaticNet.Generator.Parsing;

/// <summary>Checks the sizes, activations and loss of a [Network] attribute and lays out its parameters.</summary>
internal static class ArchitectureValidator
{
    internal readonly struct Result
    {
        public Result(EquatableArray<LayerSpec>? layers, Loss loss)
        {
            Layers = layers;
            Loss = loss;
        }

        /// <summary>The δ of the Huber loss.</summary>
        public float HuberDelta { get; init; }

        /// <summary>Null when any check failed.</summary>
        public EquatableArray<LayerSpec>? Layers { get; }

        public Loss Loss { get; }
    }

    public static Result Validate(
        string typeName,
        AttributeArguments arguments,
        Location location,
        List<DiagnosticInfo> diagnostics,
        CancellationToken cancellationToken)
    {
        int before = diagnostics.Count;
        ImmutableArray<int> sizes = arguments.LayerSizes;

        if (sizes.Length < 2)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.TooFewLayers, location, typeName, Format(sizes.Length)));
        }

        for (int i = 0; i < sizes.Length; i++)
        {
            if (sizes[i] < 1)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.LayerSizeNotPositive, location, Format(i + 1), typeName, Format(sizes[i])));
            }
        }

        ParameterLayout layout = ParameterLayout.Of(sizes);
        CheckSize(typeName, sizes, layout, location, diagnostics);

        if (!IsDefined<Loss>(arguments.Loss))
        {
            diagnostics.Add(UndefinedValue("Loss", typeName, arguments.Loss, typeof(Loss), "Loss", location));
        }

        if (float.IsNaN(arguments.LeakySlope) || float.IsInfinity(arguments.LeakySlope))
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.LeakySlopeNotFinite, location, typeName, arguments.LeakySlope.ToString(CultureInfo.InvariantCulture)));
        }
        else if (Math.Abs(arguments.LeakySlope) > DiagnosticDescriptors.MaxLeakySlope)
        {
            // 3e38 squared is infinite, so the He bound √(6 / ((1 + a²)·n)) became 0 and every weight started at zero.
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.LeakySlopeOutOfRange, location, typeName, arguments.LeakySlope.ToString("R", CultureInfo.InvariantCulture)));
        }

        if (!(arguments.HuberDelta > 0f) || float.IsInfinity(arguments.HuberDelta))
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.HuberDeltaOutOfRange, location, typeName, arguments.HuberDelta.ToString("R", CultureInfo.InvariantCulture)));
        }

        float[]? dropouts = ResolveDropouts(typeName, arguments, sizes.Length - 2, location, diagnostics);
        Activation[]? activations = ResolveActivations(typeName, arguments, sizes.Length - 1, location, diagnostics);
        if (activations is not null && sizes.Length >= 2)
        {
            for (int l = 1; l < activations.Length; l++)
            {
                // activations[l - 1] is layer l; the output layer is the last entry.
                if (activations[l - 1] == Activation.Softmax)
                {
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.SoftmaxOnHiddenLayer, location, Format(l), typeName));
                }
            }

            Activation output = activations[activations.Length - 1];
            var loss = (Loss)arguments.Loss;
            if (sizes[sizes.Length - 1] == 1 && (output == Activation.Softmax || loss == Loss.CrossEntropy))
            {
                // Checked before the loss/activation pairing: following SN0010's advice (use Softmax) on one unit
                // would only lead here, so this is the one error that tells the whole story.
                diagnostics.Add(DiagnosticInfo.Create(
                    DiagnosticDescriptors.SingleUnitSoftmaxOutput, location, typeName, SingleUnitSetting(arguments, output, loss)));
            }
            else if (loss == Loss.CrossEntropy && output != Activation.Softmax)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.CrossEntropyNeedsSoftmax, location, typeName, output.ToString()));
            }
            else if (loss == Loss.BinaryCrossEntropy && output != Activation.Sigmoid)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.BinaryCrossEntropyNeedsSigmoid, location, typeName, output.ToString()));
            }
        }

        if (diagnostics.Count > before || activations is null || dropouts is null)
        {
            return new Result(null, default);
        }

        var layers = new LayerSpec[layout.Layers.Count];
        for (int i = 0; i < layers.Length; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            layers[i] = new LayerSpec(layout.Layers[i], activations[i])
            {
                Dropout = i < dropouts.Length ? dropouts[i] : 0f,
                ByColumns = ColumnOrder.Applies(layout.Layers[i], arguments.Deterministic, frozen: arguments.Weights is not null),
            };
        }

        return new Result(new EquatableArray<LayerSpec>(layers), (Loss)arguments.Loss) { HuberDelta = arguments.HuberDelta };
    }

    /// <summary>How the attribute asked for softmax or cross-entropy, in the words the user wrote.</summary>
    private static string SingleUnitSetting(AttributeArguments arguments, Activation output, Loss loss)
    {
        string? softmax = output != Activation.Softmax
            ? null
            : arguments.Activations is null ? "Output = Activation.Softmax" : "Activations ending in Activation.Softmax";
        string? crossEntropy = loss == Loss.CrossEntropy ? "Loss = Loss.CrossEntropy" : null;
        return softmax is not null && crossEntropy is not null ? softmax + " and " + crossEntropy : softmax ?? crossEntropy!;
    }

    private static void CheckSize(string typeName, ImmutableArray<int> sizes, ParameterLayout layout, Location location, List<DiagnosticInfo> diagnostics)
    {
        for (int i = 0; i < sizes.Length; i++)
        {
            if (sizes[i] > DiagnosticDescriptors.MaxLayerSize)
            {
                string reason = $"layer size {Format(i + 1)} is {Format(sizes[i])} units, above the limit of {Format(DiagnosticDescriptors.MaxLayerSize)} units per layer";
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NetworkTooLarge, location, typeName, reason));
                return;
            }
        }

        long parameters = layout.TotalParameters;
        if (parameters > DiagnosticDescriptors.MaxParameterCount)
        {
            string reason = $"it has {Format(parameters)} parameters, above the limit of {Format(DiagnosticDescriptors.MaxParameterCount)}";
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NetworkTooLarge, location, typeName, reason));
        }
    }

    /// <summary>
    /// One dropout rate per hidden layer: Dropouts when given, otherwise Dropout for each; null after a diagnostic.
    /// A rate must be finite and in [0, 1) (SN0027), Dropouts one entry per hidden layer (SN0028).
    /// </summary>
    private static float[]? ResolveDropouts(string typeName, AttributeArguments arguments, int hiddenCount, Location location, List<DiagnosticInfo> diagnostics)
    {
        int before = diagnostics.Count;
        hiddenCount = Math.Max(hiddenCount, 0);
        if (arguments.Dropouts is { } given)
        {
            if (given.Length != hiddenCount)
            {
                diagnostics.Add(LengthMismatch(DiagnosticDescriptors.DropoutsLengthMismatch, location, typeName, given.Length, hiddenCount, "hidden layer"));
                return null;
            }

            for (int i = 0; i < given.Length; i++)
            {
                CheckDropoutRate($"Dropouts[{Format(i)}]", typeName, given[i], location, diagnostics);
            }
        }
        else
        {
            CheckDropoutRate("Dropout", typeName, arguments.Dropout, location, diagnostics);
            if (hiddenCount == 0 && arguments.Dropout > 0f && arguments.LayerSizes.Length == 2 && diagnostics.Count == before)
            {
                // Without a hidden layer the rate would silently do nothing.
                string rate = arguments.Dropout.ToString("R", CultureInfo.InvariantCulture);
                diagnostics.Add(DiagnosticInfo.Create(
                    DiagnosticDescriptors.DropoutWithoutHiddenLayer, location, typeName, rate, Format(arguments.LayerSizes[0]), Format(arguments.LayerSizes[1])));
            }
        }

        if (diagnostics.Count > before)
        {
            return null;
        }

        var rates = new float[hiddenCount];
        for (int i = 0; i < hiddenCount; i++)
        {
            rates[i] = arguments.Dropouts is { } explicitRates ? explicitRates[i] : arguments.Dropout;
        }

        return rates;
    }

    private static void CheckDropoutRate(string property, string typeName, float rate, Location location, List<DiagnosticInfo> diagnostics)
    {
        // Written so that NaN fails too: every comparison with NaN is false.
        if (!(rate >= 0f && rate < 1f))
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.DropoutRateOutOfRange, location, property, typeName, rate.ToString("R", CultureInfo.InvariantCulture)));
        }
    }

    /// <summary>One activation per non-input layer: Activations when given, otherwise Hidden… then Output.</summary>
    private static Activation[]? ResolveActivations(
        string typeName,
        AttributeArguments arguments,
        int layerCount,
        Location location,
        List<DiagnosticInfo> diagnostics)
    {
        int before = diagnostics.Count;
        if (arguments.Activations is { } explicitActivations)
        {
            if (layerCount >= 1 && explicitActivations.Length != layerCount)
            {
                diagnostics.Add(LengthMismatch(DiagnosticDescriptors.ActivationsLengthMismatch, location, typeName, explicitActivations.Length, layerCount, "layer"));
                return null;
            }

            for (int i = 0; i < explicitActivations.Length; i++)
            {
                if (!IsDefined<Activation>(explicitActivations[i]))
                {
                    diagnostics.Add(UndefinedValue($"Activations[{Format(i)}]", typeName, explicitActivations[i], typeof(Activation), "Activation", location));
                }
            }
        }
        else
        {
            // The unused one of Hidden/Output still has to be a real value: an out-of-range enum is a typo either way.
            if (!IsDefined<Activation>(arguments.Hidden))
            {
                diagnostics.Add(UndefinedValue("Hidden", typeName, arguments.Hidden, typeof(Activation), "Activation", location));
            }

            if (!IsDefined<Activation>(arguments.Output))
            {
                diagnostics.Add(UndefinedValue("Output", typeName, arguments.Output, typeof(Activation), "Activation", location));
            }
        }

        if (diagnostics.Count > before || layerCount < 1)
        {
            return null;
        }

        var activations = new Activation[layerCount];
        for (int i = 0; i < layerCount; i++)
        {
            activations[i] = arguments.Activations is { } given
                ? (Activation)given[i]
                : (Activation)(i == layerCount - 1 ? arguments.Output : arguments.Hidden);
        }

        return activations;
    }

    /// <summary>An array property with <paramref name="given"/> entries where the network has <paramref name="expected"/> of <paramref name="unit"/>.</summary>
    private static DiagnosticInfo LengthMismatch(DiagnosticDescriptor descriptor, Location location, string typeName, int given, int expected, string unit) =>
        DiagnosticInfo.Create(descriptor, location, typeName, Count(given, "entry", "entries"), Count(expected, unit, unit + "s"), Format(expected));

    private static DiagnosticInfo UndefinedValue(string property, string typeName, int value, Type enumType, string publicEnumName, Location location)
    {
        string choices = string.Join(", ", Array.ConvertAll(Enum.GetNames(enumType), name => publicEnumName + "." + name));
        return DiagnosticInfo.Create(
            DiagnosticDescriptors.UndefinedEnumValue, location, property, typeName, Format(value), publicEnumName, choices);
    }

    private static bool IsDefined<TEnum>(int value) where TEnum : struct, Enum => Enum.IsDefined(typeof(TEnum), value);

    private static string Count(int value, string singular, string plural) => Format(value) + " " + (value == 1 ? singular : plural);

    private static string Format(long value) => value.ToString("N0", CultureInfo.InvariantCulture);
}
