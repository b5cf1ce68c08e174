using System;
using System.Numerics;
using System.Runtime.InteropServices;

namespace StaticNet;

/// <summary>
/// The sum of <see cref="ParallelBackward"/>'s parts over one range of the parameters:
/// gradient ← gradient + s, s = w_0·g_0 + w_1·g_1 + … in part order, each product and each sum rounded on its own (no
/// fused multiply-add, so every vector width and the scalar tail round alike), and the part buffers' range cleared for
/// the next batch while it is in cache. The range was just written by the parts and is read once: with two parts
/// (a batch of 64) one pass keeps s in a register from the first part to the gradient.
/// </summary>
internal static class PartSum
{
    /// <summary>Sums one range.</summary>
    /// <param name="gradient">The caller's gradient over the range; when <paramref name="first"/> is null it holds the first part.</param>
    /// <param name="first">
    /// The first part's buffer over the range, or null when the first part was computed into a zero gradient: then
    /// the last operation is s + 0, the very addition gradient + s performs on a gradient of +0.
    /// </param>
    /// <param name="others">Every later part's buffer (index k − 1 for part k; only the first parts − 1 are used).</param>
    /// <param name="weights">w_k per part.</param>
    /// <param name="parts">The number of parts, at least 1.</param>
    /// <param name="start">The range's first element in the part buffers.</param>
    public static void Add(Span<float> gradient, Span<float> first, float[][] others, float[] weights, int parts, int start)
    {
        bool inGradient = first.IsEmpty;
        Span<float> sum = inGradient ? gradient : first;
        int n = gradient.Length;
        if (parts == 2)
        {
            AddTwo(gradient, sum, others[0].AsSpan(start, n), weights[0], weights[1], inGradient);
            return;
        }

        // More parts: one pass per part over the range, which stays in the L1 cache.
        Multiply(sum, weights[0]);
        for (int k = 1; k < parts; k++)
        {
            Span<float> part = others[k - 1].AsSpan(start, n);
            MultiplyAdd(part, weights[k], sum);
            part.Clear();
        }

        Finish(gradient, sum, inGradient);
    }

    private static void AddTwo(Span<float> gradient, Span<float> sum, Span<float> second, float w0, float w1, bool inGradient)
    {
        Span<Vector<float>> g = MemoryMarshal.Cast<float, Vector<float>>(gradient);
        Span<Vector<float>> s0 = MemoryMarshal.Cast<float, Vector<float>>(sum);
        Span<Vector<float>> s1 = MemoryMarshal.Cast<float, Vector<float>>(second);
        int i = 0;
        if (inGradient)
        {
            for (; i < g.Length; i++)
            {
                Vector<float> s = (s1[i] * w1) + (s0[i] * w0);
                s1[i] = Vector<float>.Zero;
                g[i] = s + Vector<float>.Zero;
            }
        }
        else
        {
            for (; i < g.Length; i++)
            {
                Vector<float> s = (s1[i] * w1) + (s0[i] * w0);
                s0[i] = Vector<float>.Zero;
                s1[i] = Vector<float>.Zero;
                g[i] = g[i] + s;
            }
        }

        for (i *= Vector<float>.Count; i < gradient.Length; i++)
        {
            float s = (second[i] * w1) + (sum[i] * w0);
            second[i] = 0f;
            if (inGradient)
            {
                gradient[i] = s + 0f;
            }
            else
            {
                sum[i] = 0f;
                gradient[i] = gradient[i] + s;
            }
        }
    }

    /// <summary>x ← x·w.</summary>
    private static void Multiply(Span<float> x, float w)
    {
        Span<Vector<float>> v = MemoryMarshal.Cast<float, Vector<float>>(x);
        for (int i = 0; i < v.Length; i++)
        {
            v[i] *= w;
        }

        for (int i = v.Length * Vector<float>.Count; i < x.Length; i++)
        {
            x[i] *= w;
        }
    }

    /// <summary>sum ← part·w + sum.</summary>
    private static void MultiplyAdd(ReadOnlySpan<float> part, float w, Span<float> sum)
    {
        ReadOnlySpan<Vector<float>> p = MemoryMarshal.Cast<float, Vector<float>>(part);
        Span<Vector<float>> s = MemoryMarshal.Cast<float, Vector<float>>(sum);
        for (int i = 0; i < s.Length; i++)
        {
            s[i] = (p[i] * w) + s[i];
        }

        for (int i = s.Length * Vector<float>.Count; i < sum.Length; i++)
        {
            sum[i] = (part[i] * w) + sum[i];
        }
    }

    /// <summary>gradient ← gradient + sum (sum + 0 when the sum is in the gradient), then the first part's range cleared.</summary>
    private static void Finish(Span<float> gradient, Span<float> sum, bool inGradient)
    {
        Span<Vector<float>> g = MemoryMarshal.Cast<float, Vector<float>>(gradient);
        Span<Vector<float>> s = MemoryMarshal.Cast<float, Vector<float>>(sum);
        for (int i = 0; i < g.Length; i++)
        {
            g[i] = inGradient ? s[i] + Vector<float>.Zero : g[i] + s[i];
        }

        for (int i = g.Length * Vector<float>.Count; i < gradient.Length; i++)
        {
            gradient[i] = inGradient ? sum[i] + 0f : gradient[i] + sum[i];
        }

        if (!inGradient)
        {
            sum.Clear();
        }
    }
}
