using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using Microsoft.CodeAnalysis;
using StaticNet.Generator.Model;
using Xunit;

namespace StaticNet.Generator.Tests;

/// <summary>
/// The pipeline model: it must mirror the runtime enums exactly, hold no Roslyn objects (which would defeat caching
/// and keep compilations alive), and compare by value.
/// </summary>
public sealed class ModelTests
{
    // Types whose instances are tied to one compilation: holding one in the model makes every run look "Modified".
    private static readonly Type[] CompilationBoundTypes =
    {
        typeof(ISymbol), typeof(SyntaxNode), typeof(SyntaxTree), typeof(SemanticModel),
        typeof(Compilation), typeof(Location), typeof(AttributeData), typeof(AdditionalText),
    };

    [Fact]
    public void Activation_IsTheRuntimeFileCompiledIntoTheGenerator()
    {
        // The generator reads attribute values as integers and must not reference the runtime, so it compiles the
        // runtime's Activation.cs itself (linked): same names and values, internal there.
        AssertMirrors(typeof(StaticNet.Activation), typeof(Model.Activation));
        Assert.False(typeof(Model.Activation).IsPublic);
    }

    [Fact]
    public void Loss_IsTheRuntimeFileCompiledIntoTheGenerator()
    {
        AssertMirrors(typeof(StaticNet.Loss), typeof(Model.Loss));
        Assert.False(typeof(Model.Loss).IsPublic);
    }

    [Theory]
    [InlineData(typeof(NetworkSpec))]
    [InlineData(typeof(NetworkParseResult))]
    [InlineData(typeof(FrozenRequest))]
    public void PipelineModel_HoldsNoCompilationBoundTypes(Type model)
    {
        var offenders = new List<string>();
        Walk(model, model.Name, new HashSet<Type>(), offenders);

        Assert.True(offenders.Count == 0, "Compilation-bound members: " + string.Join(", ", offenders));
    }

    [Fact]
    public void ParsingTheSameSourceTwice_GivesEqualSpecsWithEqualHashCodes()
    {
        // Two independent compilations: equality must come from values, not from shared instances.
        NetworkSpec first = ParseSpec(Sources.DeepReLUSoftmax);
        NetworkSpec second = ParseSpec(Sources.DeepReLUSoftmax);

        Assert.NotSame(first, second);
        Assert.Equal(first, second);
        Assert.Equal(first.GetHashCode(), second.GetHashCode());
        Assert.NotEqual(first, ParseSpec(Sources.DeepReLUSoftmax.Replace("784, 128", "784, 129")));
    }

    [Fact]
    public void FrozenSpecs_FromEqualFilesAreEqual_AndOneChangedWeightMakesThemDiffer()
    {
        const string Source = "using StaticNet;\n\n[Network(2, 2, 1, Weights = \"w.json\")] public partial class Net { }\n";
        const string Weights = "{\"0.weight\": [[1.5, -2.0], [0.25, 3.0]], \"0.bias\": [0.5, -1.0], \"2.weight\": [[2.0, -1.5]], \"2.bias\": [0.125]}";
        NetworkSpec first = FrozenSpec(FrozenHarness.Run(Source, ("w.json", Weights)));
        NetworkSpec second = FrozenSpec(FrozenHarness.Run(Source, ("w.json", Weights)));

        Assert.NotSame(first, second);
        Assert.Equal(first, second);
        Assert.Equal(first.GetHashCode(), second.GetHashCode());
        Assert.Equal(new[] { 1.5f, -2.0f, 0.25f, 3.0f, 0.5f, -1.0f, 2.0f, -1.5f, 0.125f }, first.TrainedParameters);
        Assert.NotEqual(first, FrozenSpec(FrozenHarness.Run(Source, ("w.json", Weights.Replace("0.125", "0.126")))));

        // 0 and −0 are equal floats but different literals: the spec must tell them apart.
        NetworkSpec zero = FrozenSpec(FrozenHarness.Run(Source, ("w.json", Weights.Replace("0.125", "0.0"))));
        NetworkSpec negativeZero = FrozenSpec(FrozenHarness.Run(Source, ("w.json", Weights.Replace("0.125", "-0.0"))));
        Assert.NotEqual(zero, negativeZero);

        static NetworkSpec FrozenSpec(GeneratorRun run) =>
            (NetworkSpec)Assert.Single(run.TrackedOutputs(NetworkGenerator.TrackingNames.FrozenSpecs)).Value;
    }

