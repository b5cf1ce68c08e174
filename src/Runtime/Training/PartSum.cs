using System;
using System.Numerics;
using System.Numerics.Tensors;
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

        // More parts: one pass per part over the range, which stays in the L1 cache. TensorPrimitives' MultiplyAdd
        // rounds the product and the sum each on its own, as the two-part pass does.
        TensorPrimitives.Multiply(sum, weights[0], sum);
        for (int k = 1; k < parts; k++)
        {
            Span<float> part = others[k - 1].AsSpan(start, n);
            TensorPrimitives.MultiplyAdd(part, weights[k], sum, sum);
            part.Clear();
        }

        // gradient + s, or s + 0 when s is in the gradient (the addition a gradient of +0 would have performed).
        if (inGradient)
        {
            TensorPrimitives.Add(gradient, 0f, gradient);
        }
        else
        {
            TensorPrimitives.Add(gradient, sum, gradient);
            sum.Clear();
        }
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
}
