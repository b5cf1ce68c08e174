namespace System.Runtime.CompilerServices;

/// <summary>The marker type the compiler needs for <c>init</c> accessors and records, absent from netstandard2.1.</summary>
internal static class IsExternalInit
{
}
