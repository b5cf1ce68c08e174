using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using StaticNet.Generator.Diagnostics;
using Xunit;

namespace StaticNet.Generator.Tests;

/// <summary>
/// Every SN diagnostic: its ID, severity, where it points (so the IDE squiggles the right text), that its message
/// carries the numbers the user needs, and that the broken network is not generated (at most its shell is).
/// </summary>
public sealed class DiagnosticTests
{
    /// <summary>
    /// (expected ID, the body of a file after <c>using StaticNet;</c>, the exact text the diagnostic points at,
    /// fragments its message must contain). Type-shape errors point at the identifier, attribute errors at the attribute.
    /// </summary>
    public static TheoryData<string, string, string, string[]> Cases => new()
    {
        { "SN0001", "[Network(4, 3)] public class Plain { }", "Plain", new[] { "'Plain'", "partial" } },
        { "SN0002", "public class Outer { [Network(4, 3)] public partial class Net { } }", "Outer", new[] { "'Outer' contains the network 'Net'" } },
        { "SN0002", "public partial class Outer { public class Middle { [Network(4, 3)] public partial class Net { } } }", "Middle", new[] { "'Middle'", "'Net'" } },
        { "SN0003", "[Network(4, 3)] public partial class Generic<T> { }", "Generic", new[] { "'Generic'", "generic" } },
        { "SN0003", "public partial class Box<T> { [Network(4, 3)] public partial class Net { } }", "Net", new[] { "'Net'", "nested in a generic type" } },
        { "SN0004", "[Network(4, 3)] public static partial class Fixed { }", "Fixed", new[] { "'Fixed' is static" } },
        { "SN0005", "[Network(4)] public partial class Net { }", "Network(4)", new[] { "lists 1 layer size(s)" } },
        { "SN0005", "[Network] public partial class Net { }", "Network", new[] { "lists 0 layer size(s)" } },
        { "SN0006", "[Network(4, 0, 3)] public partial class Net { }", "Network(4, 0, 3)", new[] { "Layer size 2 of 'Net' is 0" } },
        { "SN0007", "[Network(4, 2000000, 3)] public partial class Net { }", "Network(4, 2000000, 3)", new[] { "layer size 2 is 2,000,000 units", "1,048,576" } },
        { "SN0007", "[Network(5000, 5000, 1)] public partial class Net { }", "Network(5000, 5000, 1)", new[] { "25,010,001 parameters", "16,777,216" } },
        { "SN0008", "[Network(4, 5, 3, Activations = new[] { Activation.ReLU, Activation.ReLU, Activation.Softmax })] public partial class Net { }",
            "Network(4, 5, 3, Activations = new[] { Activation.ReLU, Activation.ReLU, Activation.Softmax })", new[] { "has 3 entries", "has 2 layers after the input", "exactly 2, one per layer" } },
        { "SN0009", "[Network(4, 5, 3, Hidden = Activation.Softmax, Output = Activation.Softmax)] public partial class Net { }",
            "Network(4, 5, 3, Hidden = Activation.Softmax, Output = Activation.Softmax)", new[] { "Layer 1 of 'Net'", "Softmax" } },
        { "SN0010", "[Network(4, 5, 3, Loss = Loss.CrossEntropy)] public partial class Net { }",
            "Network(4, 5, 3, Loss = Loss.CrossEntropy)", new[] { "Loss.CrossEntropy", "output activation is Sigmoid" } },
        { "SN0011", "[Network(4, 5, 3, Output = Activation.Softmax, Loss = Loss.BinaryCrossEntropy)] public partial class Net { }",
            "Network(4, 5, 3, Output = Activation.Softmax, Loss = Loss.BinaryCrossEntropy)", new[] { "Loss.BinaryCrossEntropy", "output activation is Softmax" } },
        { "SN0012", "[Network(4, 5, 3, Hidden = (Activation)42)] public partial class Net { }",
            "Network(4, 5, 3, Hidden = (Activation)42)", new[] { "Hidden on 'Net' is 42", "Activation.Softmax" } },
        { "SN0012", "[Network(4, 5, 3, Activations = new[] { Activation.ReLU, (Activation)42 })] public partial class Net { }",
            "Network(4, 5, 3, Activations = new[] { Activation.ReLU, (Activation)42 })", new[] { "Activations[1] on 'Net' is 42" } },
        { "SN0012", "[Network(4, 5, 3, Loss = (Loss)7)] public partial class Net { }",
            "Network(4, 5, 3, Loss = (Loss)7)", new[] { "Loss on 'Net' is 7", "Loss.BinaryCrossEntropy" } },
        { "SN0013", "[Network(4, 5, 3, LeakySlope = float.NaN)] public partial class Net { }",
            "Network(4, 5, 3, LeakySlope = float.NaN)", new[] { "LeakySlope on 'Net' is NaN" } },
        { "SN0013", "[Network(4, 5, 3, LeakySlope = float.PositiveInfinity)] public partial class Net { }",
            "Network(4, 5, 3, LeakySlope = float.PositiveInfinity)", new[] { "LeakySlope on 'Net' is Infinity" } },
        { "SN0014", "[Network(2, 1)] file partial class Local { }", "Local", new[] { "'Local' is a file-local type", "remove the 'file' modifier" } },
        { "SN0015", "[Network(2, 1)] public partial record Rec(int Epochs);", "Rec", new[] { "'Rec' is a record", "share the parameter buffer" } },
        { "SN0016", "[Network(4, 8, 1, Output = Activation.Softmax, Loss = Loss.CrossEntropy)] public partial class Net { }",
            "Network(4, 8, 1, Output = Activation.Softmax, Loss = Loss.CrossEntropy)",
            new[] { "'Net' has Output = Activation.Softmax and Loss = Loss.CrossEntropy on an output layer of 1 unit", "at least 2 units", "Output = Activation.Sigmoid with Loss = Loss.BinaryCrossEntropy" } },
        { "SN0016", "[Network(4, 8, 1, Hidden = Activation.ReLU, Output = Activation.Softmax)] public partial class Net { }",
            "Network(4, 8, 1, Hidden = Activation.ReLU, Output = Activation.Softmax)", new[] { "'Net' has Output = Activation.Softmax on an output layer of 1 unit" } },
        { "SN0016", "[Network(4, 8, 1, Activations = new[] { Activation.ReLU, Activation.Softmax }, Loss = Loss.CrossEntropy)] public partial class Net { }",
            "Network(4, 8, 1, Activations = new[] { Activation.ReLU, Activation.Softmax }, Loss = Loss.CrossEntropy)",
            new[] { "'Net' has Activations ending in Activation.Softmax and Loss = Loss.CrossEntropy on an output layer of 1 unit" } },
        { "SN0016", "[Network(4, 8, 1, Loss = Loss.CrossEntropy)] public partial class Net { }",
            "Network(4, 8, 1, Loss = Loss.CrossEntropy)", new[] { "'Net' has Loss = Loss.CrossEntropy on an output layer of 1 unit" } },
        { "SN0016", "[Network(3, 1, Output = Activation.Identity, Loss = Loss.CrossEntropy)] public partial class Net { }",
            "Network(3, 1, Output = Activation.Identity, Loss = Loss.CrossEntropy)", new[] { "'Net' has Loss = Loss.CrossEntropy on an output layer of 1 unit" } },
        { "SN0016", "[Network(3, 1, Output = Activation.Softmax, Loss = Loss.BinaryCrossEntropy)] public partial class Net { }",
            "Network(3, 1, Output = Activation.Softmax, Loss = Loss.BinaryCrossEntropy)", new[] { "'Net' has Output = Activation.Softmax on an output layer of 1 unit" } },
        { "SN0017", "[Network(4, 3)] public partial class Net { public void Forward() { } }", "Forward", new[] { "'Forward' has the same name as a member StaticNet generates into 'Net'; rename it" } },
        { "SN0017", "[Network(4, 3)] public partial class Net { public int Parameters => 0; }", "Parameters", new[] { "'Parameters'" } },
        { "SN0017", "[Network(4, 3)] public partial class Net { public const int InputSize = 4; }", "InputSize", new[] { "'InputSize'" } },
        { "SN0017", "[Network(4, 3)] public partial class Net { public sealed class BatchWorkspace { } }", "BatchWorkspace", new[] { "'BatchWorkspace'" } },
        { "SN0017", "[Network(4, 5, 3)] public partial class Net { public float Layer2Biases = 0f; }", "Layer2Biases", new[] { "'Layer2Biases'" } },
        { "SN0017", "[Network(4, 3)] public partial class Forward { }", "Forward", new[] { "'Forward' has the same name as a member StaticNet generates into 'Forward'" } },
        { "SN0018", "[Network(4, 5, 3, LeakySlope = 3e38f)] public partial class Net { }",
            "Network(4, 5, 3, LeakySlope = 3e38f)", new[] { "LeakySlope on 'Net' is 3E+38", "between -10 and 10" } },
        { "SN0018", "[Network(4, 5, 3, LeakySlope = -10.5f)] public partial class Net { }",
            "Network(4, 5, 3, LeakySlope = -10.5f)", new[] { "LeakySlope on 'Net' is -10.5" } },
        { "SN0027", "[Network(4, 5, 3, Dropout = 1f)] public partial class Net { }",
            "Network(4, 5, 3, Dropout = 1f)", new[] { "Dropout on 'Net' is 1", "up to but not including 1" } },
        { "SN0027", "[Network(4, 5, 3, Dropout = float.NaN)] public partial class Net { }",
            "Network(4, 5, 3, Dropout = float.NaN)", new[] { "Dropout on 'Net' is NaN" } },
        { "SN0027", "[Network(4, 5, 5, 3, Dropouts = new[] { 0.2f, -0.1f })] public partial class Net { }",
            "Network(4, 5, 5, 3, Dropouts = new[] { 0.2f, -0.1f })", new[] { "Dropouts[1] on 'Net' is -0.1" } },
        { "SN0028", "[Network(4, 5, 5, 3, Dropouts = new[] { 0.2f, 0.2f, 0.2f })] public partial class Net { }",
            "Network(4, 5, 5, 3, Dropouts = new[] { 0.2f, 0.2f, 0.2f })", new[] { "has 3 entries", "the network has 2 hidden layers", "exactly 2, one per hidden layer" } },
        { "SN0029", "[Network(4, 5, 3, Loss = Loss.Huber, HuberDelta = 0f)] public partial class Net { }",
            "Network(4, 5, 3, Loss = Loss.Huber, HuberDelta = 0f)", new[] { "HuberDelta on 'Net' is 0", "finite number above 0" } },
        { "SN0029", "[Network(4, 5, 3, Loss = Loss.Huber, HuberDelta = float.PositiveInfinity)] public partial class Net { }",
            "Network(4, 5, 3, Loss = Loss.Huber, HuberDelta = float.PositiveInfinity)", new[] { "HuberDelta on 'Net' is Infinity" } },
        { "SN0030", "[Network(4, 3, Dropout = 0.2f)] public partial class Net { }",
            "Network(4, 3, Dropout = 0.2f)", new[] { "'Net' sets Dropout = 0.2 but has no hidden layer", "[Network(4, 16, 3, Dropout = 0.2f)]" } },
    };

