using System;
using System.Diagnostics;

namespace StaticNet.Kernels;

/// <summary>The element-wise kernels of the portable build: the operator's scalar form on each element in turn.</summary>
internal static class Elementwise
{
    /// <summary>y = f(x) element by element; <paramref name="y"/> may be <paramref name="x"/>. The public kernels check the lengths.</summary>
    public static void Apply<TOperator>(TOperator f, ReadOnlySpan<float> x, Span<float> y)
        where TOperator : struct, IUnaryOperator
    {
        Debug.Assert(x.Length == y.Length);
        for (int i = 0; i < x.Length; i++)
        {
            y[i] = f.Invoke(x[i]);
        }
    }

    /// <summary>δ ← δ ⊙ g'(v) element by element. The public kernels check the lengths.</summary>
    public static void MultiplyInPlace<TOperator>(TOperator g, Span<float> delta, ReadOnlySpan<float> value)
        where TOperator : struct, IDerivativeOperator
    {
        Debug.Assert(value.Length == delta.Length);
        for (int i = 0; i < delta.Length; i++)
        {
            delta[i] = g.Invoke(delta[i], value[i]);
        }
    }

    /// <summary>y = f(x) as deterministic networks compute it: the operator's twin of the vector builds' one form.</summary>
    public static void ApplyFused<TOperator>(TOperator f, ReadOnlySpan<float> x, Span<float> y)
        where TOperator : struct, IUnaryOperator
    {
        Debug.Assert(x.Length == y.Length);
        for (int i = 0; i < x.Length; i++)
        {
            y[i] = f.EvaluateFused(x[i]);
        }
    }

    /// <summary>δ ← δ ⊙ g'(v) as deterministic networks compute it (see <see cref="ApplyFused{TOperator}"/>).</summary>
    public static void MultiplyInPlaceFused<TOperator>(TOperator g, Span<float> delta, ReadOnlySpan<float> value)
        where TOperator : struct, IDerivativeOperator
    {
        Debug.Assert(value.Length == delta.Length);
        for (int i = 0; i < delta.Length; i++)
        {
            delta[i] = g.EvaluateFused(delta[i], value[i]);
        }
    }
}
