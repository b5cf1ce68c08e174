using Microsoft.CodeAnalysis;

namespace StaticNet.Generator.Diagnostics;

/// <summary>
/// Every diagnostic the generator reports, in one catalogue. IDs are stable and listed in AnalyzerReleases.*.md;
/// each message says what to change.
/// </summary>
internal static class DiagnosticDescriptors
{
    private const string Category = "StaticNet";

    /// <summary>The largest layer the generator accepts: beyond it, per-unit stack scratch and emitted loops stop being sensible.</summary>
    public const int MaxLayerSize = 1 << 20;

    /// <summary>The largest parameter count the generator accepts (2^24, where float32 stops counting integers exactly).</summary>
    public const long MaxParameterCount = 1L << 24;

    public static readonly DiagnosticDescriptor NotPartial = Error(
        "SN0001",
        "Network type must be partial",
        "'{0}' must be declared partial so that StaticNet can generate the network into it; add the 'partial' modifier");

    public static readonly DiagnosticDescriptor ContainingTypeNotPartial = Error(
        "SN0002",
        "Type containing a network must be partial",
        "'{0}' contains the network '{1}' and must be declared partial too; add the 'partial' modifier to '{0}'");

    public static readonly DiagnosticDescriptor GenericType = Error(
        "SN0003",
        "Network type must not be generic",
        "'{0}' is generic or nested in a generic type; a network has fixed sizes, so declare it in a non-generic type");

    public static readonly DiagnosticDescriptor StaticType = Error(
        "SN0004",
        "Network type must not be static",
        "'{0}' is static, but a network keeps its parameters in instance fields; remove the 'static' modifier");

    public static readonly DiagnosticDescriptor TooFewLayers = Error(
        "SN0005",
        "A network needs at least two layer sizes",
        "[Network] on '{0}' lists {1} layer size(s); give at least two, the input size first and the output size last, e.g. [Network(4, 3)]");

    public static readonly DiagnosticDescriptor LayerSizeNotPositive = Error(
        "SN0006",
        "Layer sizes must be at least 1",
        "Layer size {0} of '{1}' is {2}; every layer size must be at least 1");

    public static readonly DiagnosticDescriptor NetworkTooLarge = Error(
        "SN0007",
        "Network is too large to generate",
        "'{0}' is too large to generate: {1}; use smaller layers or split the model into several networks");

    public static readonly DiagnosticDescriptor ActivationsLengthMismatch = Error(
        "SN0008",
        "Activations must give one activation per non-input layer",
        "Activations on '{0}' has {1}, but the network has {2} after the input; give exactly {3}, one per layer");

    public static readonly DiagnosticDescriptor SoftmaxOnHiddenLayer = Error(
        "SN0009",
        "Softmax is only supported on the output layer",
        "Layer {0} of '{1}' is a hidden layer but uses Softmax; use Softmax only on the output layer and ReLU, Tanh or Sigmoid on hidden layers");

    public static readonly DiagnosticDescriptor CrossEntropyNeedsSoftmax = Error(
        "SN0010",
        "CrossEntropy needs a Softmax output",
        "'{0}' uses Loss.CrossEntropy but its output activation is {1}; set Output = Activation.Softmax, or use Loss.BinaryCrossEntropy with a Sigmoid output");

    public static readonly DiagnosticDescriptor BinaryCrossEntropyNeedsSigmoid = Error(
        "SN0011",
        "BinaryCrossEntropy needs a Sigmoid output",
        "'{0}' uses Loss.BinaryCrossEntropy but its output activation is {1}; set Output = Activation.Sigmoid, or use Loss.CrossEntropy with a Softmax output");

    public static readonly DiagnosticDescriptor UndefinedEnumValue = Error(
        "SN0012",
        "Undefined activation or loss value",
        "{0} on '{1}' is {2}, which is not a defined {3} value; use one of {4}");

    public static readonly DiagnosticDescriptor LeakySlopeNotFinite = Error(
        "SN0013",
        "LeakySlope must be finite",
        "LeakySlope on '{0}' is {1}; it must be a finite number such as 0.01");

    public static readonly DiagnosticDescriptor FileLocalType = Error(
        "SN0014",
        "Network type must not be file-local",
        "'{0}' is a file-local type, but the generated half of a partial type lives in another file; remove the 'file' modifier (use 'internal' or 'private' instead)");

    public static readonly DiagnosticDescriptor RecordType = Error(
        "SN0015",
        "Network type must be a class, not a record",
        "'{0}' is a record; a record's copy ('with', the copy constructor) would share the parameter buffer with the original, so declare the network as a 'partial class'");

    /// <summary>The largest |LeakySlope| accepted: beyond it the negative side dominates and He initialisation degenerates.</summary>
    public const float MaxLeakySlope = 10f;

    public static readonly DiagnosticDescriptor MemberNameClash = Documented(
        "SN0017",
        "Member name clashes with a generated member",
        "'{0}' has the same name as a member StaticNet generates into '{1}'; rename it (see the generated members in the README)");

    public static readonly DiagnosticDescriptor LeakySlopeOutOfRange = Documented(
        "SN0018",
        "LeakySlope is outside the supported range",
        "LeakySlope on '{0}' is {1}; use a slope between -10 and 10, such as 0.01 (larger slopes overflow He initialisation and zero the weights)");

    private static DiagnosticDescriptor Documented(string id, string title, string message) =>
        new(id, title, message, Category, DiagnosticSeverity.Error, isEnabledByDefault: true,
            helpLinkUri: "https://github.com/staticnet/staticnet/blob/main/docs/diagnostics.md#" + id.ToLowerInvariant());

    private static DiagnosticDescriptor Error(string id, string title, string message) =>
        new(id, title, message, Category, DiagnosticSeverity.Error, isEnabledByDefault: true, helpLinkUri: null);
}
