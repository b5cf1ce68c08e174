using System;
using StaticNet.CompilerServices;

namespace StaticNet;

/// <summary>Per-parameter state buffers shared by the optimizers: allocated on the first step, then reused.</summary>
internal static class OptimizerState
{
    /// <summary>
    /// Checks that <paramref name="gradient"/> matches <paramref name="parameters"/> and returns <paramref name="buffer"/>,
    /// allocating it on first use. A later call with another parameter count is an error: state for one network
    /// must not silently carry over to another.
    /// </summary>
    public static float[] Ensure(ref float[]? buffer, ReadOnlySpan<float> parameters, ReadOnlySpan<float> gradient)
    {
        SpanLength.Require(gradient, parameters.Length, nameof(gradient));
        if (buffer is null)
        {
            buffer = new float[parameters.Length];
        }
        else if (buffer.Length != parameters.Length)
        {
            throw new ArgumentException(
                $"'parameters' must have length {buffer.Length} (the length this optimizer was first used with), but has length {parameters.Length}. Call Reset() before reusing the optimizer for another network.",
                nameof(parameters));
        }

        return buffer;
    }
}