    [Fact]
    public void ParsedSpec_LaysOutLayersBackToBack()
    {
        NetworkSpec spec = ParseSpec(Sources.Defaults);

        Assert.Equal(new[] { 4, 5, 3 }, spec.LayerSizes);
        Assert.Equal(
            new[] { (1, 4, 5, Model.Activation.Sigmoid, 0, 20, 25), (2, 5, 3, Model.Activation.Sigmoid, 25, 40, 43) },
            spec.Layers.Select(layer => (layer.Index, layer.InputSize, layer.Size, layer.Activation, layer.WeightsOffset, layer.BiasesOffset, layer.EndOffset)));
        Assert.Equal(43, spec.ParameterCount);
        Assert.Equal(Model.Loss.MeanSquaredError, spec.Loss);
        Assert.Equal(0.01f, spec.LeakySlope);
        Assert.Equal("Demo.DefaultNet.g.cs", spec.HintName);
    }

    [Fact]
    public void ParsedSpec_RecordsEveryContainingTypeOutermostFirst()
    {
        TypeHierarchy type = ParseSpec(Sources.NestedInPartialTypes).Type;

        Assert.Equal("Game.Bots", type.Namespace);
        Assert.Equal(new[] { new TypeDeclarationSpec("class", "Outer"), new TypeDeclarationSpec("class", "Inner") }, type.ContainingTypes);
        Assert.Equal(new TypeDeclarationSpec("class", "Brain"), type.Type);
        Assert.Equal("Game.Bots.Outer.Inner.Brain", type.FullName);
    }

    [Fact]
    public void EquatableArray_ComparesElementsAndTreatsDefaultAsEmpty()
    {
        var oneTwo = new EquatableArray<int>(new[] { 1, 2 });

        Assert.Equal(oneTwo, new EquatableArray<int>(new[] { 1, 2 }));
        Assert.Equal(oneTwo.GetHashCode(), new EquatableArray<int>(new[] { 1, 2 }).GetHashCode());
        Assert.NotEqual(oneTwo, new EquatableArray<int>(new[] { 2, 1 }));
        Assert.True(EquatableArray<int>.Empty == new EquatableArray<int>(Array.Empty<int>()));
        Assert.Empty(EquatableArray<int>.Empty);
    }

    private static NetworkSpec ParseSpec(string source)
    {
        GeneratorRun run = GeneratorHarness.Run(source);
        return Assert.IsType<NetworkSpec>(Assert.Single(run.TrackedOutputs(NetworkGenerator.TrackingNames.Specs)).Value);
    }

    private static void AssertMirrors(Type runtimeEnum, Type mirrorEnum)
    {
        string[] names = Enum.GetNames(runtimeEnum);
        Assert.Equal(names.Length, Enum.GetNames(mirrorEnum).Length);
        foreach (string name in names)
        {
            Assert.True(Enum.IsDefined(mirrorEnum, name), $"{mirrorEnum.Name} has no member {name}.");
            Assert.Equal(Convert.ToInt32(Enum.Parse(runtimeEnum, name)), Convert.ToInt32(Enum.Parse(mirrorEnum, name)));
        }
    }

    /// <summary>
    /// Visits the types of every instance field and property, through arrays, nullables and generic arguments
    /// (so EquatableArray&lt;LayerSpec&gt; reaches LayerSpec), recursing into the generator's own types.
    /// </summary>
    private static void Walk(Type type, string path, HashSet<Type> visited, List<string> offenders)
    {
        if (CompilationBoundTypes.Any(bound => bound.IsAssignableFrom(type)))
        {
            offenders.Add($"{path} ({type.Name})");
            return;
        }

        if (type.IsArray)
        {
            Walk(type.GetElementType()!, path + "[]", visited, offenders);
            return;
        }

        if (type.IsGenericType)
        {
            foreach (Type argument in type.GetGenericArguments())
            {
                Walk(argument, $"{path}<{argument.Name}>", visited, offenders);
            }
        }

        // Only the generator's own types are opened up; framework and Roslyn value types (string, TextSpan, …) are leaves.
        if (type.Assembly != typeof(NetworkGenerator).Assembly || !visited.Add(type))
        {
            return;
        }

        const BindingFlags Instance = BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic;
        foreach (FieldInfo field in type.GetFields(Instance))
        {
            Walk(field.FieldType, $"{path}.{field.Name}", visited, offenders);
        }

        foreach (PropertyInfo property in type.GetProperties(Instance))
        {
            Walk(property.PropertyType, $"{path}.{property.Name}", visited, offenders);
        }
    }
}
