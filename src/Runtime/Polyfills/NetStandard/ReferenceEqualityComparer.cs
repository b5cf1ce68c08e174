using System.Runtime.CompilerServices;

namespace System.Collections.Generic;

/// <summary>.NET 5's comparer by object identity, for netstandard2.1: equal only when the same instance.</summary>
internal sealed class ReferenceEqualityComparer : IEqualityComparer<object?>
{
    private ReferenceEqualityComparer()
    {
    }

    /// <summary>The one instance.</summary>
    public static ReferenceEqualityComparer Instance { get; } = new();

    /// <inheritdoc/>
    public new bool Equals(object? x, object? y) => ReferenceEquals(x, y);

    /// <inheritdoc/>
    public int GetHashCode(object? obj) => RuntimeHelpers.GetHashCode(obj!);
}