    /// <summary>
    /// The weights-file diagnostics: (expected ID, the attribute's arguments after the sizes, the file w.json in the
    /// project directory or null for none, fragments the message must contain). They point at the Weights path.
    /// </summary>
    public static TheoryData<string, string, string?, string[]> FrozenCases => new()
    {
        { "SN0019", "Weights = \"w.json\"", null, new[] { "'Net' compiles in the weights file 'w.json'", "looked for /proj/w.json", "<AdditionalFiles Include=\"w.json\" />" } },
        { "SN0021", "Weights = \"w.json\"", "{\"0.weight\": [[1, 2]],\n \"0.bias\": [1,]}", new[] { "'w.json' of 'Net' is not valid JSON", "at line 2, column 15" } },
        { "SN0022", "Weights = \"w.json\"", "{\"0.weight\": [[1, 2]], \"0.bias\": [1]}", new[] { "do not fit 'Net'", "layer 1 weight: file has [1,2], network expects [3,2]", "layer 1 bias: file has [1], network expects [3]" } },
        { "SN0022", "Weights = \"w.json\"", "{\"0.weight\": [[1, 2], [3, 4], [5, 6]]}", new[] { "has no '0.bias' beside it" } },
        { "SN0022", "Weights = \"w.json\"", "{\"0.weight\": [[1, 2], [3, 4], [5, 6]], \"0.bias\": [1, 2, 3], \"2.weight\": [[1, 2, 3]], \"2.bias\": [0]}", new[] { "the file holds 2 weight/bias pairs, the network has 1 layers", "unexpected tensor '2.weight'" } },
        { "SN0022", "Weights = \"w.json\"", "[1, 2]", new[] { "the file is an array, not an object of tensors" } },
        { "SN0023", "Weights = \"w.json\"", "{\"0.weight\": [[1, 2], [3, NaN], [5, 6]], \"0.bias\": [1, 2, 3]}", new[] { "holds NaN; weights must be finite at line 1, column 27", "finite number" } },
        { "SN0023", "Weights = \"w.json\"", "{\"0.weight\": [[1, 2], [3, 4], [5, 6]], \"0.bias\": [1, \"2\", 3]}", new[] { "tensor '0.bias' holds a string where a number was expected at line 1, column 54" } },
        { "SN0023", "Weights = \"w.json\"", "{\"0.weight\": [[1, 2], [3, 4], [5, 6]], \"0.bias\": [1, 1e39, 3]}", new[] { "beyond the largest float" } },
    };

