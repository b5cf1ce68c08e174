using System;
using System.ComponentModel;
using System.Linq;
using System.Reflection;
using System.Runtime.CompilerServices;
using StaticNet.Generator.Emit;
using Xunit;

namespace StaticNet.Tests;

/// <summary>
/// IntelliSense shows users the API meant for them. What only generated code calls must be public (the generated code
/// lives in the user's assembly), so it sits apart: in <c>StaticNet.CompilerServices</c>, every type there marked
/// EditorBrowsable(Never) and listed in the generator's <see cref="RuntimeContract"/> (compiled into this project from
/// the generator's source), and nothing hidden anywhere else. The ONNX assembly uses public API and what src/Shared
/// compiles into it, not the runtime's internals.
/// </summary>
public sealed class ApiSurfaceTests
{
    private const string HiddenNamespace = "StaticNet.CompilerServices";

    private static readonly Assembly Runtime = typeof(INetwork).Assembly;

    private static readonly string[] ContractNames = RuntimeContract.Types.Select(name => name.Replace("global::", string.Empty)).ToArray();

    public static TheoryData<string> ContractTypes() => new(ContractNames);

    [Theory]
    [MemberData(nameof(ContractTypes))]
    public void ContractType_IsHiddenExactlyWhenItIsInTheCompilerServicesNamespace(string name)
    {
        Type type = Runtime.GetType(name) ?? throw new InvalidOperationException($"{name} is not a type of {Runtime.GetName().Name}.");

        Assert.Equal(type.Namespace == HiddenNamespace, IsHidden(type));
    }

    [Fact]
    public void EveryTypeInTheCompilerServicesNamespace_IsInTheContractAndHidden()
    {
        Type[] support = Runtime.GetExportedTypes().Where(t => t.Namespace == HiddenNamespace).ToArray();

        Assert.NotEmpty(support);
        Assert.All(support, type =>
        {
            Assert.Contains(type.FullName, ContractNames);
            Assert.True(IsHidden(type), $"{type.FullName} is not marked [EditorBrowsable(EditorBrowsableState.Never)].");
        });
    }

    [Fact]
    public void NothingOutsideTheCompilerServicesNamespace_IsHidden()
    {
        // A hidden type or member elsewhere would be support for generated code outside the boundary.
        string[] hidden = Runtime.GetExportedTypes()
            .Where(t => t.Namespace != HiddenNamespace)
            .SelectMany(t => new MemberInfo[] { t }.Concat(t.GetMembers(BindingFlags.Public | BindingFlags.Static | BindingFlags.Instance | BindingFlags.DeclaredOnly)))
            .Where(IsHidden)
            .Select(m => m is Type t ? t.FullName! : $"{m.DeclaringType!.FullName}.{m.Name}")
            .ToArray();

        Assert.Empty(hidden);
    }

    [Fact]
    public void TheRuntimeAndTheOnnxAssembly_OpenTheirInternalsOnlyToTheRuntimeTests()
    {
        // What both assemblies need (weight layout, stream checks, atomic writes) is compiled into each from src/Shared.
        Assert.Equal(["StaticNet.Tests"], Runtime.GetCustomAttributes<InternalsVisibleToAttribute>().Select(a => a.AssemblyName));
        Assert.Empty(typeof(Onnx).Assembly.GetCustomAttributes<InternalsVisibleToAttribute>());
    }

    private static bool IsHidden(MemberInfo member) =>
        member.GetCustomAttribute<EditorBrowsableAttribute>()?.State == EditorBrowsableState.Never;
}
