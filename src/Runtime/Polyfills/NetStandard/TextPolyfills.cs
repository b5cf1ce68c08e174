using System;
using System.Text;

namespace StaticNet;

/// <summary>
/// The text members of .NET 6-8 the runtime calls, for netstandard2.1. <c>string.Create(provider, $"…")</c> formats
/// through <see cref="FormattableString"/> (the interpolation handler is .NET 6), with the same culture and text.
/// </summary>
internal static class TextPolyfills
{
    extension(string)
    {
        public static string Create(IFormatProvider provider, FormattableString text) => text.ToString(provider);

        public static string Concat(ReadOnlySpan<char> first, string second) => first.ToString() + second;
    }

    extension(StringBuilder builder)
    {
        public StringBuilder Append(IFormatProvider provider, FormattableString text) => builder.Append(text.ToString(provider));
    }

    extension(char)
    {
        public static bool IsAsciiLetterOrDigit(char c) => c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9');
    }

    extension(Convert)
    {
        public static string ToHexString(ReadOnlySpan<byte> bytes)
        {
            const string Digits = "0123456789ABCDEF";
            var text = new StringBuilder(bytes.Length * 2);
            foreach (byte b in bytes)
            {
                text.Append(Digits[b >> 4]).Append(Digits[b & 0xF]);
            }

            return text.ToString();
        }
    }
}
