using System.Linq;
using Microsoft.CodeAnalysis;
using Xunit;

namespace StaticNet.Generator.Tests;

/// <summary>
/// Inputs that once crashed the generator or produced code that did not compile. "The generator never throws": a
/// crash (CS8785) would drop the output of every network in the project, not just the odd one.
/// </summary>
public sealed class RegressionTests
{
    [Fact]
    public void NetworkWithThreadScratch_Compiles()
    {
        // Training scratch of 40,002 floats is above the stack limit, so scratch comes from a per-thread array.
        GeneratorRun run = GeneratorHarness.Run("using StaticNet;\nnamespace Demo;\n[Network(10, 20000, 1)] public partial class Big { }\n");

        Assert.Empty(run.CompilationErrors);
        Assert.Contains("private static float[]? t_scratch;", run.Source("Demo.Big.g.cs"));
    }

    [Fact]
    public void DuplicateAttributeOnTwoPartsInOneFile_GeneratesOnceWithoutCrashing()
    {
        GeneratorRun run = GeneratorHarness.Run(
            "using StaticNet;\nnamespace Demo;\n[Network(2, 1)] public partial class D { }\n[Network(3, 1)] public partial class D { }\n");

        Assert.DoesNotContain(run.OutputCompilation.GetDiagnostics(), d => d.Id == "CS8785");
        Assert.Equal(new[] { "Demo.D.g.cs" }, run.HintNames);
        Assert.Contains(run.CompilationErrors, d => d.Id == "CS0579");
    }

    [Fact]
    public void KeywordNamespaceAndTypeNames_AreEscaped()
    {
        GeneratorRun run = GeneratorHarness.Run("using StaticNet;\nnamespace @event;\npublic partial class @struct { [Network(2, 1)] public partial class @class { } }\n");

        Assert.Empty(run.CompilationErrors);
        string source = run.Source("event.struct+class.g.cs");
        Assert.Contains("namespace @event", source);
        Assert.Contains("partial class @struct", source);
        Assert.Contains("public @class(int seed)", source);
    }

    [Fact]
    public void NamespaceAndNestedTypeWithTheSameDottedName_GetDistinctHintNames()
    {
        // A.B.C as namespace A.B + class C, and as class B nested in namespace A: already CS0101, but no crash.
        GeneratorRun run = GeneratorHarness.Run(
            "using StaticNet;\nnamespace A.B { [Network(2, 1)] public partial class C { } }\n",
            "using StaticNet;\nnamespace A { public partial class B { [Network(2, 1)] public partial class C { } } }\n");

        Assert.DoesNotContain(run.OutputCompilation.GetDiagnostics(), d => d.Id == "CS8785");
        Assert.Equal(new[] { "A.B+C.g.cs", "A.B.C.g.cs" }, run.HintNames.OrderBy(name => name, System.StringComparer.Ordinal));
    }

    [Fact]
    public void PrimaryConstructor_GetsNoGeneratedConstructors_AndCompiles()
    {
        GeneratorRun run = GeneratorHarness.Run(
            "using StaticNet;\nnamespace Demo;\n[Network(2, 1)] public partial class Pc(int hidden) { public int Hidden => hidden; }\n");

        Assert.Empty(run.CompilationErrors);
        string source = run.Source("Demo.Pc.g.cs");
        Assert.DoesNotContain("public Pc(", source);
        Assert.Contains("_parameters = CreateParameters(seed: 0);", source);
    }

    [Theory]
    [InlineData("[Network(2, 1)] public partial struct S { }", "CS0592")]
    [InlineData("[Network(2, 1)] public partial interface I { }", "CS0592")]
    [InlineData("[Network(2, 1)] public partial record struct R { }", "CS0592")]
    [InlineData("[Network(2, 1, LeakySlope = 0.2)] public partial class WrongType { }", "CS0664")]
    [InlineData("[Network(2, 1, Hidden = 3)] public partial class WrongEnum { }", "CS0266")]
    public void InvalidAttributeUse_IsLeftToTheCompiler(string declaration, string compilerError)
    {
        GeneratorRun run = GeneratorHarness.Run("using StaticNet;\nnamespace Demo;\n" + declaration + "\n");

        Assert.Contains(run.CompilationErrors, d => d.Id == compilerError);
        Assert.Empty(run.Sources);
        Assert.Empty(run.GeneratorDiagnostics);
    }
}
