namespace System.Runtime.CompilerServices;

/// <summary>Lets netstandard2.0 compile records and init-only setters; the type is missing from that framework.</summary>
internal static class IsExternalInit
{
}
