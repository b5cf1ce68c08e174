using StaticNet;

namespace StaticNet.Determinism;

/// <summary>
/// The data the deterministic networks are trained on, in the hash program and in the golden-hash tests (which compile
/// this file): inputs in [-1, 1) and targets (one-hot classes, or values in (0, 1)) from the package's integer
/// generator, so every platform builds the same floats.
/// </summary>
internal static class HashData
{
    /// <summary>A data set of <paramref name="samples"/> samples from <paramref name="seed"/>.</summary>
    public static Dataset Create(int inputs, int outputs, int samples, bool classes, int seed)
    {
        var random = new DeterministicRandom(seed);
        var features = new float[samples * inputs];
        for (int i = 0; i < features.Length; i++)
        {
            features[i] = random.NextSymmetric(1f);
        }

        var targets = new float[samples * outputs];
        for (int s = 0; s < samples; s++)
        {
            if (classes)
            {
                targets[(s * outputs) + random.NextInt32(outputs)] = 1f;
            }
            else
            {
                for (int k = 0; k < outputs; k++)
                {
                    targets[(s * outputs) + k] = 0.05f + (0.9f * random.NextSingle());
                }
            }
        }

        return new Dataset(features, inputs, targets, outputs);
    }
}
