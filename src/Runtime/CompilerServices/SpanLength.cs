using System;
using System.ComponentModel;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;

namespace StaticNet.CompilerServices;

/// <summary>Length checks for span arguments, shared by generated networks and the runtime.</summary>
/// <remarks>The throw lives in a separate non-inlined method so that the check itself stays a compare and a branch.</remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class SpanLength
{
    /// <summary>Throws <see cref="ArgumentException"/> unless <paramref name="span"/> holds exactly <paramref name="expected"/> elements.</summary>
    /// <param name="span">The argument to check.</param>
    /// <param name="expected">The length the callee needs.</param>
    /// <param name="parameterName">The name of the argument, reported in the exception.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Require(ReadOnlySpan<float> span, int expected, string parameterName)
    {
        if (span.Length != expected)
        {
            ThrowWrongLength(parameterName, expected, span.Length);
        }
    }

    /// <summary>Throws unless <paramref name="span"/> is empty or holds exactly <paramref name="expected"/> elements.</summary>
    /// <param name="span">The argument to check; empty means "not wanted".</param>
    /// <param name="expected">The length the callee needs when the span is not empty.</param>
    /// <param name="parameterName">The name of the argument, reported in the exception.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void RequireOptional(ReadOnlySpan<float> span, int expected, string parameterName)
    {
        if (span.Length != expected && !span.IsEmpty)
        {
            ThrowWrongLength(parameterName, expected, span.Length, optional: true);
        }
    }

    /// <summary>
    /// Checks a row-major batch of rows of <paramref name="rowLength"/> values and returns how many rows it holds;
    /// throws unless it holds at least one whole row and nothing else.
    /// </summary>
    /// <param name="span">The batch.</param>
    /// <param name="rowLength">The length of one row (one sample).</param>
    /// <param name="parameterName">The name of the argument, reported in the exception.</param>
    public static int RequireRows(ReadOnlySpan<float> span, int rowLength, string parameterName)
    {
        if (span.Length == 0 || span.Length % rowLength != 0)
        {
            throw new ArgumentException(
                $"'{parameterName}' must hold one or more whole rows of {rowLength} values, but has length {span.Length}.",
                parameterName);
        }

        return span.Length / rowLength;
    }

    // Kept a few IL bytes long so that the JIT reads it, sees that it always throws, and treats every call as not
    // returning: the code after a check then knows the span's length and drops the bounds checks that follow.
    [DoesNotReturn]
    private static void ThrowWrongLength(string parameterName, int expected, int actual, bool optional = false) =>
        throw WrongLength(parameterName, expected, actual, optional);

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static ArgumentException WrongLength(string parameterName, int expected, int actual, bool optional)
    {
        string allowed = optional ? $"{expected} (or 0 to skip it)" : expected.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return new ArgumentException($"'{parameterName}' must have length {allowed}, but has length {actual}.", parameterName);
    }
}
