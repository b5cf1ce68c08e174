using System.Linq;
using Microsoft.CodeAnalysis;
using Xunit;

namespace StaticNet.Generator.Tests;

/// <summary>
/// Code being typed is broken most of the time. The generator must never throw on it (a crash shows up as warning
/// CS8785 and drops every network in the project), and must stay quiet where the compiler already explains the problem.
/// </summary>
public sealed class MalformedInputTests
{
    [Theory]
    [InlineData("[Network(1, \"x\")]")]
    [InlineData("[Network(\"4\", \"3\")]")]
    [InlineData("[Network(4, 3, Foo = 1)]")]
    [InlineData("[Network(4, 3, Activations = new[] { (Activation)\"x\" })]")]
    [InlineData("[Network(4, 3, Hidden = Activation.DoesNotExist)]")]
    [InlineData("[Network(4, 3, Loss = )]")]
    [InlineData("[Network(4, 3,)]")]
    [InlineData("[Network(4, UndefinedConstant)]")]
    public void AttributeThatDoesNotBind_GetsOnlyCompilerErrors(string attribute)
    {
        GeneratorRun run = GeneratorHarness.Run($"using StaticNet;\n\n{attribute}\npublic partial class Net {{ }}\n");

        Assert.Null(run.Result.Exception);
        Assert.NotEmpty(run.CompilationErrors);
        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Empty(run.Sources);
    }

    [Theory]
    [InlineData("[Network]")]
    [InlineData("[Network()]")]
    [InlineData("[Network(null)]")]
    [InlineData("[Network(new int[0])]")]
    public void AttributeWithoutLayerSizes_BindsAndGetsTooFewLayers(string attribute)
    {
        // These are valid C# (params int[] accepts nothing or null), so only the generator can explain the problem.
        GeneratorRun run = GeneratorHarness.Run($"using StaticNet;\n\n{attribute}\npublic partial class Net {{ }}\n");

        Assert.Null(run.Result.Exception);
        Assert.Empty(run.CompilationErrors);
        Diagnostic diagnostic = Assert.Single(run.GeneratorDiagnostics);
        Assert.Equal("SN0005", diagnostic.Id);
        Assert.Contains("lists 0 layer size(s)", diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
        string shell = Assert.Single(run.Sources).Text;
        Assert.Contains("public const int InputSize = 0;", shell);
        Assert.Contains("public const int LayerCount = 0;", shell);
    }

    [Theory]
    [InlineData("[Network(int.MaxValue, int.MaxValue)]", "SN0007", "public const int ParameterCount = 2147483647;")]
    [InlineData("[Network(int.MinValue, -1)]", "SN0006", "public const int ParameterCount = 0;")]
    [InlineData("[Network(4, 3, Activations = new Activation[0])]", "SN0008", "public const int ParameterCount = 15;")]
    public void ExtremeValues_AreDiagnosedWithoutOverflow(string attribute, string expectedId, string shellConstant)
    {
        GeneratorRun run = GeneratorHarness.Run($"using StaticNet;\n\n{attribute}\npublic partial class Net {{ }}\n");

        Assert.Null(run.Result.Exception);
        Assert.Equal(expectedId, run.GeneratorDiagnostics.Select(diagnostic => diagnostic.Id).Distinct().Single());

        // The shell's constants saturate and clamp rather than overflow into negative sizes, which would be errors of their own.
        Assert.Contains(shellConstant, Assert.Single(run.Sources).Text);
        Assert.Empty(run.CompilationErrors);
    }

    [Fact]
    public void ActivationsNull_IsTheSameAsLeavingItOut()
    {
        string withNull = GeneratorHarness.Run("using StaticNet;\n\n[Network(4, 3, Activations = null)]\npublic partial class Net { }\n").Source("Net.g.cs");
        string without = GeneratorHarness.Run("using StaticNet;\n\n[Network(4, 3)]\npublic partial class Net { }\n").Source("Net.g.cs");

        Assert.Equal(without, withNull);
    }

    [Theory]
    [InlineData("[Network(4, 3)] public partial class")]
    [InlineData("[Network(4, 3)] public partial class Net {")]
    [InlineData("[Network(4, 3 public partial class Net { }")]
    [InlineData("[Network(4, 3)] public partial class Net : { }")]
    [InlineData("[Network(4, 3)] public partial enum Net { }")]
    [InlineData("public partial class Net { [Network(4, 3)] void M() { } }")]
    public void SyntaxErrors_NeverCrashTheGenerator(string source)
    {
        GeneratorRun run = GeneratorHarness.Run("using StaticNet;\n\n" + source + "\n");

        Assert.Null(run.Result.Exception);
        Assert.DoesNotContain(run.GeneratorDiagnostics, diagnostic => diagnostic.Id is "CS8784" or "CS8785");
    }

    [Fact]
    public void ValidNetworkNextToInvalidOne_StillGeneratesTheValidOne()
    {
        GeneratorRun run = GeneratorHarness.Run(
            "using StaticNet;\n\nnamespace Demo;\n\n[Network(4, 3)]\npublic partial class Good { }\n",
            "using StaticNet;\n\nnamespace Demo;\n\n[Network(4, 3)]\npublic class Bad { }\n");

        Assert.Equal(new[] { "Demo.Good.g.cs" }, run.HintNames);
        Diagnostic diagnostic = Assert.Single(run.GeneratorDiagnostics);
        Assert.Equal("SN0001", diagnostic.Id);
        Assert.Equal("Bad", run.LocatedText(diagnostic));
        Assert.Empty(run.CompilationErrors);
    }

    [Fact]
    public void TwoNetworksWithTheSameNameInDifferentNamespaces_GetDistinctFiles()
    {
        GeneratorRun run = GeneratorHarness.Run(
            "using StaticNet;\n\nnamespace First;\n\n[Network(4, 3)]\npublic partial class Net { }\n",
            "using StaticNet;\n\nnamespace Second;\n\n[Network(2, 1)]\npublic partial class Net { }\n");

        Assert.Equal(new[] { "First.Net.g.cs", "Second.Net.g.cs" }, run.HintNames.OrderBy(name => name));
        Assert.Empty(run.CompilationErrors);
    }

    [Fact]
    public void AttributeOnOnePartOfAPartialClassInAnotherFile_GeneratesOnce()
    {
        GeneratorRun run = GeneratorHarness.Run(
            "using StaticNet;\n\n[Network(4, 3)]\npublic partial class Net { }\n",
            "public partial class Net { public int Extra => 1; }\n");

        Assert.Equal(new[] { "Net.g.cs" }, run.HintNames);
        Assert.Empty(run.CompilationErrors);
    }
}
