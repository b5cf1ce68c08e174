using System;
using System.Linq;
using BenchmarkDotNet.Attributes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using StaticNet.Generator;

namespace StaticNet.Benchmarks;

/// <summary>T7: how long the generator takes to turn [Network(784, 128, 10, …)] into source, from a cold driver.</summary>
[MemoryDiagnoser]
[MedianColumn]
public class GeneratorBenchmarks
{
    private const string Source = """
        using StaticNet;
        namespace Demo;
        [Network(784, 128, 10, Hidden = Activation.ReLU, Output = Activation.Softmax, Loss = Loss.CrossEntropy)]
        public partial class MnistNet { }
        """;

    private CSharpCompilation _compilation = null!;

    /// <summary>The number of lines generated for the network, read in setup (T7 asks for fewer than 3,000).</summary>
    public int GeneratedLines { get; private set; }

    /// <summary>Parses the source and references once; only generation is timed.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var references = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!)
            .Split(System.IO.Path.PathSeparator)
            .Append(typeof(NetworkAttribute).Assembly.Location)
            .Select(path => MetadataReference.CreateFromFile(path));
        _compilation = CSharpCompilation.Create(
            "GeneratorBenchmark",
            new[] { CSharpSyntaxTree.ParseText(Source, new CSharpParseOptions(LanguageVersion.CSharp12)) },
            references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        GeneratedLines = Generate().Results[0].GeneratedSources[0].SourceText.Lines.Count;
    }

    /// <summary>Runs the generator on a fresh driver: attribute parsing, validation and emission.</summary>
    [Benchmark]
    public int Generate784_128_10() => Generate().Results[0].GeneratedSources[0].SourceText.Length;

    private GeneratorDriverRunResult Generate() =>
        CSharpGeneratorDriver.Create(new NetworkGenerator()).RunGenerators(_compilation).GetRunResult();
}
