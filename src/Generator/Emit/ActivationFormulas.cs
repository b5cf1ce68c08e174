using System;
using StaticNet.Generator.Model;

namespace StaticNet.Generator.Emit;

/// <summary>The C# expressions and the comment equations for each activation g and its derivative g'.</summary>
internal static class ActivationFormulas
{
    /// <summary>g(z) for element-wise activations, e.g. <c>σ(z[1])</c>, used in layer comments.</summary>
    public static string Equation(Activation activation, string z) => activation switch
    {
        Activation.Identity => z,
        Activation.Sigmoid => $"σ({z})",
        Activation.Tanh => $"tanh({z})",
        Activation.ReLU => $"max(0, {z})",
        Activation.LeakyReLU => $"leaky({z})",
        Activation.Softmax => $"softmax({z})",
        _ => throw new ArgumentOutOfRangeException(nameof(activation)),
    };

    /// <summary>The derivative g' written in terms of what the forward pass kept, for BP1/BP2 comments.</summary>
    public static string DerivativeEquation(Activation activation, int layer, float slope) => activation switch
    {
        Activation.Identity => "g' = 1",
        Activation.Sigmoid => $"σ' = a[{layer}](1 − a[{layer}])",
        Activation.Tanh => $"tanh' = 1 − a[{layer}]²",
        Activation.ReLU => $"ReLU' = [z[{layer}] > 0]",
        Activation.LeakyReLU => $"leaky' = 1 if z[{layer}] > 0, else {Literals.Float(slope).TrimEnd('f')}",
        Activation.Softmax => "softmax' is a full Jacobian",
        _ => throw new ArgumentOutOfRangeException(nameof(activation)),
    };

    private const string Kernels = RuntimeContract.ActivationKernels;

    /// <summary>
    /// Statements applying g to a whole layer, from <paramref name="z"/> into <paramref name="a"/> (which may be the
    /// same span): vectorised over the layer, with softmax taken row by row over <paramref name="rowWidth"/>.
    /// </summary>
    public static string[] ApplyToLayer(Activation activation, string z, string a, float slope, string? rowWidth = null)
    {
        bool inPlace = z == a;
        return activation switch
        {
            Activation.Identity => inPlace ? new string[0] : new[] { $"{z}.CopyTo({a});" },
            Activation.Sigmoid => new[] { $"{Kernels}.Sigmoid({z}, {a});" },
            Activation.Tanh => new[] { $"{Kernels}.Tanh({z}, {a});" },
            Activation.ReLU => new[] { $"{Kernels}.ReLU({z}, {a});" },
            Activation.LeakyReLU => new[] { $"{Kernels}.LeakyReLU({z}, {a}, {Literals.Float(slope)});" },
            Activation.Softmax => Softmax(z, a, inPlace, rowWidth),
            _ => throw new ArgumentOutOfRangeException(nameof(activation)),
        };
    }

    /// <summary>A statement multiplying a whole δ by g', read from the layer's a (or, for the ReLU family, z); none for identity.</summary>
    public static string? MultiplyDerivative(Activation activation, string delta, string a, string z, float slope) => activation switch
    {
        Activation.Identity => null,
        Activation.Sigmoid => $"{Kernels}.MultiplySigmoidDerivative({delta}, {a});",
        Activation.Tanh => $"{Kernels}.MultiplyTanhDerivative({delta}, {a});",
        Activation.ReLU => $"{Kernels}.MultiplyReLUDerivative({delta}, {z});",
        Activation.LeakyReLU => $"{Kernels}.MultiplyLeakyReLUDerivative({delta}, {z}, {Literals.Float(slope)});",
        _ => throw new ArgumentOutOfRangeException(nameof(activation), "Softmax uses its Jacobian-vector product."),
    };

    private static string[] Softmax(string z, string a, bool inPlace, string? rowWidth)
    {
        string apply = rowWidth is null
            ? $"{RuntimeContract.NetworkMath}.SoftmaxInPlace({a});"
            : $"{Kernels}.SoftmaxRows({a}, {rowWidth});";
        return inPlace ? new[] { apply } : new[] { $"{z}.CopyTo({a});", apply };
    }

    /// <summary>
    /// An expression for <paramref name="value"/> ⊙ g'(z), reading g' from the activation <paramref name="a"/> or, for
    /// the ReLU family, from the pre-activation <paramref name="z"/>.
    /// </summary>
    public static string TimesDerivative(Activation activation, string value, string a, string z, float slope) => activation switch
    {
        Activation.Identity => value,
        Activation.Sigmoid => $"{Parenthesize(value)} * {a} * (1f - {a})",
        Activation.Tanh => $"{Parenthesize(value)} * (1f - {a} * {a})",
        Activation.ReLU => $"{z} > 0f ? {value} : 0f",
        Activation.LeakyReLU => $"({z} > 0f ? 1f : {Literals.Float(slope)}) * {Parenthesize(value)}",
        _ => throw new ArgumentOutOfRangeException(nameof(activation), "Softmax uses its Jacobian-vector product."),
    };

    /// <summary>Brackets a sum or conditional before it is multiplied; products and single terms need none.</summary>
    private static string Parenthesize(string expression) =>
        expression.Contains(" + ") || expression.Contains(" - ") || expression.Contains(" ? ") ? "(" + expression + ")" : expression;
}
