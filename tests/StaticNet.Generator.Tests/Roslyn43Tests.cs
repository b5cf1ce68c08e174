using System;
using System.Collections;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.Loader;
using System.Threading;
using Xunit;

namespace StaticNet.Generator.Tests;

/// <summary>
/// The built generator loaded by Microsoft.CodeAnalysis 4.3.1, the oldest Roslyn it is built for (Unity requires 4.3
/// of source generators): in a load context of its own, beside the Roslyn 4.8 these tests otherwise run on, it
/// generates a network and a shell, and the generated network compiles with that same Roslyn 4.3.1; given C# 9 and
/// netstandard2.1's reference assemblies, as Unity gives it, it writes the scalar form, which compiles as C# 9.
/// </summary>
public sealed class Roslyn43Tests
{
    private const string Source = """
        using StaticNet;

        namespace Demo;

        [Network(4, 5, 3, Hidden = Activation.ReLU, Output = Activation.Softmax, Loss = Loss.CrossEntropy)]
        public partial class IrisNet { }

        [Network(4, 5, 3, Hidden = (Activation)42)]
        public partial class BrokenNet { }

        public static class Use
        {
            public static float Run(float[] x, float[] y) { var net = new IrisNet(seed: 1); net.Forward(x, y); return net.Backward(x, y, new float[IrisNet.ParameterCount]); }
        }
        """;

    [Fact]
    public void Generator_RunsUnderRoslyn431_AndItsNetworkCompilesThere()
    {
        var context = new Roslyn43Context();
        Assembly codeAnalysis = context.LoadFromAssemblyName(new AssemblyName("Microsoft.CodeAnalysis"));
        Assembly generatorAssembly = context.LoadFromAssemblyName(new AssemblyName("StaticNet.Generator"));

        // Really 4.3 (the 4.3.1 package's assemblies are version 4.3.0.0), and the generator bound to it, not to 4.8.
        Assert.Equal(new Version(4, 3, 0, 0), codeAnalysis.GetName().Version);
        Assert.Same(context, AssemblyLoadContext.GetLoadContext(generatorAssembly));
        Assert.Contains(generatorAssembly.GetReferencedAssemblies(), name => name.Name == "Microsoft.CodeAnalysis" && name.Version == new Version(4, 3, 0, 0));

        (dynamic generatorResult, dynamic diagnostics, dynamic output) = RunGenerator(context, Source, languageVersion: null, ReferencePaths());

        Assert.Null((Exception?)generatorResult.Exception);
        Assert.Equal(new[] { "Demo.BrokenNet.g.cs", "Demo.IrisNet.g.cs" }, HintNames((object)generatorResult));
        Assert.Equal(new[] { "SN0012" }, ((IEnumerable)diagnostics).Cast<dynamic>().Select(diagnostic => (string)diagnostic.Id));

        // The generated code, the network's and the shell's, compiles with Roslyn 4.3.1 too: no error besides none.
        string[] errors = Errors((object)output);
        Assert.True(errors.Length == 0, string.Join(Environment.NewLine, errors));
    }

