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
/// generates a network and a shell, and the generated network compiles with that same Roslyn 4.3.1.
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
        Assembly csharp = context.LoadFromAssemblyName(new AssemblyName("Microsoft.CodeAnalysis.CSharp"));
        Assembly generatorAssembly = context.LoadFromAssemblyName(new AssemblyName("StaticNet.Generator"));

        // Really 4.3 (the 4.3.1 package's assemblies are version 4.3.0.0), and the generator bound to it, not to 4.8.
        Assert.Equal(new Version(4, 3, 0, 0), codeAnalysis.GetName().Version);
        Assert.Same(context, AssemblyLoadContext.GetLoadContext(generatorAssembly));
        Assert.Contains(generatorAssembly.GetReferencedAssemblies(), name => name.Name == "Microsoft.CodeAnalysis" && name.Version == new Version(4, 3, 0, 0));

        object tree = Invoke(csharp, "Microsoft.CodeAnalysis.CSharp.SyntaxFactory", "ParseSyntaxTree",
            parameters => parameters.Length == 5 && parameters[0].ParameterType == typeof(string),
            Source, null, "/src/Test0.cs", null, CancellationToken.None);
        Array trees = Array.CreateInstance(codeAnalysis.GetType("Microsoft.CodeAnalysis.SyntaxTree")!, 1);
        trees.SetValue(tree, 0);

        Type referenceType = codeAnalysis.GetType("Microsoft.CodeAnalysis.MetadataReference")!;
        IList references = (IList)Activator.CreateInstance(typeof(System.Collections.Generic.List<>).MakeGenericType(referenceType))!;
        foreach (string path in ReferencePaths())
        {
            references.Add(Invoke(codeAnalysis, "Microsoft.CodeAnalysis.MetadataReference", "CreateFromFile",
                parameters => parameters.Length == 3 && parameters[0].ParameterType == typeof(string), path, Type.Missing, Type.Missing));
        }

        Type optionsType = csharp.GetType("Microsoft.CodeAnalysis.CSharp.CSharpCompilationOptions")!;
        ConstructorInfo optionsConstructor = optionsType.GetConstructors().OrderByDescending(c => c.GetParameters().Length).First();
        object?[] optionArguments = optionsConstructor.GetParameters().Select(_ => Type.Missing).ToArray();
        optionArguments[0] = Enum.Parse(codeAnalysis.GetType("Microsoft.CodeAnalysis.OutputKind")!, "DynamicallyLinkedLibrary");
        object options = optionsConstructor.Invoke(optionArguments);

        object compilation = Invoke(csharp, "Microsoft.CodeAnalysis.CSharp.CSharpCompilation", "Create",
            parameters => parameters.Length == 4, "Roslyn43Consumer", trees, references, options);

        object generator = Activator.CreateInstance(generatorAssembly.GetType("StaticNet.Generator.NetworkGenerator")!)!;
        object sourceGenerator = Invoke(codeAnalysis, "Microsoft.CodeAnalysis.GeneratorExtensions", "AsSourceGenerator",
            parameters => parameters.Length == 1 && parameters[0].ParameterType.Name == "IIncrementalGenerator", generator);
        Array generators = Array.CreateInstance(codeAnalysis.GetType("Microsoft.CodeAnalysis.ISourceGenerator")!, 1);
        generators.SetValue(sourceGenerator, 0);
        dynamic driver = Invoke(csharp, "Microsoft.CodeAnalysis.CSharp.CSharpGeneratorDriver", "Create",
            parameters => parameters.Length == 1 && parameters[0].ParameterType.GetElementType()?.Name == "ISourceGenerator", new object[] { generators });

        MethodInfo run = ((object)driver).GetType().GetMethod("RunGeneratorsAndUpdateCompilation")!;
        object?[] arguments = { compilation, null, null, CancellationToken.None };
        driver = run.Invoke(driver, arguments)!;
        dynamic output = arguments[1]!;
        dynamic result = driver.GetRunResult();
        dynamic generatorResult = result.Results[0];

        Assert.Null((Exception?)generatorResult.Exception);
        Assert.Equal(new[] { "Demo.BrokenNet.g.cs", "Demo.IrisNet.g.cs" }, ((IEnumerable)generatorResult.GeneratedSources).Cast<dynamic>().Select(source => (string)source.HintName).OrderBy(name => name, StringComparer.Ordinal));
        Assert.Equal(new[] { "SN0012" }, ((IEnumerable)result.Diagnostics).Cast<dynamic>().Select(diagnostic => (string)diagnostic.Id));

        // The generated code, the network's and the shell's, compiles with Roslyn 4.3.1 too: no error besides none.
        string[] errors = ((IEnumerable)output.GetDiagnostics(CancellationToken.None)).Cast<dynamic>()
            .Where(diagnostic => diagnostic.Severity.ToString() == "Error")
            .Select(diagnostic => (string)diagnostic.ToString())
            .ToArray();
        Assert.True(errors.Length == 0, string.Join(Environment.NewLine, errors));
    }

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
