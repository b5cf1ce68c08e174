using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;

namespace StaticNet.Generator.Parsing;

/// <summary>The raw values written in a [Network(...)] attribute, before any validation.</summary>
internal sealed class AttributeArguments
{
    public ImmutableArray<int> LayerSizes { get; private set; } = ImmutableArray<int>.Empty;

    public int Hidden { get; private set; } = 1; // Activation.Sigmoid

    public int Output { get; private set; } = 1; // Activation.Sigmoid

    public int Loss { get; private set; } // Loss.MeanSquaredError

    /// <summary>Null when the attribute does not set Activations.</summary>
    public ImmutableArray<int>? Activations { get; private set; }

    public float LeakySlope { get; private set; } = 0.01f;

    /// <summary>Dropout, the rate of every hidden layer unless <see cref="Dropouts"/> is set.</summary>
    public float Dropout { get; private set; }

    /// <summary>Null when the attribute does not set Dropouts.</summary>
    public ImmutableArray<float>? Dropouts { get; private set; }

    public float HuberDelta { get; private set; } = 1f;

    /// <summary>Whether the attribute writes HuberDelta at all (even as 1), so that SN0035 can say it is ignored.</summary>
    public bool HuberDeltaWritten { get; private set; }

    /// <summary>The path of the weights file to compile in, as written; null when the attribute does not set Weights.</summary>
    public string? Weights { get; private set; }

    /// <summary>Whether the attribute sets Deterministic = true.</summary>
    public bool Deterministic { get; private set; }

    /// <summary>
    /// Reads the attribute. Returns null when the attribute itself does not bind (a missing argument, a wrong type):
    /// the compiler already reports that, and a second, vaguer error from us would only add noise.
    /// </summary>
    public static AttributeArguments? Read(AttributeData attribute, CancellationToken cancellationToken)
    {
        if (attribute.AttributeConstructor is null || attribute.ConstructorArguments.Length != 1)
        {
            return null;
        }

        var result = new AttributeArguments();
        TypedConstant sizes = attribute.ConstructorArguments[0];
        if (sizes.Kind == TypedConstantKind.Error)
        {
            return null;
        }

        if (sizes.Kind == TypedConstantKind.Array && !sizes.IsNull)
        {
            ImmutableArray<int>? values = ReadInts(sizes);
            if (values is null)
            {
                return null;
            }

            result.LayerSizes = values.Value;
        }

        foreach (var named in attribute.NamedArguments)
        {
            cancellationToken.ThrowIfCancellationRequested();
            TypedConstant value = named.Value;
            if (value.Kind == TypedConstantKind.Error)
            {
                return null;
            }

            switch (named.Key)
            {
                case "Hidden" when value.Kind == TypedConstantKind.Enum && value.Value is int hidden:
                    result.Hidden = hidden;
                    break;
                case "Output" when value.Kind == TypedConstantKind.Enum && value.Value is int output:
                    result.Output = output;
                    break;
                case "Loss" when value.Kind == TypedConstantKind.Enum && value.Value is int loss:
                    result.Loss = loss;
                    break;
                case "LeakySlope" when value.Value is float slope:
                    result.LeakySlope = slope;
                    break;
                case "Dropout" when value.Value is float dropout:
                    result.Dropout = dropout;
                    break;
                case "HuberDelta" when value.Value is float huberDelta:
                    result.HuberDelta = huberDelta;
                    result.HuberDeltaWritten = true;
                    break;
                case "Dropouts":
                    // Dropouts = null is the same as leaving it out.
                    result.Dropouts = value.IsNull ? null : ReadFloats(value);
                    if (!value.IsNull && result.Dropouts is null)
                    {
                        return null;
                    }

                    break;
                case "Weights" when value.Value is string or null:
                    result.Weights = (string?)value.Value;
                    break;
                case "Deterministic" when value.Value is bool deterministic:
                    result.Deterministic = deterministic;
                    break;
                case "Activations":
                    // Activations = null is the same as leaving it out.
                    result.Activations = value.IsNull ? null : ReadInts(value);
                    if (!value.IsNull && result.Activations is null)
                    {
                        return null;
                    }

                    break;
                case "Hidden" or "Output" or "Loss" or "LeakySlope" or "Dropout" or "HuberDelta":
                    // A value of the wrong type (LeakySlope = 0.2, Hidden = 3) is already a compiler error.
                    return null;
            }
        }

        return result;
    }

    private static ImmutableArray<float>? ReadFloats(TypedConstant array)
    {
        var builder = ImmutableArray.CreateBuilder<float>(array.Values.Length);
        foreach (TypedConstant element in array.Values)
        {
            if (element.Value is not float value)
            {
                return null;
            }

            builder.Add(value);
        }

        return builder.MoveToImmutable();
    }

    private static ImmutableArray<int>? ReadInts(TypedConstant array)
    {
        var builder = ImmutableArray.CreateBuilder<int>(array.Values.Length);
        foreach (TypedConstant element in array.Values)
        {
            if (element.Value is not int value || (element.Kind != TypedConstantKind.Enum && element.Kind != TypedConstantKind.Primitive))
            {
                return null;
            }

            builder.Add(value);
        }

        return builder.MoveToImmutable();
    }
}
