using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace StaticNet.Generator.Parsing;

/// <summary>Reads the facts of <see cref="Model.CompilationCapabilities"/> from Roslyn's compilation and parse options.</summary>
internal static class CapabilityReader
{
    /// <summary>
    /// Whether the vector form can compile here: <c>System.Runtime.Intrinsics.Vector256&lt;T&gt;</c> is visible (.NET
    /// Core 3.0 and later have it, netstandard2.1, Unity's API level, and .NET Framework do not), and the StaticNet
    /// runtime referenced, if any, is a build with <c>VectorActivations</c>: its netstandard2.1 build has none, and a
    /// .NET project given that build (a Unity-style plugin folder, a test of the portable build) gets the scalar form.
    /// </summary>
    public static bool HasVectorIntrinsics(Compilation compilation) =>
        compilation.GetTypeByMetadataName("System.Runtime.Intrinsics.Vector256`1") is not null &&
        (compilation.GetTypeByMetadataName("StaticNet.CompilerServices.NetworkMath") is null ||
         compilation.GetTypeByMetadataName("StaticNet.CompilerServices.VectorActivations") is not null);

    /// <summary>The effective C# version (Latest and Preview already resolved by Roslyn), as its number.</summary>
    public static int LanguageVersion(ParseOptions options) =>
        options is CSharpParseOptions csharp ? (int)csharp.LanguageVersion : int.MaxValue;
}
