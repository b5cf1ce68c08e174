using System;
using System.Linq;
using StaticNet.Generator.Emit;
using Xunit;

namespace StaticNet.Generator.Tests;

/// <summary>
/// Deterministic = true changes one thing in the generated code: every call into the numerical runtime classes goes to
/// their deterministic counterparts (Emit/DeterministicRuntime). A frozen deterministic network predicts with
/// Forward's layers instead of the column kernels, whose chains of sums follow the width.
/// </summary>
public sealed class DeterministicEmissionTests
{
    private const string Declarations = """
        using StaticNet;

        namespace Demo;

        [Network(4, 5, 3DETERMINISTIC)]
        public partial class SmallNet
        {
        }

        [Network(20, 30, 10, Hidden = Activation.ReLU, Output = Activation.Softmax, Loss = Loss.CrossEntropyDETERMINISTIC)]
        public partial class KernelNet
        {
        }
        """;

    [Fact]
    public void DeterministicSmallNetwork_KeepsPyTorchsRows_WhereTheDefaultOneTakesColumns()
    {
        // Column sums are multiply-adds in the width's own rounding; the guarantee names the row-major fixed-order sums.
        string deterministic = GeneratorHarness.Run(Declarations.Replace("DETERMINISTIC", ", Deterministic = true")).Source("Demo.SmallNet.g.cs");
        string standard = GeneratorHarness.Run(Declarations.Replace("DETERMINISTIC", string.Empty)).Source("Demo.SmallNet.g.cs");

        Assert.Contains("WeightOrder.ColumnMajor", standard);
        Assert.Contains("VectorArithmetic", standard);
        Assert.DoesNotContain("WeightOrder.ColumnMajor", deterministic);
        Assert.DoesNotContain("VectorArithmetic", deterministic);
        Assert.DoesNotContain("ByColumns", deterministic);
        Assert.DoesNotContain("ParameterCount + ", deterministic);
    }

    [Fact]
    public void DeterministicNetworks_MatchTheirSnapshots()
    {
        GeneratorRun run = GeneratorHarness.Run(Declarations.Replace("DETERMINISTIC", ", Deterministic = true"));
        Assert.Equal(new[] { "Demo.KernelNet.g.cs", "Demo.SmallNet.g.cs" }, run.HintNames.OrderBy(name => name, StringComparer.Ordinal));
        Assert.True(!run.CompilationErrors.Any(), GeneratorRun.Describe(run.CompilationErrors));
        Assert.True(!run.GeneratedCodeDiagnostics.Any(), GeneratorRun.Describe(run.GeneratedCodeDiagnostics));
        Snapshot.Verify(run);
    }

    [Theory]
    [InlineData("Demo.KernelNet.g.cs")]
    public void DeterministicNetwork_IsTheDefaultCodeCallingTheDeterministicKernels(string hintName)
    {
        string deterministic = GeneratorHarness.Run(Declarations.Replace("DETERMINISTIC", ", Deterministic = true")).Source(hintName);
        string standard = GeneratorHarness.Run(Declarations.Replace("DETERMINISTIC", string.Empty)).Source(hintName);

        string[] lines = deterministic.Split('\n');
        Assert.Equal(DeterministicRuntime.Header, lines[3].TrimEnd('\r'));
        string withoutHeader = string.Join("\n", lines.Take(3).Concat(lines.Skip(4)));
        Assert.Equal(DeterministicRuntime.Redirect(standard), withoutHeader);
        Assert.NotEqual(standard, DeterministicRuntime.Redirect(standard));
        foreach ((string defaultType, _) in RuntimeContract.DeterministicCounterparts)
        {
            Assert.DoesNotContain(defaultType + ".", deterministic, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void FrozenDeterministicNetwork_PredictsWithForwardsLayers()
    {
        string weights = "{\"0.weight\": " + Matrix(16, 8) + ", \"0.bias\": " + Row(16) + ", \"2.weight\": " + Matrix(16, 16) + ", \"2.bias\": " + Row(16) + "}";
        GeneratorRun run = FrozenHarness.Run(
            "using StaticNet;\n\nnamespace Demo;\n\n" +
            "[Network(8, 16, 16, Hidden = Activation.Tanh, Output = Activation.Softmax, Loss = Loss.CrossEntropy, Weights = \"Models/wide.weights.json\", Deterministic = true)]\npublic partial class WideNet { }\n",
            ("Models/wide.weights.json", weights));
        Assert.Empty(run.GeneratorDiagnostics);
        Assert.True(!run.CompilationErrors.Any(), GeneratorRun.Describe(run.CompilationErrors));
        string source = run.Source("Demo.WideNet.g.cs");
        Assert.Contains("public static void Predict(", source, StringComparison.Ordinal);
        Assert.DoesNotContain(RuntimeContract.FrozenLayers, source, StringComparison.Ordinal);
        Assert.Contains(RuntimeContract.DeterministicDenseKernels + ".Forward(", source, StringComparison.Ordinal);
    }

    private static string Row(int count) => "[" + string.Join(", ", Enumerable.Range(0, count).Select(i => ((i % 7) * 0.125f - 0.375f).ToString(System.Globalization.CultureInfo.InvariantCulture))) + "]";

    private static string Matrix(int rows, int columns) => "[" + string.Join(", ", Enumerable.Range(0, rows).Select(_ => Row(columns))) + "]";
}
