namespace System.Runtime.CompilerServices;

/// <summary>The attribute that lets the throw helpers name the argument, absent from netstandard2.1; the compiler reads it by name.</summary>
[AttributeUsage(AttributeTargets.Parameter)]
internal sealed class CallerArgumentExpressionAttribute(string parameterName) : Attribute
{
    /// <summary>The parameter whose expression is passed.</summary>
    public string ParameterName { get; } = parameterName;
}
