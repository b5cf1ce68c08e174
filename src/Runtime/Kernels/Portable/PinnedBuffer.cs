namespace StaticNet.CompilerServices;

/// <summary>
/// The portable build's parameter buffers: netstandard2.1 has no pinned object heap, so a buffer is an ordinary array
/// the GC may move, and the aligned view starts at its first element, the one offset that stays true when it moves.
/// The scalar kernels load one float at a time, so alignment would buy them nothing.
/// </summary>
internal static class PinnedBuffer
{
    /// <summary>A zeroed buffer of <paramref name="length"/> floats.</summary>
    public static float[] Allocate(int length) => new float[length];

    /// <summary>Always 0: the view starts at the first element.</summary>
    public static int ElementsToBoundary(float[] buffer, int alignment) => 0;
}
