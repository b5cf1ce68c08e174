using System;
using System.Collections.Generic;

namespace StaticNet.Generator.Model;

/// <summary>Where g' of an activation is read from in backpropagation.</summary>
internal enum DerivativeSource
{
    /// <summary>g' = 1: nothing to read.</summary>
    None,

    /// <summary>From a[l] (σ' = a(1 − a), tanh' = 1 − a²).</summary>
    Activation,

    /// <summary>From z[l], which training then keeps beside a[l] (the ReLU family).</summary>
    PreActivation,

    /// <summary>A full Jacobian over the layer (softmax): a Jacobian-vector product, never an element-wise factor.</summary>
    Jacobian,
}

/// <summary>
/// Everything the generator knows about one activation, in one record: the facts the plan decides with and every way
/// the emitters write it. Runtime members are given by their name inside their runtime type (NetworkMath,
/// ActivationKernels, VectorActivations), which the emitters qualify through <c>RuntimeContract</c>; slopes arrive
/// as the float literal the emitter formats. The generator writes no ONNX, so no ONNX name is kept here.
/// </summary>
internal sealed class ActivationForms
{
    public ActivationForms(Activation activation)
    {
        Activation = activation;
    }

    public Activation Activation { get; }

    /// <summary>The member of the runtime's <c>Activation</c> enum (the same file, so the same name).</summary>
    public string RuntimeName => Activation.ToString();

    /// <summary>Whether g works unit by unit (false for softmax, a function of the whole layer).</summary>
    public bool IsElementwise { get; init; } = true;

    /// <summary>Where backpropagation reads g' from.</summary>
    public DerivativeSource Derivative { get; init; }

    /// <summary>Whether g, g' and the initial bound take the network's LeakySlope.</summary>
    public bool TakesSlope { get; init; }

    /// <summary>He bounds for the weights feeding it (the ReLU family), otherwise Xavier/Glorot.</summary>
    public bool HeInitialization { get; init; }

    /// <summary>g(z) as the comments write it, from z as written, e.g. <c>σ(z[1])</c>.</summary>
    public Func<string, string> Equation { get; init; } = z => z;

    /// <summary>g' in terms of what the forward pass kept, for the BP1/BP2 comments: (layer l, the slope as a number).</summary>
    public Func<int, string, string> DerivativeEquation { get; init; } = (_, _) => "g' = 1";

    /// <summary>
    /// value ⊙ g' as one C# expression: (value, a_j, z_j, slope literal). Null where g' is a Jacobian or where
    /// <see cref="ScalarDerivative"/> names a runtime function for it.
    /// </summary>
    public Func<string, string, string, string, string>? TimesDerivative { get; init; }

    /// <summary>
    /// NetworkMath member computing g: of one float for an element-wise activation (null for identity), over a whole
    /// span in place for softmax.
    /// </summary>
    public string? ScalarFunction { get; init; }

    /// <summary>NetworkMath member computing value · g'(z) of one float, (value, z), where g' is no short expression.</summary>
    public string? ScalarDerivative { get; init; }

    /// <summary>ActivationKernels member applying g from one span into another, (z, a[, slope]); for softmax, row by row in place (a, rowWidth).</summary>
    public string? LayerKernel { get; init; }

    /// <summary>ActivationKernels member multiplying a whole δ by g', (δ, a or z[, slope]); null where g' = 1 or a Jacobian.</summary>
    public string? DerivativeKernel { get; init; }

    /// <summary>VectorActivations member computing g on a Vector128 or Vector256 (register layers, constant columns).</summary>
    public string? VectorFunction { get; init; }

    /// <summary>
    /// g on a vector written inline where no <see cref="VectorFunction"/> is needed: (vector type, z, slope literal),
    /// e.g. <c>Vector128.Max(z, Vector128&lt;float&gt;.Zero)</c>.
    /// </summary>
    public Func<string, string, string, string>? InlineVector { get; init; }

    /// <summary>NetworkMath member of the Jacobian-vector product (a, upstream gradient, δ) where g' is a Jacobian.</summary>
    public string? JacobianProduct { get; init; }
}

