using System;

namespace StaticNet;

/// <summary>
/// The span members of .NET 5-8 the library calls, for netstandard2.1: the same results. Sorting is a heap sort, in place and
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
