using static StaticNet.WeightLayout;

namespace StaticNet;

/// <summary>One tensor as a safetensors header describes it.</summary>
/// <param name="Name">Its key in the header.</param>
/// <param name="DType">Its dtype string, e.g. <c>F32</c>.</param>
/// <param name="Shape">Its dimensions, each non-negative.</param>
/// <param name="Begin">Where its bytes begin, relative to the start of the data section.</param>
/// <param name="End">Where its bytes end (exclusive).</param>
internal sealed record TensorEntry(string Name, string DType, long[] Shape, ulong Begin, ulong End)
{
    /// <summary>The offsets as the messages show them, e.g. <c>[0,80]</c>.</summary>
    public string Offsets => Invariant($"[{Begin},{End}]");
}
