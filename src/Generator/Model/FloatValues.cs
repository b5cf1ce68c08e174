using System;
using System.Collections;
using System.Collections.Generic;
using System.Runtime.InteropServices;

namespace StaticNet.Generator.Model;

/// <summary>
/// Floats compared by their bits, for values written into generated code: EquatableArray&lt;float&gt; would call 0
/// and −0 equal (float.Equals), so changing a weight from one to the other would leave the old literal cached.
/// </summary>
internal readonly struct FloatValues : IEquatable<FloatValues>, IReadOnlyList<float>
{
    private readonly float[]? _values;

    public FloatValues(float[] values) => _values = values;

    public int Count => _values?.Length ?? 0;

    public float this[int index] => _values![index];

    private ReadOnlySpan<int> Bits => MemoryMarshal.Cast<float, int>(_values.AsSpan());

    public bool Equals(FloatValues other) => Bits.SequenceEqual(other.Bits);

    public override bool Equals(object? obj) => obj is FloatValues other && Equals(other);

    public override int GetHashCode()
    {
        unchecked
        {
            int hash = 17;
            foreach (int bits in Bits)
            {
                hash = (hash * 31) + bits;
            }

            return hash;
        }
    }

    public IEnumerator<float> GetEnumerator() => ((IEnumerable<float>)(_values ?? Array.Empty<float>())).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