    /// <summary>
    /// The shape errors after which nothing can be generated into the type without errors of its own (see
    /// <see cref="ShellTests"/>); every other error gets a shell instead of the network.
    /// </summary>
    public static readonly string[] IdsWithoutShell = { "SN0001", "SN0002", "SN0003", "SN0014", "SN0017" };

    [Theory]
    [MemberData(nameof(Cases))]
    public void InvalidNetwork_ReportsOneErrorAtTheRightPlaceAndGeneratesNoNetwork(string id, string body, string locatedText, string[] messageFragments)
    {
        GeneratorRun run = GeneratorHarness.Run("using StaticNet;\n\nnamespace Demo;\n\n" + body + "\n");

        Diagnostic diagnostic = Assert.Single(run.GeneratorDiagnostics);
        Assert.Equal(id, diagnostic.Id);
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        Assert.Equal(locatedText, run.LocatedText(diagnostic));
        string message = diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture);
        Assert.All(messageFragments, fragment => Assert.Contains(fragment, message));
        if (IdsWithoutShell.Contains(id))
        {
            Assert.Empty(run.Sources);
        }
        else
        {
            Assert.Contains("This is a shell, not a network", Assert.Single(run.Sources).Text);
        }

        // The user's own code is valid C#: our error must be the only one, not followed by errors in generated code.
        Assert.Empty(run.CompilationErrors);
    }

    [Theory]
    [MemberData(nameof(FrozenCases))]
    public void InvalidWeightsFile_ReportsOneErrorAtThePathAndGeneratesTheFrozenShell(string id, string arguments, string? file, string[] messageFragments)
    {
        // The user's code calls the frozen members: with the shell, the SN error stays the only error.
        string source = "using StaticNet;\n\nnamespace Demo;\n\n[Network(2, 3, " + arguments + ")] public partial class Net { }\n" +
                        "public static class Use { public static float First(float[] x, float[] y) { Net.Predict(x, y); Net.PredictBatch(x, y); return Net.TrainedParameters[0]; } }\n";
        GeneratorRun run = file is null ? FrozenHarness.Run(source) : FrozenHarness.Run(source, ("w.json", file));

        Diagnostic diagnostic = Assert.Single(run.GeneratorDiagnostics);
        Assert.Equal(id, diagnostic.Id);
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        Assert.Equal("\"w.json\"", run.LocatedText(diagnostic));
        string message = diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture);
        Assert.All(messageFragments, fragment => Assert.Contains(fragment, message));
        Assert.Contains("This is a shell, not a network", Assert.Single(run.Sources).Text);
        Assert.Empty(run.CompilationErrors);
    }

    [Fact]
    public void FrozenNetworkTooLarge_IsReportedBeforeTheFileIsLookedFor()
    {
        GeneratorRun run = GeneratorHarness.Run("using StaticNet;\n\n[Network(784, 512, 10, Weights = \"big.json\")] public partial class Net { }\n");

        Diagnostic diagnostic = Assert.Single(run.GeneratorDiagnostics);
        Assert.Equal("SN0024", diagnostic.Id);
        Assert.Equal("\"big.json\"", run.LocatedText(diagnostic));
        Assert.Equal(
            "'Net' has 407,050 parameters, more than the 262,144 StaticNet compiles into code; remove Weights from the attribute and load the weights at run time instead, with WeightsJson.Load(network, path)",
            diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Empty(run.CompilationErrors);
    }

    [Theory]
    [InlineData("Models/price.safetensors", "is a .safetensors file", "Models/price.json")]
    [InlineData("model.onnx", "is a .onnx file", "model.json")]
    [InlineData("Models/weights", "is a file without the .json extension", "Models/weights.json")]
    public void WeightsFileThatIsNotJson_ReportsOneErrorSayingHowToConvert_AndIsNeverRead(string path, string kind, string converted)
    {
        // Listed as AdditionalFiles, so it is found; the compiler would report CS2015 for a binary file read as text,
        // so the generator must not ask for its text at all.
        var file = new CountingAdditionalText(FrozenHarness.ProjectDirectory + path);
        string source = $"using StaticNet;\n\n[Network(2, 3, Weights = \"{path}\")] public partial class Net {{ }}\n" +
                        "public static class Use { public static void Run(float[] x, float[] y) => Net.Predict(x, y); }\n";
        GeneratorRun run = GeneratorHarness.Run(FrozenHarness.CreateDriver(new AdditionalText[] { file }), GeneratorHarness.CreateCompilation(source));

        Diagnostic diagnostic = Assert.Single(run.GeneratorDiagnostics);
        Assert.Equal("SN0025", diagnostic.Id);
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        Assert.Equal($"\"{path}\"", run.LocatedText(diagnostic));
        string message = diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture);
        Assert.Contains($"The weights file '{path}' of 'Net' {kind}, but StaticNet compiles weights in from JSON only", message);
        Assert.Contains($"WeightsJson.Save(network, \"{converted}\")", message);
        Assert.Contains("json.dump({k: v.tolist() for k, v in model.state_dict().items()}, f)", message);
        Assert.Contains($"set Weights = \"{converted}\"", message);
        Assert.Equal(0, file.Reads);
        Assert.Contains("This is a shell, not a network", Assert.Single(run.Sources).Text);
        Assert.Empty(run.CompilationErrors);
    }

    [Fact]
    public void WeightsFileThatIsNotJson_IsReportedEvenWhenNotListed_SoTheFirstErrorIsTheRealOne()
    {
        // Listing it would only lead to SN0025 next: say so now instead of SN0019.
        GeneratorRun run = FrozenHarness.Run("using StaticNet;\n\n[Network(2, 3, Weights = \"price.safetensors\")] public partial class Net { }\n");

        Assert.Equal("SN0025", Assert.Single(run.GeneratorDiagnostics).Id);
    }

    [Theory]
    [InlineData("")]
    [InlineData("Models/")]
    public void WeightsPathWithoutAFileName_IsNotFound_RatherThanNotJson(string path)
    {
        GeneratorRun run = FrozenHarness.Run($"using StaticNet;\n\n[Network(2, 3, Weights = \"{path}\")] public partial class Net {{ }}\n");

        Assert.Equal("SN0019", Assert.Single(run.GeneratorDiagnostics).Id);
        Assert.Empty(run.CompilationErrors);
    }

    [Theory]
    [InlineData("w.JSON")]
    [InlineData("Models/v1.2/w.json")]
    public void JsonPath_IsReadWhateverTheCaseOfItsExtension_OrTheDotsOfItsFolders(string path)
    {
        GeneratorRun run = FrozenHarness.Run(
            $"using StaticNet;\n\n[Network(2, 1, Weights = \"{path}\")] public partial class Net {{ }}\n",
            (path, "{\"0.weight\": [[1, 2]], \"0.bias\": [0.5]}"));

        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Contains("TrainedParameters", Assert.Single(run.Sources).Text);
        Assert.Empty(run.CompilationErrors);
    }

    /// <summary>An AdditionalFiles item that counts how often its text is asked for (the compiler reads the file then).</summary>
    private sealed class CountingAdditionalText(string path) : AdditionalText
    {
        public int Reads { get; private set; }

        public override string Path { get; } = path;

        public override Microsoft.CodeAnalysis.Text.SourceText GetText(System.Threading.CancellationToken cancellationToken = default)
        {
            Reads++;
            return Microsoft.CodeAnalysis.Text.SourceText.From("\0\0binary");
        }
    }

    [Fact]
    public void AmbiguousWeightsPath_ListsEveryMatch()
    {
        // Neither file is at /proj/w.json, and both end with /w.json: StaticNet cannot tell which one is meant.
        GeneratorRun run = GeneratorHarness.Run(
            FrozenHarness.CreateDriver(new AdditionalText[] { new InMemoryAdditionalText("/proj/a/w.json", "{}"), new InMemoryAdditionalText("/proj/b/w.json", "{}") }),
            GeneratorHarness.CreateCompilation("using StaticNet;\n\n[Network(2, 3, Weights = \"w.json\")] public partial class Net { }\n"));

        Diagnostic diagnostic = Assert.Single(run.GeneratorDiagnostics);
        Assert.Equal("SN0020", diagnostic.Id);
        Assert.Contains("matches 2 AdditionalFiles items (/proj/a/w.json, /proj/b/w.json)", diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Empty(run.CompilationErrors);
    }

    [Fact]
    public void Cases_CoverEveryDescriptorInTheCatalogue()
    {
        IEnumerable<string> catalogue = typeof(DiagnosticDescriptors)
            .GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(field => field.FieldType == typeof(DiagnosticDescriptor))
            .Select(field => ((DiagnosticDescriptor)field.GetValue(null)!).Id);
        // SN0020 (ambiguous path), SN0024 (too large), SN0025 (not JSON) and the warning SN0035 (HuberDelta without
        // Huber) have their own tests above and below, SN0026 (C# too old) in CompilationCapabilitiesTests.
        IEnumerable<string> tested = Cases.Select(row => (string)row[0]).Concat(FrozenCases.Select(row => (string)row[0])).Concat(new[] { "SN0020", "SN0024", "SN0025", "SN0026", "SN0035" });

        // SN0031–SN0034 are not assigned (docs/diagnostics.md says so; none is reused).
        Assert.Equal(
            Enumerable.Range(1, 30).Append(35).Select(n => $"SN{n:0000}"),
            catalogue.OrderBy(id => id));
        Assert.Equal(catalogue.OrderBy(id => id), tested.Distinct().OrderBy(id => id));
    }

    /// <summary>(the attribute, the argument SN0035 points at, the loss its message names.)</summary>
    public static TheoryData<string, string, string> IgnoredHuberDeltaCases => new()
    {
        { "[Network(5, 16, 1, Hidden = Activation.ReLU, Output = Activation.Identity, HuberDelta = 0.5f)]", "HuberDelta = 0.5f", "'Net' sets HuberDelta = 0.5, but its loss is Loss.MeanSquaredError" },
        { "[Network(4, 5, 3, Output = Activation.Softmax, Loss = Loss.CrossEntropy, HuberDelta = 1f)]", "HuberDelta = 1f", "'Net' sets HuberDelta = 1, but its loss is Loss.CrossEntropy" },
        { "[Network(4, 5, 3, HuberDelta = 2f, Output = Activation.Identity, Loss = Loss.MeanAbsoluteError)]", "HuberDelta = 2f", "its loss is Loss.MeanAbsoluteError" },
    };

    [Theory]
    [MemberData(nameof(IgnoredHuberDeltaCases))]
    public void HuberDeltaWithoutHuberLoss_WarnsAtTheArgument_AndGeneratesTheNetworkAsWithoutIt(string attribute, string locatedText, string messageFragment)
    {
        const string Prefix = "using StaticNet;\n\nnamespace Demo;\n\n";
        GeneratorRun run = GeneratorHarness.Run(Prefix + attribute + " public partial class Net { }\n");

        Diagnostic diagnostic = Assert.Single(run.GeneratorDiagnostics);
        Assert.Equal("SN0035", diagnostic.Id);
        Assert.Equal(DiagnosticSeverity.Warning, diagnostic.Severity);
        Assert.Equal(locatedText, run.LocatedText(diagnostic));
        string message = diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture);
        Assert.Contains(messageFragment, message);
        Assert.Contains("remove HuberDelta, or set Loss = Loss.Huber", message);
        Assert.Empty(run.CompilationErrors);

        // The network is generated, and is the network without the ignored setting, character for character.
        string without = attribute.Replace(", " + locatedText, string.Empty).Replace(locatedText + ", ", string.Empty);
        GeneratorRun plain = GeneratorHarness.Run(Prefix + without + " public partial class Net { }\n");
        Assert.Empty(plain.GeneratorDiagnostics);
        Assert.Equal(Assert.Single(plain.Sources).Text, Assert.Single(run.Sources).Text);
        Assert.DoesNotContain("This is a shell", Assert.Single(run.Sources).Text);
    }

    [Fact]
    public void HuberDeltaWithoutHuberLoss_OnAFrozenNetwork_WarnsAndCompilesTheWeightsIn()
    {
        GeneratorRun run = FrozenHarness.Run(
            "using StaticNet;\n\n[Network(2, 1, Output = Activation.Identity, HuberDelta = 0.5f, Weights = \"w.json\")] public partial class Net { }\n",
            ("w.json", "{\"0.weight\": [[1, 2]], \"0.bias\": [0.5]}"));

        Diagnostic diagnostic = Assert.Single(run.GeneratorDiagnostics);
        Assert.Equal("SN0035", diagnostic.Id);
        Assert.Equal("HuberDelta = 0.5f", run.LocatedText(diagnostic));
        Assert.Contains("TrainedParameters", Assert.Single(run.Sources).Text);
        Assert.Empty(run.CompilationErrors);
    }

    [Theory]
    [InlineData("[Network(4, 5, 3, Output = Activation.Identity, Loss = Loss.Huber, HuberDelta = 0.5f)]")]
    [InlineData("[Network(4, 5, 3, Output = Activation.Identity, Loss = Loss.Huber, HuberDelta = 1f)]")]
    [InlineData("[Network(4, 5, 3, Output = Activation.Identity, Loss = Loss.MeanAbsoluteError)]")]
    public void HuberDeltaOnTheHuberLoss_OrNoHuberDelta_WarnsNothing(string attribute)
    {
        GeneratorRun run = GeneratorHarness.Run($"using StaticNet;\n\n{attribute}\npublic partial class Net {{ }}\n");

        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Empty(run.CompilationErrors);
    }

    [Fact]
    public void ActivationsLengthMismatch_MessageIsExact()
    {
        GeneratorRun run = GeneratorHarness.Run("""
            using StaticNet;

            [Network(4, 5, 3, Activations = new[] { Activation.ReLU, Activation.ReLU, Activation.Softmax })]
            public partial class Net { }
            """);

        Assert.Equal(
            "Activations on 'Net' has 3 entries, but the network has 2 layers after the input; give exactly 2, one per layer",
            Assert.Single(run.GeneratorDiagnostics).GetMessage(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void SingleUnitSoftmaxOutput_MessageIsExact()
    {
        // The trap of issue 9: this compiled, and its loss and gradient were always 0.
        GeneratorRun run = GeneratorHarness.Run("""
            using StaticNet;

            [Network(4, 8, 1, Output = Activation.Softmax, Loss = Loss.CrossEntropy)]
            public partial class Net { }
            """);

        Assert.Equal(
            "'Net' has Output = Activation.Softmax and Loss = Loss.CrossEntropy on an output layer of 1 unit; softmax over a single value " +
            "is always 1, so the loss and every gradient are 0 and the network can never learn; give the output layer at least 2 units " +
            "(one per class), or for two classes keep 1 unit and use Output = Activation.Sigmoid with Loss = Loss.BinaryCrossEntropy",
            Assert.Single(run.GeneratorDiagnostics).GetMessage(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData("[Network(4, 8, 2, Output = Activation.Softmax, Loss = Loss.CrossEntropy)]")]
    [InlineData("[Network(4, 8, 1, Output = Activation.Sigmoid, Loss = Loss.BinaryCrossEntropy)]")]
    [InlineData("[Network(4, 8, 1, Output = Activation.Identity)]")]
    [InlineData("[Network(4, 1, 3, Hidden = Activation.ReLU, Output = Activation.Softmax, Loss = Loss.CrossEntropy)]")]
    public void OneUnitOutputsThatCanLearn_AndTwoUnitSoftmax_AreAccepted(string attribute)
    {
        // The fixes SN0016 suggests, and a one-unit hidden layer under a softmax output, must all compile cleanly.
        GeneratorRun run = GeneratorHarness.Run($"using StaticNet;\n\n{attribute}\npublic partial class Net {{ }}\n");

        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Equal(new[] { "Net.g.cs" }, run.HintNames);
        Assert.Empty(run.CompilationErrors);
    }

    [Fact]
    public void SeveralProblems_AreAllReported()
    {
        // Fixing one error only to meet the next is slow; every independent problem is reported at once.
        GeneratorRun run = GeneratorHarness.Run("""
            using StaticNet;

            [Network(4, 0, -2, LeakySlope = float.NaN)]
            public class Net { }
            """);

        Assert.Equal(
            new[] { "SN0001", "SN0006", "SN0006", "SN0013" },
            run.GeneratorDiagnostics.Select(diagnostic => diagnostic.Id).OrderBy(id => id));
        Assert.Empty(run.Sources); // not partial: no shell either
    }

    [Fact]
    public void DiagnosticLocation_HasTheLineAndColumnOfTheAttribute()
    {
        GeneratorRun run = GeneratorHarness.Run("using StaticNet;\n\nnamespace Demo;\n\n[Network(4)]\npublic partial class Net { }\n");

        FileLinePositionSpan span = Assert.Single(run.GeneratorDiagnostics).Location.GetLineSpan();
        Assert.Equal(GeneratorHarness.SourcePath(0), span.Path);
        Assert.Equal(new LinePosition(4, 1), span.StartLinePosition);
        Assert.Equal(new LinePosition(4, 11), span.EndLinePosition);
    }
}
