// Shared by the runtime (net10.0) and the generator (netstandard2.0).
using System;
using System.Collections.Generic;

namespace StaticNet.Interop;

/// <summary>
/// Orders module names as a person reads them: runs of digits compare as numbers, so <c>fc9</c> comes before
/// <c>fc10</c> and <c>net.2</c> before <c>net.10</c>, where an ordinal sort would put them the other way round.
/// </summary>
internal sealed class NaturalOrder : IComparer<string>
{
    /// <summary>The one instance; the comparer has no state.</summary>
    public static readonly NaturalOrder Instance = new();

    private NaturalOrder()
    {
    }

    /// <summary>
    /// Compares two names; 0 means they read as the same position (equal, or differing only in leading zeros such as
    /// <c>fc1</c> and <c>fc01</c>, which callers treat as ambiguous).
    /// </summary>
    public int Compare(string? x, string? y)
    {
        x ??= string.Empty;
        y ??= string.Empty;
        int i = 0, j = 0;
        while (i < x.Length && j < y.Length)
        {
            if (IsDigit(x[i]) && IsDigit(y[j]))
            {
                int endX = EndOfDigits(x, i), endY = EndOfDigits(y, j);
                int order = CompareNumbers(x, i, endX, y, j, endY);
                if (order != 0)
                {
                    return order;
                }

                i = endX;
                j = endY;
                continue;
            }

            if (x[i] != y[j])
            {
                return x[i].CompareTo(y[j]);
            }

            i++;
            j++;
        }

        return (x.Length - i).CompareTo(y.Length - j);
    }

    private static int CompareNumbers(string x, int startX, int endX, string y, int startY, int endY)
    {
        // Without leading zeros, a longer run of digits is the larger number; equal lengths compare digit by digit,
        // which also works for numbers too long for any integer type.
        startX = SkipZeros(x, startX, endX);
        startY = SkipZeros(y, startY, endY);
        int lengthOrder = (endX - startX).CompareTo(endY - startY);
        if (lengthOrder != 0)
        {
            return lengthOrder;
        }

        return Math.Sign(string.CompareOrdinal(x, startX, y, startY, endX - startX));
    }

    private static int SkipZeros(string s, int start, int end)
    {
        while (start < end - 1 && s[start] == '0')
        {
            start++;
        }

        return start;
    }

    private static int EndOfDigits(string s, int start)
    {
        while (start < s.Length && IsDigit(s[start]))
        {
            start++;
        }

        return start;
    }

    private static bool IsDigit(char c) => c >= '0' && c <= '9';
}
