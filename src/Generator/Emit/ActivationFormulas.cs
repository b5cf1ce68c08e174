using System;
using StaticNet.Generator.Model;

namespace StaticNet.Generator.Emit;

/// <summary>
/// Every way generated code writes an activation g and its derivative g', read from the activation's entry in
/// <see cref="ActivationTable"/>: this class only qualifies the entry's runtime members through
/// <see cref="RuntimeContract"/> and formats the slope. No emitter names an activation itself.
/// </summary>
internal static class ActivationFormulas
{
    private const string Kernels = RuntimeContract.ActivationKernels;

    /// <summary>g(z) for the layer comments, e.g. <c>σ(z[1])</c>.</summary>
    public static string Equation(Activation activation, string z) => ActivationTable.Of(activation).Equation(z);

    /// <summary>The derivative g' written in terms of what the forward pass kept, for BP1/BP2 comments.</summary>
    public static string DerivativeEquation(Activation activation, int layer, float slope) =>
        ActivationTable.Of(activation).DerivativeEquation(layer, Literals.Float(slope).TrimEnd('f'));

    /// <summary>
    /// Statements applying g to a whole layer, from <paramref name="z"/> into <paramref name="a"/> (which may be the
    /// same span): vectorised over the layer, with softmax taken row by row over <paramref name="rowWidth"/>.
    /// </summary>
    public static string[] ApplyToLayer(Activation activation, string z, string a, float slope, string? rowWidth = null)
    {
        ActivationForms forms = ActivationTable.Of(activation);
        bool inPlace = z == a;
        string copy = $"{z}.CopyTo({a});";
        if (!forms.IsElementwise)
        {
            // A function of the whole layer runs in place on a copy of the sums: one row, or every row of a block.
            string apply = rowWidth is null
                ? $"{RuntimeContract.NetworkMath}.{forms.ScalarFunction}({a});"
                : $"{Kernels}.{forms.LayerKernel}({a}, {rowWidth});";
            return inPlace ? new[] { apply } : new[] { copy, apply };
        }

        if (forms.LayerKernel is null)
        {
            return inPlace ? new string[0] : new[] { copy };
        }

        return new[] { $"{Kernels}.{forms.LayerKernel}({z}, {a}{SlopeArgument(forms, slope)});" };
    }

    /// <summary>A statement multiplying a whole δ by g', read from the layer's a (or, for the ReLU family, z); none for identity.</summary>
    public static string? MultiplyDerivative(Activation activation, string delta, string a, string z, float slope)
    {
        ActivationForms forms = ActivationTable.Of(activation);
        if (forms.Derivative == DerivativeSource.Jacobian)
        {
            throw new ArgumentOutOfRangeException(nameof(activation), $"{activation} uses its Jacobian-vector product.");
        }

        return forms.DerivativeKernel is null
            ? null
            : $"{Kernels}.{forms.DerivativeKernel}({delta}, {DerivativeInput(forms, a, z)}{SlopeArgument(forms, slope)});";
    }

    /// <summary>
    /// An expression for <paramref name="value"/> ⊙ g'(z), reading g' from the activation <paramref name="a"/> or, for
    /// the ReLU family, from the pre-activation <paramref name="z"/>.
    /// </summary>
    public static string TimesDerivative(Activation activation, string value, string a, string z, float slope)
    {
        ActivationForms forms = ActivationTable.Of(activation);
        if (forms.ScalarDerivative is { } function)
        {
            return $"{RuntimeContract.NetworkMath}.{function}({value}, {z})";
        }

        return forms.TimesDerivative?.Invoke(value, a, z, Literals.Float(slope))
            ?? throw new ArgumentOutOfRangeException(nameof(activation), $"{activation} uses its Jacobian-vector product.");
    }

    /// <summary>The statement δ = Jᵀ·g through a layer-wise activation's Jacobian, from its a and the upstream gradient.</summary>
    public static string JacobianProduct(Activation activation, string a, string gradient, string delta) =>
        $"{RuntimeContract.NetworkMath}.{ActivationTable.Of(activation).JacobianProduct}({a}, {gradient}, {delta});";

    /// <summary>g of one float, e.g. <c>NetworkMath.ReLU(sum)</c>; the argument itself for identity.</summary>
    public static string Scalar(Activation activation, string argument, float slope)
    {
        ActivationForms forms = ActivationTable.Of(activation);
        return forms.ScalarFunction is null
            ? argument
            : $"{RuntimeContract.NetworkMath}.{forms.ScalarFunction}({argument}{SlopeArgument(forms, slope)})";
    }

    /// <summary>Whether g of a register layer is computed on vectors of its sums (a runtime vector function), rather than unit by unit.</summary>
    public static bool HasVectorFunction(Activation activation) => ActivationTable.Of(activation).VectorFunction is not null;

    /// <summary>Whether <see cref="Vector"/> can write g of a whole vector: a runtime vector function or an inline vector form.</summary>
    public static bool HasVectorForm(Activation activation) =>
        ActivationTable.Of(activation) is { } forms && (forms.VectorFunction is not null || forms.InlineVector is not null);

    /// <summary>
    /// g of a whole vector <paramref name="z"/> of type <paramref name="vector"/> (e.g. <c>global::…Vector128</c>):
    /// the runtime's vector function where there is one, otherwise the entry's inline form.
    /// </summary>
    public static string Vector(Activation activation, string vector, string z, float slope)
    {
        ActivationForms forms = ActivationTable.Of(activation);
        if (forms.VectorFunction is { } function)
        {
            return $"{RuntimeContract.VectorActivations}.{function}({z})";
        }

        return forms.InlineVector?.Invoke(vector, z, Literals.Float(slope))
            ?? throw new ArgumentOutOfRangeException(nameof(activation), $"{activation} has no vector form.");
    }

    /// <summary>The bound of the uniform initial weights of a layer with this activation, and the scheme's name for the comment.</summary>
    public static (string Bound, string Scheme) InitialBound(Activation activation, int inputSize, int size, float slope)
    {
        ActivationForms forms = ActivationTable.Of(activation);
        return forms.HeInitialization
            ? ($"{RuntimeContract.HeBound}({inputSize}{SlopeArgument(forms, slope)})", "He")
            : ($"{RuntimeContract.XavierBound}({inputSize}, {size})", "Xavier/Glorot");
    }

    /// <summary>
    /// The activation a frozen network's column kernel fuses, as the runtime enum's member and its slope argument:
    /// g itself when element-wise, identity for a layer-wise g (which then runs on the sums).
    /// </summary>
    public static (string Member, string Slope) Fused(Activation activation, float slope)
    {
        ActivationForms forms = ActivationTable.Of(activation);
        string member = forms.IsElementwise ? forms.RuntimeName : ActivationTable.Identity.RuntimeName;
        return ($"{RuntimeContract.Activation}.{member}", Literals.Float(forms.TakesSlope ? slope : 0f));
    }

    /// <summary>Whether g is a function of the whole layer (softmax) rather than of each unit.</summary>
    public static bool IsLayerWise(Activation activation) => !ActivationTable.Of(activation).IsElementwise;

    private static string DerivativeInput(ActivationForms forms, string a, string z) =>
        forms.Derivative == DerivativeSource.PreActivation ? z : a;

    private static string SlopeArgument(ActivationForms forms, float slope) => forms.TakesSlope ? ", " + Literals.Float(slope) : string.Empty;
}