    /// <summary>
    /// What Unity hands the generator: Roslyn 4.3, C# 9 and netstandard2.1's reference assemblies (no
    /// System.Runtime.Intrinsics) with the runtime's netstandard2.1 build. Under 4.3.1 the generator writes the scalar
    /// form, and that text, as C# 9 beside the same declarations, compiles with 4.3.1 against netstandard2.1 and the
    /// netstandard2.1 runtime with no error and no warning.
    /// </summary>
    [Fact]
    public void Generator_UnderRoslyn431_WithCSharp9AndNetstandard21_WritesScalarCodeThatCompilesAsCSharp9()
    {
        var context = new Roslyn43Context();
        string source = Source.Replace("namespace Demo;", "namespace Demo {", StringComparison.Ordinal) + "}\n";
        string[] netstandard = Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "netstandard2.1"), "*.dll")
            .Append(CompilationCapabilitiesTests.Netstandard21Runtime)
            .ToArray();

        (dynamic generatorResult, dynamic diagnostics, _) = RunGenerator(context, source, "CSharp9", netstandard);

        Assert.Null((Exception?)generatorResult.Exception);
        Assert.Equal(new[] { "Demo.BrokenNet.g.cs", "Demo.IrisNet.g.cs" }, HintNames((object)generatorResult));
        Assert.Equal(new[] { "SN0012" }, ((IEnumerable)diagnostics).Cast<dynamic>().Select(diagnostic => (string)diagnostic.Id));
        string[] generated = ((IEnumerable)generatorResult.GeneratedSources).Cast<dynamic>().Select(file => (string)file.SourceText.ToString()).ToArray();
        Assert.All(generated, text => Assert.DoesNotContain("System.Runtime.Intrinsics", text, StringComparison.Ordinal));

        // The generated files beside the declarations, compiled as C# 9 by Roslyn 4.3.1 (no generator run this time)
        // against netstandard2.1 and the runtime's netstandard2.1 build, as Unity compiles them.
        (_, _, dynamic output) = RunGenerator(context, source, "CSharp9", netstandard, generated);
        string[] problems = ((IEnumerable)output.GetDiagnostics(CancellationToken.None)).Cast<dynamic>()
            .Where(diagnostic => diagnostic.Severity.ToString() is "Error" or "Warning")
            .Select(diagnostic => (string)diagnostic.ToString())
            .ToArray();
        Assert.True(problems.Length == 0, string.Join(Environment.NewLine, problems));
    }

    /// <summary>
    /// Parses <paramref name="source"/> (and any <paramref name="extraSources"/>, which then stand in for the
    /// generator's output: the generator is not run) with Roslyn 4.3.1 in <paramref name="languageVersion"/> (a
    /// LanguageVersion member name; null for the default), compiles it against <paramref name="references"/> and runs
    /// the generator over it.
    /// </summary>
    private static (dynamic Result, dynamic Diagnostics, dynamic Output) RunGenerator(
        Roslyn43Context context, string source, string? languageVersion, string[] references, string[]? extraSources = null)
    {
        Assembly codeAnalysis = context.LoadFromAssemblyName(new AssemblyName("Microsoft.CodeAnalysis"));
        Assembly csharp = context.LoadFromAssemblyName(new AssemblyName("Microsoft.CodeAnalysis.CSharp"));
        Assembly generatorAssembly = context.LoadFromAssemblyName(new AssemblyName("StaticNet.Generator"));

        Type parseOptionsType = csharp.GetType("Microsoft.CodeAnalysis.CSharp.CSharpParseOptions")!;
        object? parseOptions = null;
        if (languageVersion is not null)
        {
            ConstructorInfo parseConstructor = parseOptionsType.GetConstructors().Single(c => c.GetParameters().FirstOrDefault()?.Name == "languageVersion");
            object?[] parseArguments = parseConstructor.GetParameters().Select(parameter => parameter.DefaultValue).ToArray();
            parseArguments[0] = Enum.Parse(csharp.GetType("Microsoft.CodeAnalysis.CSharp.LanguageVersion")!, languageVersion);
            parseOptions = parseConstructor.Invoke(parseArguments);
        }
        string[] texts = new[] { source }.Concat(extraSources ?? Array.Empty<string>()).ToArray();
        Array trees = Array.CreateInstance(codeAnalysis.GetType("Microsoft.CodeAnalysis.SyntaxTree")!, texts.Length);
        for (int i = 0; i < texts.Length; i++)
        {
            trees.SetValue(Invoke(csharp, "Microsoft.CodeAnalysis.CSharp.SyntaxFactory", "ParseSyntaxTree",
                parameters => parameters.Length == 5 && parameters[0].ParameterType == typeof(string),
                texts[i], parseOptions, $"/src/Test{i}.cs", null, CancellationToken.None), i);
        }

        Type referenceType = codeAnalysis.GetType("Microsoft.CodeAnalysis.MetadataReference")!;
        IList metadata = (IList)Activator.CreateInstance(typeof(System.Collections.Generic.List<>).MakeGenericType(referenceType))!;
        foreach (string path in references)
        {
            metadata.Add(Invoke(codeAnalysis, "Microsoft.CodeAnalysis.MetadataReference", "CreateFromFile",
                parameters => parameters.Length == 3 && parameters[0].ParameterType == typeof(string), path, Type.Missing, Type.Missing));
        }

        Type optionsType = csharp.GetType("Microsoft.CodeAnalysis.CSharp.CSharpCompilationOptions")!;
        ConstructorInfo optionsConstructor = optionsType.GetConstructors().OrderByDescending(c => c.GetParameters().Length).First();
        object?[] optionArguments = optionsConstructor.GetParameters().Select(_ => Type.Missing).ToArray();
        optionArguments[0] = Enum.Parse(codeAnalysis.GetType("Microsoft.CodeAnalysis.OutputKind")!, "DynamicallyLinkedLibrary");
        object options = optionsConstructor.Invoke(optionArguments);

        object compilation = Invoke(csharp, "Microsoft.CodeAnalysis.CSharp.CSharpCompilation", "Create",
            parameters => parameters.Length == 4, "Roslyn43Consumer", trees, metadata, options);
        if (extraSources is not null)
        {
            return (null!, null!, compilation);
        }

        object generator = Activator.CreateInstance(generatorAssembly.GetType("StaticNet.Generator.NetworkGenerator")!)!;
        object sourceGenerator = Invoke(codeAnalysis, "Microsoft.CodeAnalysis.GeneratorExtensions", "AsSourceGenerator",
            parameters => parameters.Length == 1 && parameters[0].ParameterType.Name == "IIncrementalGenerator", generator);
        Array generators = Array.CreateInstance(codeAnalysis.GetType("Microsoft.CodeAnalysis.ISourceGenerator")!, 1);
        generators.SetValue(sourceGenerator, 0);
        // The driver's parse options are what the generator's ParseOptionsProvider reports.
        dynamic driver = Invoke(csharp, "Microsoft.CodeAnalysis.CSharp.CSharpGeneratorDriver", "Create",
            parameters => parameters.Length == 5 && parameters[0].ParameterType.GetGenericArguments().FirstOrDefault()?.Name == "ISourceGenerator",
            generators, null, parseOptions, null, Type.Missing);

        MethodInfo run = ((object)driver).GetType().GetMethod("RunGeneratorsAndUpdateCompilation")!;
        object?[] arguments = { compilation, null, null, CancellationToken.None };
        driver = run.Invoke(driver, arguments)!;
        dynamic result = driver.GetRunResult();
        return (result.Results[0], result.Diagnostics, arguments[1]!);
    }

    private static string[] HintNames(object generatorResult) =>
        ((IEnumerable)((dynamic)generatorResult).GeneratedSources).Cast<dynamic>().Select(source => (string)source.HintName).OrderBy(name => name, StringComparer.Ordinal).ToArray();

    private static string[] Errors(object compilation) =>
        ((IEnumerable)((dynamic)compilation).GetDiagnostics(CancellationToken.None)).Cast<dynamic>()
            .Where(diagnostic => diagnostic.Severity.ToString() == "Error")
            .Select(diagnostic => (string)diagnostic.ToString())
            .ToArray();

    private static object Invoke(Assembly assembly, string typeName, string methodName, Func<ParameterInfo[], bool> overload, params object?[] arguments)
    {
        MethodInfo method = assembly.GetType(typeName, throwOnError: true)!
            .GetMethods(BindingFlags.Public | BindingFlags.Static)
            .Single(candidate => candidate.Name == methodName && !candidate.IsGenericMethodDefinition && overload(candidate.GetParameters()));
        return method.Invoke(null, arguments)!;
    }

    /// <summary>The framework's reference assemblies as the test host has them, and the StaticNet runtime.</summary>
    private static string[] ReferencePaths() =>
        ((string?)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Where(path => !Path.GetFileName(path).StartsWith("StaticNet", StringComparison.Ordinal) &&
                           !Path.GetFileName(path).StartsWith("Microsoft.CodeAnalysis", StringComparison.Ordinal))
            .Append(typeof(NetworkAttribute).Assembly.Location)
            .ToArray();

    /// <summary>
    /// Roslyn 4.3.1 (from roslyn-4.3.1/ beside the tests) and the built generator, isolated from the Roslyn 4.8 of the
    /// default context; everything else (System.Collections.Immutable, …) comes from the default context.
    /// </summary>
    private sealed class Roslyn43Context() : AssemblyLoadContext("Roslyn 4.3.1", isCollectible: true)
    {
        private static readonly string Directory = Path.Combine(AppContext.BaseDirectory, "roslyn-4.3.1");

        protected override Assembly? Load(AssemblyName name) => name.Name switch
        {
            "Microsoft.CodeAnalysis" or "Microsoft.CodeAnalysis.CSharp" => LoadFromAssemblyPath(Path.Combine(Directory, name.Name + ".dll")),
            "StaticNet.Generator" => LoadFromAssemblyPath(Path.Combine(AppContext.BaseDirectory, "StaticNet.Generator.dll")),
            _ => null,
        };
    }
}
