using System;
using System.Linq;
using System.Reflection;
using StaticNet.Generator.Emit;
using Xunit;

namespace StaticNet.Generator.Tests;

/// <summary>Every runtime name the generated code uses, from <see cref="RuntimeContract"/>, exists in StaticNet.dll.</summary>
public sealed class RuntimeContractTests
{
    private static readonly Assembly Runtime = typeof(StaticNet.INetwork).Assembly;

    public static TheoryData<string> Types() => new(RuntimeContract.Types);

    public static TheoryData<string> Methods() => new(RuntimeContract.Methods);

    [Theory]
    [MemberData(nameof(Types))]
    public void EveryType_IsPublicInTheRuntime(string name)
    {
        Type? type = Runtime.GetType(Unqualified(name));

        Assert.True(type is { IsPublic: true }, $"{name} is not a public type of {Runtime.GetName().Name}.");
    }

    [Theory]
    [MemberData(nameof(Methods))]
    public void EveryMethod_IsAPublicStaticMethodOfItsType(string name)
    {
        int dot = name.LastIndexOf('.');
        Type? type = Runtime.GetType(Unqualified(name.Substring(0, dot)));
        string method = name.Substring(dot + 1);

        Assert.NotNull(type);
        Assert.True(type!.GetMethods(BindingFlags.Public | BindingFlags.Static).Any(m => m.Name == method), $"{name} is not a public static method.");
    }

    [Fact]
    public void TheContract_ListsEveryRuntimeTypeTheGeneratedCodeNames()
    {
        string generated = GeneratorHarness.Run(Sources.DeepReLUSoftmax).Sources.Single().Text
            + GeneratorHarness.Run(Sources.Defaults).Sources.Single().Text
            + GeneratorHarness.Run(Sources.PerLayerActivations).Sources.Single().Text;
        string[] named = System.Text.RegularExpressions.Regex.Matches(generated, @"global::StaticNet\.(?:CompilerServices\.)?[A-Z][A-Za-z]*")
            .Select(m => m.Value).Distinct().ToArray();

        Assert.NotEmpty(named);
        Assert.All(named, name => Assert.Contains(name, RuntimeContract.Types));
    }

    private static string Unqualified(string name) => name.Replace("global::", string.Empty);
}
