namespace StaticNet;

/// <summary>
/// A small seeded generator (SplitMix64) whose sequence is fixed by this library, not by the .NET version or the
/// platform, so that <c>new MyNet(seed)</c> gives the same parameters everywhere, bit for bit.
/// </summary>
public struct DeterministicRandom
{
    private ulong _state;

    /// <summary>Starts the sequence for <paramref name="seed"/>.</summary>
    /// <param name="seed">Any value; equal seeds give equal sequences.</param>
    public DeterministicRandom(int seed)
    {
        // Spread small consecutive seeds apart so that seed 1 and seed 2 do not start with related states.
        _state = unchecked((ulong)(uint)seed * 0x9E3779B97F4A7C15UL + 0x6A09E667F3BCC909UL);
    }

    /// <summary>The next 64 random bits.</summary>
    public ulong NextUInt64()
    {
        ulong z = unchecked(_state += 0x9E3779B97F4A7C15UL);
        z = unchecked((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL);
        z = unchecked((z ^ (z >> 27)) * 0x94D049BB133111EBUL);
        return z ^ (z >> 31);
    }

    /// <summary>A uniform float in [0, 1) with 24 random bits (every representable step of that width).</summary>
    public float NextSingle() => (NextUInt64() >> 40) * (1f / (1 << 24));

    /// <summary>A uniform integer in [0, <paramref name="maxExclusive"/>).</summary>
    /// <param name="maxExclusive">The exclusive upper bound; must be positive.</param>
    public int NextInt32(int maxExclusive)
    {
        if (maxExclusive <= 0)
        {
            throw new System.ArgumentOutOfRangeException(nameof(maxExclusive), maxExclusive, "Must be positive.");
        }

        // Multiply-shift maps 32 random bits onto the range with a bias below 2^-32 per value.
        return (int)(((NextUInt64() >> 32) * (ulong)maxExclusive) >> 32);
    }

    /// <summary>
    /// Shuffles <paramref name="values"/> in place (Fisher–Yates, from the end): the one shuffle the library uses,
    /// for dataset splits and for every epoch of training, so a seed means the same order everywhere.
    /// </summary>
    /// <param name="values">The values to permute.</param>
    public void Shuffle(System.Span<int> values)
    {
        for (int i = values.Length - 1; i > 0; i--)
        {
            int j = NextInt32(i + 1);
            (values[i], values[j]) = (values[j], values[i]);
        }
    }

    /// <summary>A uniform float in [-<paramref name="bound"/>, <paramref name="bound"/>).</summary>
    /// <param name="bound">Half the width of the interval.</param>
    public float NextSymmetric(float bound) => (2f * NextSingle() - 1f) * bound;
}
