using System;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using Microsoft.CodeAnalysis;
using Xunit;
using Xunit.Abstractions;

namespace StaticNet.Generator.Tests;

/// <summary>
/// Issue 18, classes 6 and 9: a frozen network's weights file whose first items promise a huge, overflowing or
/// wrapping shape gives one SN diagnostic and nothing else (no CS8785 from a generator exception, no follow-on
/// errors), and a diagnostic quoting a megabyte key stays short.
/// </summary>
public sealed class FrozenWeightsReliabilityTests(ITestOutputHelper output)
{
    private const string Source = "using StaticNet;\n[Network(4, 5, 3, Weights = \"net.weights.json\")]\npublic partial class Net { }\n";

    // An array whose first item is first, followed by count − 1 empty arrays: the first items promise count at this level.
    private static string Promise(string first, int count) => "[" + first + string.Concat(Enumerable.Repeat(",[]", count - 1)) + "]";

    private Diagnostic OnlyDiagnostic(string weights, string id)
    {
        long allocated = GC.GetAllocatedBytesForCurrentThread();
        var clock = Stopwatch.StartNew();
        GeneratorRun run = FrozenHarness.Run(Source, ("net.weights.json", weights));
        clock.Stop();
        allocated = GC.GetAllocatedBytesForCurrentThread() - allocated;
        string first = run.GeneratorDiagnostics.FirstOrDefault()?.GetMessage(CultureInfo.InvariantCulture) ?? "(none)";
        output.WriteLine($"{weights.Length:N0}-character file: {run.GeneratorDiagnostics.Length} diagnostics ({string.Join(", ", run.GeneratorDiagnostics.Select(d => d.Id))}), {allocated:N0} bytes allocated by the generator run, {clock.ElapsedMilliseconds:N0} ms, {first.Length:N0}-character message: {first[..Math.Min(200, first.Length)]}");

        Diagnostic diagnostic = Assert.Single(run.GeneratorDiagnostics);
        Assert.Equal(id, diagnostic.Id);
        Assert.DoesNotContain(run.CompilationErrors, error => error.Id != id);
        return diagnostic;
    }

    [Theory]
    [InlineData(3, 512)] // 512³ values promised by the first items of a 4 KB file
    [InlineData(12, 100)] // 100^12: the product overflows a long
    [InlineData(8, 256)] // 256^8 = 2^64: the product wraps to 0
    public void FirstItemsPromisingAHugeShape_AreOneDiagnostic(int depth, int width)
    {
        string value = "[" + string.Join(",", Enumerable.Repeat("0", width)) + "]";
        for (int level = 1; level < depth; level++)
        {
            value = Promise(value, width);
        }

        Diagnostic diagnostic = OnlyDiagnostic("{\"0.weight\": " + Promise(value, width) + "}", "SN0022");

        Assert.Contains($"is not rectangular: the first array at this depth has {width} items, so this should be an array of {width}, but it is an array of 0", diagnostic.GetMessage(CultureInfo.InvariantCulture));
    }

    [Fact]
    public void MegabyteKey_GivesAShortDiagnostic()
    {
        string key = new string('k', 1_000_400) + ".weight";

        Diagnostic diagnostic = OnlyDiagnostic("{\"" + key + "\": [[1]], \"0.bias\": [1]}", "SN0022");

        string message = diagnostic.GetMessage(CultureInfo.InvariantCulture);
        Assert.True(message.Length < 10_000, $"a message of {message.Length:N0} characters");
        Assert.Contains("kkkkkkkkkk", message);
    }

    [Fact]
    public void MegabyteDuplicateKey_GivesAShortSyntaxDiagnostic()
    {
        string key = new string('k', 1_000_000);

        Diagnostic diagnostic = OnlyDiagnostic("{\"" + key + "\": [1], \"" + key + "\": [1]}", "SN0021");

        string message = diagnostic.GetMessage(CultureInfo.InvariantCulture);
        Assert.True(message.Length < 10_000, $"a message of {message.Length:N0} characters");
        Assert.Contains("appears more than once", message);
    }
}
