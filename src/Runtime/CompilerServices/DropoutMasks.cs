using System;
using System.ComponentModel;

namespace StaticNet.CompilerServices;

/// <summary>
/// Inverted dropout for the training methods of generated networks: a hidden unit is dropped (its activation times 0)
/// with probability p and kept units are multiplied by 1/(1 − p), so the expected activation is unchanged and
/// inference needs no rescaling. The masks come from a counter-based generator: whether unit j of layer l of a sample
/// is dropped is a hash of (seed, round, sample, layer, j), where the round is a number the network takes once per
/// training call (one per batch) and the sample is the sample's position in its batch. Nothing is stored between
/// calls and no state is shared between threads, so a sample's masks are the same whichever thread or part of a
/// batch computes them, and a call can be replayed by passing its round again.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class DropoutMasks
{
    // SplitMix64's increment (2^64 / φ) and finalizer: the generator DeterministicRandom uses, here as a stateless hash.
    private const ulong Golden = 0x9E3779B97F4A7C15UL;

    /// <summary>
    /// Applies dropout to rows of activations in place, samples <paramref name="firstSample"/>, firstSample + 1, …:
    /// mask_j = 0 where the unit is dropped and 1/(1 − rate) where it is kept, a_j ← a_j·mask_j.
    /// </summary>
    /// <param name="activations">a[l] of one or more samples, row-major [rows × width]; becomes the dropped activations.</param>
    /// <param name="mask">Receives each unit's factor (0 or 1/(1 − rate)), which backpropagation multiplies δ by; same length.</param>
    /// <param name="beforeDropout">Receives a[l] before dropout, for a g' read from a (σ, tanh); empty when not needed.</param>
    /// <param name="width">Units per row (the layer's size).</param>
    /// <param name="rate">The probability p that a unit is dropped, in [0, 1).</param>
    /// <param name="seed">The network's seed.</param>
    /// <param name="round">The call's round (see the class remarks).</param>
    /// <param name="firstSample">The position in its batch of the first row's sample.</param>
    /// <param name="layer">The layer index l, so that layers of one sample get independent masks.</param>
    public static void Apply(Span<float> activations, Span<float> mask, Span<float> beforeDropout, int width, float rate, int seed, long round, long firstSample, int layer)
    {
        SpanLength.Require(mask, activations.Length, nameof(mask));
        SpanLength.RequireOptional(beforeDropout, activations.Length, nameof(beforeDropout));
        if (!beforeDropout.IsEmpty)
        {
            activations.CopyTo(beforeDropout);
        }

        float scale = 1f / (1f - rate);
        int rows = width == 0 ? 0 : activations.Length / width;
        for (int s = 0; s < rows; s++)
        {
            ulong sample = SampleKey(seed, round, firstSample + s);
            int offset = s * width;
            for (int j = 0; j < width; j++)
            {
                float factor = Uniform(sample, layer, j) < rate ? 0f : scale;
                mask[offset + j] = factor;
                activations[offset + j] *= factor;
            }
        }
    }

    /// <summary>δ ← δ ⊙ mask: no gradient reaches a dropped unit, and a kept one's is scaled as its activation was.</summary>
    /// <param name="delta">δ[l] of one or more samples.</param>
    /// <param name="mask">The factors <see cref="Apply"/> wrote, same length.</param>
    public static void Multiply(Span<float> delta, ReadOnlySpan<float> mask)
    {
        SpanLength.Require(mask, delta.Length, nameof(mask));
        for (int i = 0; i < delta.Length; i++)
        {
            delta[i] *= mask[i];
        }
    }

    /// <summary>The uniform number in [0, 1), 24 bits as <see cref="DeterministicRandom.NextSingle"/>, that decides unit <paramref name="unit"/> of layer <paramref name="layer"/>.</summary>
    internal static float Uniform(ulong sampleKey, int layer, int unit) =>
        (Mix(sampleKey + ((((ulong)(uint)layer << 32) | (uint)unit) * Golden)) >> 40) * (1f / (1 << 24));

    /// <summary>The key of one sample's masks: (seed, round, sample) hashed one after another.</summary>
    internal static ulong SampleKey(int seed, long round, long sample) =>
        Mix(Mix(Mix((ulong)(uint)seed) ^ (ulong)round) ^ (ulong)sample);

    /// <summary>SplitMix64's step and finalizer on <paramref name="value"/>: every input bit reaches every output bit.</summary>
    private static ulong Mix(ulong value)
    {
        ulong z = unchecked(value + Golden);
        z = unchecked((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL);
        z = unchecked((z ^ (z >> 27)) * 0x94D049BB133111EBUL);
        return z ^ (z >> 31);
    }
}
