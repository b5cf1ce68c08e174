using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Xunit;

namespace StaticNet.Generator.Tests;

/// <summary>
/// A network with SN errors gets a shell: its public API with members that throw. The point is that a user who
/// declares a bad network and uses it sees exactly one error, the SN one, instead of it followed by CS0117
/// "'Net' does not contain a definition for 'ParameterCount'" at every use.
/// </summary>
public sealed class ShellTests
{
    private const string Usings = "using System;\nusing System.IO;\nusing StaticNet;\n\nnamespace Demo;\n\n";

    /// <summary>Code that uses every part of a network's API, the way a program and its training loop would.</summary>
    private const string Usage = """
        public static class Program
        {
            public static float Run()
            {
                var net = new Net(seed: 1);
                var plain = new Net();
                float[] input = new float[Net.InputSize];
                Span<float> output = stackalloc float[Net.OutputSize];
                float[] gradient = new float[Net.ParameterCount];
                net.Forward(input, output);
                float loss = net.Backward(input, output, gradient) + net.Backward(input, output, gradient, input);
                net.Backpropagate(input, output, gradient, default);
                loss += net.ComputeLoss(output, output) + ((INetwork)plain).Loss(output, output);
                net.ForwardBatch(input, output);
                net.ForwardBatch(input, output, new Net.BatchWorkspace());
                loss += net.BackwardBatch(input, output, gradient) + net.BackwardBatch(input, output, gradient, new Net.BatchWorkspace());
                net.Initialize(seed: 2);
                net.Parameters.Clear();
                int sizes = Net.LayerCount + Net.BatchBlockSize + Net.LayerSizes.Length + ((IBatchNetwork)net).ParameterCount;
                var trainer = new Trainer(net, new Sgd(0.1f), new TrainerOptions { Epochs = 1 });
                SafeTensors.Save(net, new MemoryStream());
                return loss + sizes + LayerMembers(net) + (trainer is null ? 0 : 1);
            }

            private static int LayerMembers(Net net) => LAYERS;
        }
        """;

    /// <summary>Every attribute-value diagnostic (those that point at the attribute) of <see cref="DiagnosticTests.Cases"/>.</summary>
    public static TheoryData<string, string> AttributeCases
    {
        get
        {
            var cases = new TheoryData<string, string>();
            foreach (object[] row in DiagnosticTests.Cases)
            {
                string id = (string)row[0], body = (string)row[1], located = (string)row[2];
                if (located.StartsWith("Network", StringComparison.Ordinal))
                {
                    cases.Add(id, body);
                }
            }

            return cases;
        }
    }

    [Theory]
    [MemberData(nameof(AttributeCases))]
    public void BadAttribute_AndCodeUsingTheNetwork_CompileWithExactlyTheSNError(string id, string body)
    {
        // A network with fewer than two layer sizes has no layers, so no Layer1… members to use.
        string layers = id == "SN0005" ? "0" : "net.Layer1Weights.Length + net.Layer1Biases.Length + Net.Layer1Size + Net.Layer1WeightsOffset + Net.Layer1WeightsLength + Net.Layer1BiasesOffset";
        // One user file that declares the bad network and uses it.
        GeneratorRun run = GeneratorHarness.Run(Usings + body + "\n\n" + Usage.Replace("LAYERS", layers));

        Assert.Equal(new[] { id }, AllErrors(run).Select(diagnostic => diagnostic.Id));
        Assert.True(!run.GeneratedCodeDiagnostics.Any(), GeneratorRun.Describe(run.GeneratedCodeDiagnostics));
    }

    [Fact]
    public void SeveralAttributeErrors_AreTheOnlyErrors()
    {
        GeneratorRun run = GeneratorHarness.Run(
            "using StaticNet;\n\nnamespace Demo;\n\n[Network(4, 0, -2, LeakySlope = float.NaN)]\npublic partial class Net { }\n",
            Usings + Usage.Replace("LAYERS", "Net.Layer2Size"));

        Assert.Equal(new[] { "SN0006", "SN0006", "SN0013" }, AllErrors(run).Select(diagnostic => diagnostic.Id).OrderBy(id => id));
    }

    [Fact]
    public void UserConstructors_AreNotDeclaredTwice()
    {
        GeneratorRun run = GeneratorHarness.Run(
            "using StaticNet;\n\nnamespace Demo;\n\n[Network(4, 0)]\npublic partial class Net { public Net() { } public Net(int seed) { } }\n",
            Usings + Usage.Replace("LAYERS", "0"));

        Assert.Equal(new[] { "SN0006" }, AllErrors(run).Select(diagnostic => diagnostic.Id));
        Assert.DoesNotContain("public Net(", run.Source("Demo.Net.g.cs"));
    }

