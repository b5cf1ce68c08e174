using System;

namespace StaticNet;

/// <summary>.NET 9's <c>Convert.ToHexStringLower</c>, for the net8.0 build: the same lower-case hex digits.</summary>
internal static class ConvertPolyfills
{
    extension(Convert)
    {
        public static string ToHexStringLower(ReadOnlySpan<byte> bytes) =>
#pragma warning disable CA1308 // hex digits are ASCII: lower-casing them is exact in every culture.
            Convert.ToHexString(bytes).ToLowerInvariant();
#pragma warning restore CA1308
    }
}