/// <summary>
/// The one table of activations: a new activation is an entry here (and its kernels in the runtime). The plan reads
/// the facts of an entry; every emitter writes an activation through its entry, never by naming the activation.
/// </summary>
internal static class ActivationTable
{
    private static readonly Dictionary<Activation, ActivationForms> Entries = Build(
        new ActivationForms(Activation.Identity)
        {
            Derivative = DerivativeSource.None,
            Equation = z => z,
            DerivativeEquation = (_, _) => "g' = 1",
            TimesDerivative = (value, _, _, _) => value,
            InlineVector = (_, z, _) => z,
        },
        new ActivationForms(Activation.Sigmoid)
        {
            Derivative = DerivativeSource.Activation,
            Equation = z => $"σ({z})",
            DerivativeEquation = (l, _) => $"σ' = a[{l}](1 − a[{l}])",
            TimesDerivative = (value, a, _, _) => $"{Parenthesize(value)} * {a} * (1f - {a})",
            ScalarFunction = "Sigmoid",
            LayerKernel = "Sigmoid",
            DerivativeKernel = "MultiplySigmoidDerivative",
            VectorFunction = "Sigmoid",
        },
        new ActivationForms(Activation.Tanh)
        {
            Derivative = DerivativeSource.Activation,
            Equation = z => $"tanh({z})",
            DerivativeEquation = (l, _) => $"tanh' = 1 − a[{l}]²",
            TimesDerivative = (value, a, _, _) => $"{Parenthesize(value)} * (1f - {a} * {a})",
            ScalarFunction = "Tanh",
            LayerKernel = "Tanh",
            DerivativeKernel = "MultiplyTanhDerivative",
            VectorFunction = "Tanh",
        },
        new ActivationForms(Activation.ReLU)
        {
            Derivative = DerivativeSource.PreActivation,
            HeInitialization = true,
            Equation = z => $"max(0, {z})",
            DerivativeEquation = (l, _) => $"ReLU' = [z[{l}] > 0]",
            TimesDerivative = (value, _, z, _) => $"{z} > 0f ? {value} : 0f",
            ScalarFunction = "ReLU",
            LayerKernel = "ReLU",
            DerivativeKernel = "MultiplyReLUDerivative",
            InlineVector = (vector, z, _) => $"{vector}.Max({z}, {vector}<float>.Zero)",
        },
        new ActivationForms(Activation.LeakyReLU)
        {
            Derivative = DerivativeSource.PreActivation,
            TakesSlope = true,
            HeInitialization = true,
            Equation = z => $"leaky({z})",
            DerivativeEquation = (l, slope) => $"leaky' = 1 if z[{l}] > 0, else {slope}",
            TimesDerivative = (value, _, z, slope) => $"({z} > 0f ? 1f : {slope}) * {Parenthesize(value)}",
            ScalarFunction = "LeakyReLU",
            LayerKernel = "LeakyReLU",
            DerivativeKernel = "MultiplyLeakyReLUDerivative",
            InlineVector = (vector, z, slope) => $"{vector}.ConditionalSelect({vector}.GreaterThan({z}, {vector}<float>.Zero), {z}, {z} * {slope})",
        },
        new ActivationForms(Activation.GELU)
        {
            Derivative = DerivativeSource.PreActivation,
            HeInitialization = true,
            Equation = z => $"GELU({z})",
            DerivativeEquation = (l, _) => $"GELU' = Φ(z[{l}]) + z[{l}]·φ(z[{l}])",
            ScalarFunction = "GELU",
            ScalarDerivative = "MultiplyGELUDerivative",
            LayerKernel = "GELU",
            DerivativeKernel = "MultiplyGELUDerivative",
            VectorFunction = "GELU",
        },
        new ActivationForms(Activation.SiLU)
        {
            Derivative = DerivativeSource.PreActivation,
            HeInitialization = true,
            Equation = z => $"{z}·σ({z})",
            DerivativeEquation = (l, _) => $"SiLU' = σ(z[{l}])(1 + z[{l}](1 − σ(z[{l}])))",
            ScalarFunction = "SiLU",
            ScalarDerivative = "MultiplySiLUDerivative",
            LayerKernel = "SiLU",
            DerivativeKernel = "MultiplySiLUDerivative",
            VectorFunction = "SiLU",
        },
        new ActivationForms(Activation.ELU)
        {
            Derivative = DerivativeSource.PreActivation,
            HeInitialization = true,
            Equation = z => $"elu({z})",
            DerivativeEquation = (l, _) => $"ELU' = 1 if z[{l}] > 0, else e^z[{l}]",
            ScalarFunction = "ELU",
            ScalarDerivative = "MultiplyELUDerivative",
            LayerKernel = "ELU",
            DerivativeKernel = "MultiplyELUDerivative",
            VectorFunction = "ELU",
        },
        new ActivationForms(Activation.Softplus)
        {
            Derivative = DerivativeSource.PreActivation,
            HeInitialization = true,
            Equation = z => $"softplus({z})",
            DerivativeEquation = (l, _) => $"softplus' = σ(z[{l}])",
            ScalarFunction = "Softplus",
            ScalarDerivative = "MultiplySoftplusDerivative",
            LayerKernel = "Softplus",
            DerivativeKernel = "MultiplySoftplusDerivative",
            VectorFunction = "Softplus",
        },
        new ActivationForms(Activation.Softmax)
        {
            IsElementwise = false,
            Derivative = DerivativeSource.Jacobian,
            Equation = z => $"softmax({z})",
            DerivativeEquation = (_, _) => "softmax' is a full Jacobian",
            ScalarFunction = "SoftmaxInPlace",
            LayerKernel = "SoftmaxRows",
            JacobianProduct = "SoftmaxBackward",
        });

    /// <summary>g(z) = z, the entry a layer-wise activation's kernels fuse while the layer-wise part runs after them.</summary>
    public static ActivationForms Identity => Of(Activation.Identity);

    /// <summary>Every entry, in the order of the enum.</summary>
    public static IEnumerable<ActivationForms> All => Entries.Values;

    /// <summary>The entry of <paramref name="activation"/>; the validator has rejected undefined values before any lookup.</summary>
    public static ActivationForms Of(Activation activation) =>
        Entries.TryGetValue(activation, out ActivationForms? forms) ? forms : throw new ArgumentOutOfRangeException(nameof(activation), activation, "No entry in ActivationTable.");

    /// <summary>Brackets a sum or conditional before it is multiplied; products and single terms need none.</summary>
    private static string Parenthesize(string expression) =>
        expression.Contains(" + ") || expression.Contains(" - ") || expression.Contains(" ? ") ? "(" + expression + ")" : expression;

    private static Dictionary<Activation, ActivationForms> Build(params ActivationForms[] entries)
    {
        var table = new Dictionary<Activation, ActivationForms>();
        foreach (ActivationForms entry in entries)
        {
            table.Add(entry.Activation, entry);
        }

        return table;
    }
}
