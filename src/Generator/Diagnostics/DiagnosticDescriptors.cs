using Microsoft.CodeAnalysis;

namespace StaticNet.Generator.Diagnostics;

/// <summary>
/// Every diagnostic the generator reports, in one catalogue. IDs are stable and listed in AnalyzerReleases.*.md;
/// each message says what to change. Errors stop the network from being generated; warnings (a setting that does
/// nothing) do not.
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
        "'{0}' must be declared partial so that StaticNet can generate the network into it; add the 'partial' modifier",
        "StaticNet writes the network's fields and methods into a second part of the type, which C# allows only for a partial type. Nothing is generated for a type that is not partial, so code that uses the network also fails to bind.");

    public static readonly DiagnosticDescriptor ContainingTypeNotPartial = Error(
        "SN0002",
        "Type containing a network must be partial",
        "'{0}' contains the network '{1}' and must be declared partial too; add the 'partial' modifier to '{0}'",
        "The generated part of a nested network re-opens every type that contains it, and C# can re-open only partial types. Nothing is generated until each containing type is partial too.");

    public static readonly DiagnosticDescriptor GenericType = Error(
        "SN0003",
        "Network type must not be generic",
        "'{0}' is generic or nested in a generic type; a network has fixed sizes, so declare it in a non-generic type",
        "A network's sizes and its per-thread scratch are fixed per type, so a generic network, or one nested in a generic type, is not supported. Declare it in a non-generic type; nothing is generated for it.");

    public static readonly DiagnosticDescriptor StaticType = Error(
        "SN0004",
        "Network type must not be static",
        "'{0}' is static, but a network keeps its parameters in instance fields; remove the 'static' modifier",
        "A network keeps its parameters in instance fields and implements INetwork, which a static class cannot. Only the network's constants are generated until the 'static' modifier is removed.");

    public static readonly DiagnosticDescriptor TooFewLayers = Error(
        "SN0005",
        "A network needs at least two layer sizes",
        "[Network] on '{0}' lists {1} layer size(s); give at least two, the input size first and the output size last, e.g. [Network(4, 3)]",
        "The first layer size is the number of inputs and the last the number of outputs, so a network needs at least two. Until it has them, StaticNet generates a stand-in whose members throw, so that this error is the only one.");

    public static readonly DiagnosticDescriptor LayerSizeNotPositive = Error(
        "SN0006",
        "Layer sizes must be at least 1",
        "Layer size {0} of '{1}' is {2}; every layer size must be at least 1",
        "Every layer, the input included, needs at least one unit. Until every size is at least 1, StaticNet generates a stand-in whose members throw, so that this error is the only one.");

    public static readonly DiagnosticDescriptor NetworkTooLarge = Error(
        "SN0007",
        "Network is too large to generate",
        "'{0}' is too large to generate: {1}; use smaller layers or split the model into several networks",
        "Layers above 1,048,576 units, or more than 16,777,216 parameters in all (where float32 stops counting integers exactly), are not generated. Until the network is smaller, StaticNet generates a stand-in whose members throw.");

    public static readonly DiagnosticDescriptor ActivationsLengthMismatch = Error(
        "SN0008",
        "Activations must give one activation per non-input layer",
        "Activations on '{0}' has {1}, but the network has {2} after the input; give exactly {3}, one per layer",
        "Activations gives every layer after the input its own activation, so it must have exactly one entry per such layer. Until it does, StaticNet generates a stand-in whose members throw, so that this error is the only one.");

    public static readonly DiagnosticDescriptor SoftmaxOnHiddenLayer = Error(
        "SN0009",
        "Softmax is only supported on the output layer",
        "Layer {0} of '{1}' is a hidden layer but uses Softmax; use Softmax only on the output layer and ReLU, Tanh or Sigmoid on hidden layers",
        "Softmax couples all the units of a layer and is only implemented, with its fused cross-entropy gradient, on the output layer. Until the hidden layers use another activation, StaticNet generates a stand-in whose members throw.");

    public static readonly DiagnosticDescriptor CrossEntropyNeedsSoftmax = Error(
        "SN0010",
        "CrossEntropy needs a Softmax output",
        "'{0}' uses Loss.CrossEntropy but its output activation is {1}; set Output = Activation.Softmax, or use Loss.BinaryCrossEntropy with a Sigmoid output",
        "Cross-entropy is implemented fused with softmax (δ = ŷ − y), so it needs a Softmax output. Until the loss and the output activation agree, StaticNet generates a stand-in whose members throw.");

    public static readonly DiagnosticDescriptor BinaryCrossEntropyNeedsSigmoid = Error(
        "SN0011",
        "BinaryCrossEntropy needs a Sigmoid output",
        "'{0}' uses Loss.BinaryCrossEntropy but its output activation is {1}; set Output = Activation.Sigmoid, or use Loss.CrossEntropy with a Softmax output",
        "Binary cross-entropy is implemented fused with sigmoid (δ = ŷ − y, loss from the logits), so it needs a Sigmoid output. Until the loss and the output activation agree, StaticNet generates a stand-in whose members throw.");

    public static readonly DiagnosticDescriptor UndefinedEnumValue = Error(
        "SN0012",
        "Undefined activation or loss value",
        "{0} on '{1}' is {2}, which is not a defined {3} value; use one of {4}",
        "A cast such as (Activation)42 compiles but names no activation or loss that StaticNet knows. Until every value is a defined one, StaticNet generates a stand-in whose members throw, so that this error is the only one.");

    public static readonly DiagnosticDescriptor LeakySlopeNotFinite = Error(
        "SN0013",
        "LeakySlope must be finite",
        "LeakySlope on '{0}' is {1}; it must be a finite number such as 0.01",
        "LeakySlope is written into the generated code as a float literal and used in every LeakyReLU and its derivative; NaN or infinity would poison every output. Until it is finite, StaticNet generates a stand-in whose members throw.");

    public static readonly DiagnosticDescriptor FileLocalType = Error(
        "SN0014",
        "Network type must not be file-local",
        "'{0}' is a file-local type, but the generated half of a partial type lives in another file; remove the 'file' modifier (use 'internal' or 'private' instead)",
        "A file-local type exists only in its own file, and the generated part of the network lives in another file, so it cannot re-open it. Nothing is generated until the 'file' modifier is removed.");

    public static readonly DiagnosticDescriptor RecordType = Error(
        "SN0015",
        "Network type must be a class, not a record",
        "'{0}' is a record; a record's copy ('with', the copy constructor) would share the parameter buffer with the original, so declare the network as a 'partial class'",
        "A record's copy constructor and 'with' expressions copy fields, so a copy would share the parameter buffer with the original and training one would change both. Until the network is a partial class, StaticNet generates a stand-in whose members throw.");

    public static readonly DiagnosticDescriptor SingleUnitSoftmaxOutput = Error(
        "SN0016",
        "Softmax and CrossEntropy need at least two output units",
        "'{0}' has {1} on an output layer of 1 unit; softmax over a single value is always 1, so the loss and every gradient are 0 and the network can never learn; give the output layer at least 2 units (one per class), or for two classes keep 1 unit and use Output = Activation.Sigmoid with Loss = Loss.BinaryCrossEntropy",
        "Softmax over a single value is exp(z)/exp(z) = 1 whatever z is, so a one-unit Softmax output is constant: cross-entropy is always 0 and every gradient is 0, and the network never learns. Two classes need either two Softmax units or one Sigmoid unit with binary cross-entropy; until then StaticNet generates a stand-in whose members throw.");

    /// <summary>The largest |LeakySlope| accepted: beyond it the negative side dominates and He initialisation degenerates.</summary>
    public const float MaxLeakySlope = 10f;

    public static readonly DiagnosticDescriptor MemberNameClash = Error(
        "SN0017",
        "Member name clashes with a generated member",
        "'{0}' has the same name as a member StaticNet generates into '{1}'; rename it (docs/network.md lists the generated members)",
        "StaticNet writes fields, constants and methods with fixed names (Forward, Parameters, Layer1Weights, InputSize, …) into the network's type; a member of yours with one of those names would make the generated file fail to compile with errors inside it. Nothing is generated until the member is renamed.");

    public static readonly DiagnosticDescriptor LeakySlopeOutOfRange = Error(
        "SN0018",
        "LeakySlope is outside the supported range",
        "LeakySlope on '{0}' is {1}; use a slope between -10 and 10, such as 0.01 (larger slopes overflow He initialisation and zero the weights)",
        "He initialisation divides by 1 + slope², which overflows for huge slopes and zeroes every weight of the layer; slopes beyond ±10 make the negative side dominate anyway. Until the slope is in range, StaticNet generates a stand-in whose members throw.");
    // SN0017 and SN0018 are used on another branch; the frozen-network diagnostics start at SN0019.

    public static readonly DiagnosticDescriptor WeightsFileNotFound = Error(
        "SN0019",
        "Weights file is not among the AdditionalFiles",
        "'{0}' compiles in the weights file '{1}', but no AdditionalFiles item is that file ({2}); add <AdditionalFiles Include=\"{1}\" /> to the project file",
        "A generator may read only the files the project hands to the compiler as AdditionalFiles, so the weights file of a frozen network must be listed as one. A relative path is resolved against the project directory; when no AdditionalFiles item is there, an item whose path ends with it (at a folder boundary) is used. Until the file is found, StaticNet generates a stand-in whose members throw.");

    public static readonly DiagnosticDescriptor WeightsFileAmbiguous = Error(
        "SN0020",
        "Weights path matches several AdditionalFiles",
        "The weights file '{1}' of '{0}' is not in the project directory and matches {2} AdditionalFiles items ({3}); write the path relative to the project directory so that it names one file",
        "A relative Weights path that is not in the project directory is matched against the ends of the AdditionalFiles paths; when several end with it, StaticNet cannot tell which one is meant and compiles none. Until the path names one file, StaticNet generates a stand-in whose members throw.");

    public static readonly DiagnosticDescriptor WeightsFileNotJson = Error(
        "SN0021",
        "Weights file is not valid JSON",
        "The weights file '{1}' of '{0}' is not valid JSON: {2} at line {3}, column {4}; write it with json.dump({{k: v.tolist() for k, v in model.state_dict().items()}}, f) or WeightsJson.Save",
        "A frozen network's weights file must be the JSON that json.dump writes for a PyTorch state dict (or WeightsJson.Save): one object whose keys are state-dict names and whose values are nested arrays of numbers. Until the file parses, StaticNet generates a stand-in whose members throw.");

    public static readonly DiagnosticDescriptor WeightsDoNotFit = Error(
        "SN0022",
        "Weights file does not fit the network",
        "The weights in '{1}' do not fit '{0}': {2}. {3}",
        "The file's weight/bias pairs, in the natural order of their prefixes (0, 2, 4 or fc1, fc2 …, as for WeightsJson.Load), must be the network's layers: layer l's weight has n[l] rows of n[l−1] numbers and its bias n[l] numbers, with nothing missing and nothing extra. Until they fit, StaticNet generates a stand-in whose members throw.");

    public static readonly DiagnosticDescriptor WeightValueInvalid = Error(
        "SN0023",
        "Weights file holds a value that is not a finite number",
        "The weights file '{1}' of '{0}' holds a value that cannot be a weight: {2} at line {3}, column {4}; every weight and bias must be a finite number",
        "Every value of a frozen network's weights file becomes a float literal in the generated code, so it must be a finite number within float's range: NaN, Infinity, strings, booleans and null are rejected. Until every value is one, StaticNet generates a stand-in whose members throw.");

    public static readonly DiagnosticDescriptor FrozenNetworkTooLarge = Error(
        "SN0024",
        "Network is too large to compile its weights in",
        "'{0}' has {1} parameters, more than the {2} StaticNet compiles into code; remove Weights from the attribute and load the weights at run time instead, with WeightsJson.Load(network, path)",
        "Every parameter of a frozen network becomes a float literal in the generated source, so the generated file, the compiler's time and the work of an IDE that re-reads the file on each edit all grow with the parameter count. Above the limit, a network's weights belong in a file that the program loads when it starts: remove Weights from the attribute, keep the JSON file next to the program and call WeightsJson.Load(network, path). Until Weights is removed or the network is smaller, StaticNet generates a stand-in whose members throw.");

    public static readonly DiagnosticDescriptor WeightsFileNotJsonNamed = Error(
        "SN0025",
        "Frozen weights must be a JSON file",
        "The weights file '{1}' of '{0}' is {2}, but StaticNet compiles weights in from JSON only; convert it once, in C# with WeightsJson.Save(network, \"{3}\") after loading it (SafeTensors.Load, Onnx.Load), or in Python with json.dump({{k: v.tolist() for k, v in model.state_dict().items()}}, f), then list '{3}' as AdditionalFiles and set Weights = \"{3}\"",
        "A frozen network's weights are read by the compiler, which hands a generator every AdditionalFiles item as text: a binary file such as .safetensors, .onnx or .pt cannot be read that way (the compiler would report CS2015). StaticNet therefore reads only a Weights path that ends in .json, the state dict written by WeightsJson.Save or by json.dump in Python, and does not open any other file. Until Weights names a .json file, StaticNet generates a stand-in whose members throw.");

    public static readonly DiagnosticDescriptor LanguageVersionTooOld = Error(
        "SN0026",
        "C# version is too old for StaticNet's generated code",
        "This project compiles C# {0}, and StaticNet's generated code needs C# {1} or later; set <LangVersion>{1}</LangVersion> (or later) in the project file",
        "The generated networks are written with nullable annotations and stackalloc expressions, which need C# 8; Unity's C# 9 and every later version compile them. Below C# 8 StaticNet generates nothing, so that this error, not errors inside generated files, says what to change.");

    public static readonly DiagnosticDescriptor DropoutRateOutOfRange = Error(
        "SN0027",
        "Dropout rate must be in [0, 1)",
        "{0} on '{1}' is {2}; a dropout rate is the probability that a hidden unit is dropped while training, so give a finite number from 0 (no dropout) up to but not including 1, e.g. 0.2",
        "Dropout drops each hidden unit with probability p while training and scales the kept ones by 1/(1 − p), so p must be finite, at least 0 and below 1 (p = 1 would drop every unit and divide by zero). Until every rate is in [0, 1), StaticNet generates a stand-in whose members throw.");

    public static readonly DiagnosticDescriptor DropoutsLengthMismatch = Error(
        "SN0028",
        "Dropouts must give one rate per hidden layer",
        "Dropouts on '{0}' has {1}, but the network has {2}; give exactly {3}, one per hidden layer (0 for none), or use Dropout for one rate on every hidden layer",
        "Dropouts gives every hidden layer (every layer between the input and the output) its own dropout rate, so it must have exactly one entry per hidden layer; the output layer never drops. Until it does, StaticNet generates a stand-in whose members throw.");

    public static readonly DiagnosticDescriptor HuberDeltaOutOfRange = Error(
        "SN0029",
        "HuberDelta must be finite and positive",
        "HuberDelta on '{0}' is {1}; give a finite number above 0, the error at which the Huber loss turns from quadratic to linear (PyTorch's HuberLoss(delta), default 1)",
        "The Huber loss is ½e² for |e| < δ and δ·(|e| − ½δ) beyond, so δ must be a finite positive number. Until it is, StaticNet generates a stand-in whose members throw.");

    public static readonly DiagnosticDescriptor DropoutWithoutHiddenLayer = Error(
        "SN0030",
        "Dropout needs a hidden layer",
        "'{0}' sets Dropout = {1} but has no hidden layer, and the output layer never drops; remove Dropout, or add a hidden layer, e.g. [Network({2}, 16, {3}, Dropout = {1}f)]",
        "Dropout applies to the outputs of hidden layers (the layers between the input and the output); the output layer never drops. A network of two layer sizes has no hidden layer, so a dropout rate on it would silently do nothing. Until Dropout is removed or a hidden layer is added, StaticNet generates a stand-in whose members throw.");

    public static readonly DiagnosticDescriptor HuberDeltaWithoutHuberLoss = Warning(
        "SN0035",
        "HuberDelta is ignored unless the loss is Huber",
        "'{0}' sets HuberDelta = {1}, but its loss is {2}, which has no delta and ignores it; remove HuberDelta, or set Loss = Loss.Huber if the Huber loss was meant",
        "HuberDelta is the δ of Loss.Huber (PyTorch's HuberLoss(delta)) and only that loss reads it; on any other loss the network is generated as if HuberDelta were not written. A HuberDelta there usually means the Huber loss was meant and Loss was left at its default (MeanSquaredError) or set to another loss.");

    /// <summary>The most parameters a frozen network may have (see <see cref="FrozenNetworkTooLarge"/> and the measurements in docs/frozen.md).</summary>
    public const int MaxFrozenParameterCount = 1 << 18;

    /// <summary>Where each ID is explained with a wrong and a right example; the anchor is the lower-case ID.</summary>
    public const string HelpDocument = "https://github.com/staticnet/staticnet/blob/main/docs/diagnostics.md";

    /// <summary>The help link of <paramref name="id"/>: its section of docs/diagnostics.md.</summary>
    public static string HelpLink(string id) => HelpDocument + "#" + id.ToLowerInvariant();

    private static DiagnosticDescriptor Error(string id, string title, string message, string description) =>
        new(id, title, message, Category, DiagnosticSeverity.Error, isEnabledByDefault: true, description: description, helpLinkUri: HelpLink(id));

    /// <summary>A setting that does nothing: the network is still generated, as if the setting were not written.</summary>
    private static DiagnosticDescriptor Warning(string id, string title, string message, string description) =>
        new(id, title, message, Category, DiagnosticSeverity.Warning, isEnabledByDefault: true, description: description, helpLinkUri: HelpLink(id));
}
