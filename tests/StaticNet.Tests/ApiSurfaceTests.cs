using System;
using System.ComponentModel;
using System.Reflection;
using Xunit;

namespace StaticNet.Tests;

/// <summary>
/// IntelliSense shows users the API meant for them: the runtime types that only generated code calls are public (they
/// must be, the generated code lives in the user's assembly) but marked EditorBrowsable(Never); the rest are not.
/// </summary>
public sealed class ApiSurfaceTests
{
    [Theory]
    [InlineData(typeof(OutputError))]
    [InlineData(typeof(ParameterMemory))]
    [InlineData(typeof(SpanLength))]
    public void GeneratedCodeSupport_IsHiddenFromCompletion(Type type)
    {
        Assert.Equal(EditorBrowsableState.Never, type.GetCustomAttribute<EditorBrowsableAttribute>()?.State);
    }

    [Theory]
    [InlineData(typeof(NetworkAttribute))]
    [InlineData(typeof(Trainer))]
    [InlineData(typeof(Adam))]
    [InlineData(typeof(Losses))]
    [InlineData(typeof(GradientCheck))]
    [InlineData(typeof(ParameterInitializer))]
    public void UserFacingTypes_AreShown(Type type)
    {
        Assert.Null(type.GetCustomAttribute<EditorBrowsableAttribute>());
    }
}
