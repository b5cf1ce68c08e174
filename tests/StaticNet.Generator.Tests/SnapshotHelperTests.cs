using Xunit;

namespace StaticNet.Generator.Tests;

/// <summary>The snapshot helper's own rules: a broken normaliser or diff would make every snapshot test meaningless.</summary>
public sealed class SnapshotHelperTests
{
    [Theory]
    [InlineData("a\r\nb\r\n", "a\nb\n")]
    [InlineData("\uFEFFa\nb", "a\nb\n")]
    [InlineData("a\rb\n\n\n", "a\nb\n")]
    [InlineData("", "\n")]
    public void Normalize_UsesLineFeedsNoBomAndOneTrailingNewline(string text, string expected)
    {
        Assert.Equal(expected, Snapshot.Normalize(text));
    }

    [Fact]
    public void Scrub_ReplacesOnlyTheGeneratorVersion()
    {
        string scrubbed = Snapshot.Scrub("[global::System.CodeDom.Compiler.GeneratedCode(\"StaticNet.Generator\", \"1.2.3.4\")]\nconst string V = \"1.2.3.4\";");

        Assert.Equal("[global::System.CodeDom.Compiler.GeneratedCode(\"StaticNet.Generator\", \"VERSION\")]\nconst string V = \"1.2.3.4\";", scrubbed);
    }

    [Fact]
    public void Diff_ShowsTheChangedLinesWithTheirNumbers()
    {
        string report = TextDiff.Describe("one\ntwo\nthree\nfour\n", "one\ntwo\n3\nfour\nfive\n");

        Assert.Contains("first difference at line 3", report);
        Assert.Contains("-     3: three", report);
        Assert.Contains("+     3: 3", report);
        Assert.Contains("+     5: five", report);
        Assert.Contains("      2: two", report);
        Assert.DoesNotContain("four", report);
    }
}
