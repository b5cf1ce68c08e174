using System.Globalization;
using System.Linq;
using System.Text;
using System.Threading;
using StaticNet.Generator.Emit;
using StaticNet.Generator.Model;
using Xunit;

namespace StaticNet.Generator.Tests;

/// <summary>
/// Properties of the emitted text as a whole: reproducible builds need byte-identical output on every run, machine
/// and culture, and big networks must not produce huge files (loops, not unrolling, past 64 weights per layer).
/// </summary>
public sealed class EmissionTests
{
    [Theory]
    [InlineData(Sources.Defaults)]
    [InlineData(Sources.DeepReLUSoftmax)]
    [InlineData(Sources.PerLayerActivations)]
    public void TwoRunsOnTheSameInput_AreByteIdentical(string source)
    {
        GeneratedSource first = Assert.Single(GeneratorHarness.Run(source).Sources);
        GeneratedSource second = Assert.Single(GeneratorHarness.Run(source).Sources);

        Assert.Equal(first.HintName, second.HintName);
        Assert.Equal(Encoding.UTF8.GetBytes(first.Text), Encoding.UTF8.GetBytes(second.Text));
    }

    [Fact]
    public void EmittingTheSameSpecTwice_IsByteIdentical()
    {
        NetworkSpec spec = (NetworkSpec)Assert.Single(GeneratorHarness.Run(Sources.PerLayerActivations)
            .TrackedOutputs(NetworkGenerator.TrackingNames.Specs)).Value;

        Assert.Equal(
            Encoding.UTF8.GetBytes(NetworkEmitter.Emit(spec, CancellationToken.None)),
            Encoding.UTF8.GetBytes(NetworkEmitter.Emit(spec, CancellationToken.None)));
    }

    [Fact]
    public void Output_DoesNotDependOnTheCurrentCulture()
    {
        // German formats 0.2 as "0,2" and 109386 as "109.386": either would break the generated code.
        string invariant = Assert.Single(GeneratorHarness.Run(Sources.PerLayerActivations).Sources).Text;
        CultureInfo original = CultureInfo.CurrentCulture;
        string german;
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("de-DE");
            german = Assert.Single(GeneratorHarness.Run(Sources.PerLayerActivations).Sources).Text;
        }
        finally
        {
            CultureInfo.CurrentCulture = original;
        }

        Assert.Equal(invariant, german);
        Assert.Contains("0.2f", german);
    }

    [Fact]
    public void Output_UsesLineFeedsOnlyAndNoByteOrderMark()
    {
        string text = Assert.Single(GeneratorHarness.Run(Sources.Defaults).Sources).Text;

        Assert.DoesNotContain('\r', text);
        Assert.NotEqual('\uFEFF', text[0]);
        Assert.EndsWith("}\n", text);
    }

    [Fact]
    public void Mnist784x128x10_StaysUnderThreeThousandLines()
    {
        string text = Assert.Single(GeneratorHarness.Run(Sources.Mnist784x128x10).Sources).Text;

        int lines = text.Count(character => character == '\n');
        Assert.True(lines < 3000, $"The generated file has {lines} lines.");
    }
}