    [Fact]
    public void StaticType_GetsTheConstantsOnly()
    {
        // A static class can neither hold the instance members nor implement the interface; its constants still serve
        // code such as new float[Fixed.ParameterCount], so that is the one error left.
        GeneratorRun run = GeneratorHarness.Run(
            "using StaticNet;\n\nnamespace Demo;\n\n[Network(4, 5, 3)]\npublic static partial class Fixed { }\n",
            "namespace Demo;\n\npublic static class Use { public static float[] Buffer() => new float[Fixed.ParameterCount + Fixed.Layer2Size + Fixed.LayerSizes.Length]; }\n");

        Assert.Equal(new[] { "SN0004" }, AllErrors(run).Select(diagnostic => diagnostic.Id));
        string shell = run.Source("Demo.Fixed.g.cs");
        Assert.Contains("public const int ParameterCount = 43;", shell);
        Assert.DoesNotContain("IBatchNetwork", shell);
        Assert.DoesNotContain("Forward", shell);
    }

    [Fact]
    public void RecordType_GetsTheWholeShell()
    {
        GeneratorRun run = GeneratorHarness.Run(
            "using StaticNet;\n\nnamespace Demo;\n\n[Network(2, 1)]\npublic partial record Rec(int Epochs);\n",
            "namespace Demo;\n\npublic static class Use { public static void Run(float[] x, float[] y) { var rec = new Rec(3); rec.Forward(x, y); _ = Rec.ParameterCount + rec.Epochs; } }\n");

        Assert.Equal(new[] { "SN0015" }, AllErrors(run).Select(diagnostic => diagnostic.Id));
        Assert.Contains("partial record Rec : global::StaticNet.IParallelBatchNetwork", run.Source("Demo.Rec.g.cs"));
        Assert.DoesNotContain("public Rec(", run.Source("Demo.Rec.g.cs")); // the primary constructor rules them out
    }

    [Theory]
    [InlineData("[Network(4, 3)] public class Net { }", "SN0001")]
    [InlineData("public class Outer { [Network(4, 3)] public partial class Net { } }", "SN0002")]
    [InlineData("[Network(4, 3)] public partial class Net<T> { }", "SN0003")]
    [InlineData("[Network(4, 3)] file partial class Net { }", "SN0014")]
    public void TypeThatCannotBeReopened_GetsNoShell(string declaration, string id)
    {
        // Any part we generated would bring errors of its own (CS0260 for a type that is not partial, a second type
        // beside a file-local or generic one), so these keep the compiler's follow-on errors; the SN error names the cause.
        GeneratorRun run = GeneratorHarness.Run("using StaticNet;\n\nnamespace Demo;\n\n" + declaration + "\n");

        Assert.Equal(id, Assert.Single(run.GeneratorDiagnostics).Id);
        Assert.Empty(run.Sources);
        Assert.Empty(run.CompilationErrors);
    }

    [Fact]
    public void Shell_DeclaresTheSamePublicApiAsTheNetwork()
    {
        // The shell stands in for the network, so every member a user can reach must exist in both, with the same signature.
        GeneratorRun valid = GeneratorHarness.Run("using StaticNet;\n\nnamespace Demo;\n\n[Network(4, 5, 3)]\npublic partial class Net { }\n");
        GeneratorRun shell = GeneratorHarness.Run("using StaticNet;\n\nnamespace Demo;\n\n[Network(4, 5, 3, LeakySlope = float.NaN)]\npublic partial class Net { }\n");

        IReadOnlyList<string> expected = PublicSurface(valid);
        Assert.Contains("Demo.Net.Forward(System.ReadOnlySpan<float>, System.Span<float>)", expected);
        Assert.Contains("Demo.Net.Net(int)", expected);
        Assert.Contains("Demo.Net.BatchWorkspace", expected);
        Assert.Contains("Demo.Net.Layer2BiasesOffset", expected);
        Assert.Contains("Demo.Net.StaticNet.INetwork.Loss(System.ReadOnlySpan<float>, System.ReadOnlySpan<float>)", expected);
        Assert.Equal(expected, PublicSurface(shell));
    }

