using System;

namespace StaticNet.Benchmarks.Throughput;

/// <summary>
/// The bytes one call of a benchmark must bring in from memory (its weights, mostly), for <see cref="BandwidthColumn"/>:
/// a single sample of a large layer does one multiply-add per weight it loads, so its floor is how fast the core reads.
/// </summary>
/// <param name="bytes">Bytes read per call.</param>
[AttributeUsage(AttributeTargets.Method)]
internal sealed class BytesReadAttribute(int bytes) : Attribute
{
    /// <summary>Bytes read per call.</summary>
    public int Bytes { get; } = bytes;
}
