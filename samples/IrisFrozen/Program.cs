using System;
using System.Globalization;
using StaticNet.Samples.Iris;
using StaticNet.Samples.IrisFrozen;

// Trains the Iris sample's network again (same data, split and seed) and compares its outputs on the held-out samples
// with FrozenIrisNet.Predict, whose weights were compiled in from iris.weights.json, the file the Iris sample wrote.
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
IrisExperiment.Outcome outcome = IrisExperiment.Run(args.Length > 0 ? args[0] : IrisExperiment.DefaultDataPath);

int identical = 0, sameClass = 0;
double largest = 0;
Span<float> trained = stackalloc float[FrozenIrisNet.OutputSize], frozen = stackalloc float[FrozenIrisNet.OutputSize];
for (int s = 0; s < outcome.Test.Count; s++)
{
    outcome.Network.Forward(outcome.Test.FeaturesOf(s), trained);
    // <docs:frozen-predict>
    FrozenIrisNet.Predict(outcome.Test.FeaturesOf(s), frozen);   // static: no instance, no file, no allocation
    // </docs:frozen-predict>
    identical += trained.SequenceEqual(frozen) ? 1 : 0;
    sameClass += ArgMax(trained) == ArgMax(frozen) ? 1 : 0;
    for (int j = 0; j < trained.Length; j++)
    {
        largest = Math.Max(largest, Math.Abs(trained[j] - frozen[j]));
    }
}

Console.WriteLine($"FrozenIrisNet ({FrozenIrisNet.ParameterCount} parameters compiled in) against the Iris sample's trained network on {outcome.Test.Count} held-out samples:");
Console.WriteLine($"  identical outputs: {identical} of {outcome.Test.Count}; same class: {sameClass} of {outcome.Test.Count}; largest difference {largest:G3}");

// Training runs the same kernels in the same order on every run of one machine, so the outputs are bit-identical
// there; a CPU with other vector widths may round differently in the last bits, which the class never notices.
return sameClass == outcome.Test.Count && largest <= 1e-5 ? 0 : 1;

static int ArgMax(ReadOnlySpan<float> values)
{
    int best = 0;
    for (int i = 1; i < values.Length; i++)
    {
        best = values[i] > values[best] ? i : best;
    }

    return best;
}
