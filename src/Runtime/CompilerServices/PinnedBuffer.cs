using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace StaticNet.CompilerServices;

/// <summary>Float buffers on the pinned object heap, whose element addresses never change (the .NET builds).</summary>
internal static class PinnedBuffer
{
    /// <summary>A zeroed buffer of <paramref name="length"/> floats that the GC never moves.</summary>
    public static float[] Allocate(int length) => GC.AllocateArray<float>(length, pinned: true);

    /// <summary>How many elements from the start of <paramref name="buffer"/> the first <paramref name="alignment"/>-byte boundary is.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int ElementsToBoundary(float[] buffer, int alignment)
    {
        // The element's address, read without an unsafe context; the buffer is pinned, so it stays true.
        nint address = (nint)Unsafe.ByteOffset(ref Unsafe.NullRef<float>(), ref MemoryMarshal.GetArrayDataReference(buffer));
        return (int)((-address) & (alignment - 1)) / sizeof(float);
    }
}