    [Theory]
    [InlineData("[Network(4, 5, 3, LeakySlope = float.NaN, Weights = \"w.json\")]", "{}")] // an attribute error
    [InlineData("[Network(4, 5, 3, Weights = \"w.json\")]", "{\"0.weight\": []}")] // a weights-file error
    public void FrozenShell_DeclaresTheSamePublicApiAsTheFrozenNetwork(string attribute, string badFile)
    {
        const string Weights = "{\"0.weight\": [[1, 2, 3, 4], [1, 2, 3, 4], [1, 2, 3, 4], [1, 2, 3, 4], [1, 2, 3, 4]], \"0.bias\": [1, 2, 3, 4, 5], " +
                               "\"2.weight\": [[1, 2, 3, 4, 5], [1, 2, 3, 4, 5], [1, 2, 3, 4, 5]], \"2.bias\": [1, 2, 3]}";
        GeneratorRun valid = FrozenHarness.Run("using StaticNet;\n\nnamespace Demo;\n\n[Network(4, 5, 3, Weights = \"w.json\")]\npublic partial class Net { }\n", ("w.json", Weights));
        GeneratorRun shell = FrozenHarness.Run($"using StaticNet;\n\nnamespace Demo;\n\n{attribute}\npublic partial class Net {{ }}\n", ("w.json", badFile));
        Assert.Empty(valid.GeneratorDiagnostics);
        Assert.Single(shell.GeneratorDiagnostics);

        IReadOnlyList<string> expected = PublicSurface(valid);
        Assert.Contains("Demo.Net.Predict(System.ReadOnlySpan<float>, System.Span<float>)", expected);
        Assert.Contains("Demo.Net.PredictBatch(System.ReadOnlySpan<float>, System.Span<float>)", expected);
        Assert.Contains("Demo.Net.TrainedParameters", expected);
        Assert.Equal(expected, PublicSurface(shell));
    }

    [Fact]
    public void ShellConstants_HaveTheValuesOfTheNetworkAsWritten()
    {
        GeneratorRun valid = GeneratorHarness.Run("using StaticNet;\n\nnamespace Demo;\n\n[Network(4, 5, 3)]\npublic partial class Net { }\n");
        GeneratorRun shell = GeneratorHarness.Run("using StaticNet;\n\nnamespace Demo;\n\n[Network(4, 5, 3, LeakySlope = float.NaN)]\npublic partial class Net { }\n");

        Assert.Equal(Constants(valid), Constants(shell));
        Assert.Equal(13, Constants(shell).Count); // 4 network-wide, 4 per layer, BatchBlockSize
        Assert.Equal(43, Constants(shell)["ParameterCount"]);
        Assert.Equal(40, Constants(shell)["Layer2BiasesOffset"]);
    }

    [Fact]
    public void Shell_IsDeterministic()
    {
        const string source = "using StaticNet;\n\nnamespace Demo;\n\n[Network(4, 8, 1, Output = Activation.Softmax, Loss = Loss.CrossEntropy)]\npublic partial class Net { }\n";

        Assert.Equal(GeneratorHarness.Run(source).Source("Demo.Net.g.cs"), GeneratorHarness.Run(source).Source("Demo.Net.g.cs"));
    }

    /// <summary>The generator's errors and the compiler's errors, together: what the user sees in the build output.</summary>
    private static IEnumerable<Diagnostic> AllErrors(GeneratorRun run) =>
        run.GeneratorDiagnostics.Where(diagnostic => diagnostic.Severity == DiagnosticSeverity.Error).Concat(run.CompilationErrors);

    /// <summary>Every member of Demo.Net a user can reach (public, or an interface implementation), as sorted signatures.</summary>
    private static IReadOnlyList<string> PublicSurface(GeneratorRun run)
    {
        INamedTypeSymbol type = run.OutputCompilation.GetTypeByMetadataName("Demo.Net")!;
        return type.GetMembers()
            .Where(member => !member.IsImplicitlyDeclared &&
                             (member.DeclaredAccessibility == Accessibility.Public || member is IMethodSymbol { ExplicitInterfaceImplementations.Length: > 0 } || member is IPropertySymbol { ExplicitInterfaceImplementations.Length: > 0 }))
            .Select(member => member.ToDisplayString())
            .Concat(type.AllInterfaces.Select(face => ": " + face.ToDisplayString()))
            .OrderBy(signature => signature, StringComparer.Ordinal)
            .ToArray();
    }

    private static IReadOnlyDictionary<string, object?> Constants(GeneratorRun run) =>
        run.OutputCompilation.GetTypeByMetadataName("Demo.Net")!.GetMembers()
            .OfType<IFieldSymbol>()
            .Where(field => field.IsConst && field.DeclaredAccessibility == Accessibility.Public)
            .ToDictionary(field => field.Name, field => field.ConstantValue);
}
