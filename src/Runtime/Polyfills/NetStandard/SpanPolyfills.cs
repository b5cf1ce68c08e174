using System;
using System.Numerics.Tensors;

namespace StaticNet;

/// <summary>
/// The span and TensorPrimitives members of .NET 5-8 the library calls, for netstandard2.1 (whose TensorPrimitives is
/// the float-only .NET Standard build): the same results element by element. Sorting is a heap sort, in place and
/// allocation-free like MemoryExtensions.Sort and, like it, not stable (callers that need stability sort runs after).
/// </summary>
internal static class SpanPolyfills
{
    extension(Span<byte> span)
    {
        public int Count(byte value)
        {
            int count = 0;
            foreach (byte b in span)
            {
                count += b == value ? 1 : 0;
            }

            return count;
        }
    }

    extension<TKey>(Span<TKey> keys)
        where TKey : IComparable<TKey>
    {
        public void Sort() => keys.Sort(Span<int>.Empty);

        public void Sort<TItem>(Span<TItem> items)
        {
            for (int start = (keys.Length / 2) - 1; start >= 0; start--)
            {
                SiftDown(keys, items, start, keys.Length);
            }

            for (int end = keys.Length - 1; end > 0; end--)
            {
                Swap(keys, items, 0, end);
                SiftDown(keys, items, 0, end);
            }
        }
    }

    extension(TensorPrimitives)
    {
        public static void Sqrt(ReadOnlySpan<float> x, Span<float> destination)
        {
            for (int i = 0; i < x.Length; i++)
            {
                destination[i] = MathF.Sqrt(x[i]);
            }
        }

        public static float Norm<T>(ReadOnlySpan<float> x) => TensorPrimitives.Norm(x);

        public static void Clamp<T>(ReadOnlySpan<float> x, float min, float max, Span<float> destination)
        {
            for (int i = 0; i < x.Length; i++)
            {
                destination[i] = Math.Clamp(x[i], min, max);
            }
        }

        public static bool IsFiniteAll<T>(ReadOnlySpan<float> x)
        {
            foreach (float value in x)
            {
                if (!float.IsFinite(value))
                {
                    return false;
                }
            }

            return true;
        }
    }

    private static void SiftDown<TKey, TItem>(Span<TKey> keys, Span<TItem> items, int root, int end)
        where TKey : IComparable<TKey>
    {
        while (true)
        {
            int child = (2 * root) + 1;
            if (child >= end)
            {
                return;
            }

            if (child + 1 < end && keys[child].CompareTo(keys[child + 1]) < 0)
            {
                child++;
            }

            if (keys[root].CompareTo(keys[child]) >= 0)
            {
                return;
            }

            Swap(keys, items, root, child);
            root = child;
        }
    }

    private static void Swap<TKey, TItem>(Span<TKey> keys, Span<TItem> items, int i, int j)
    {
        (keys[i], keys[j]) = (keys[j], keys[i]);
        if (!items.IsEmpty)
        {
            (items[i], items[j]) = (items[j], items[i]);
        }
    }
}
