using System;
using System.Globalization;
using System.IO;
using StaticNet;
using StaticNet.Samples.Iris;

// Trains a 4-8-3 ReLU/softmax network on Fisher's Iris data (shipped as Data/iris.csv), reports test accuracy and
// the confusion matrix, then saves the weights as safetensors, reloads them and checks the predictions match, and
// writes them as iris.weights.json (args[1], or the working directory), the file samples/IrisFrozen compiles in.
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
string csvPath = args.Length > 0 ? args[0] : IrisExperiment.DefaultDataPath;
Console.WriteLine($"Network: {string.Join("-", IrisNet.LayerSizes.ToArray())} (ReLU, softmax, cross-entropy), {IrisNet.ParameterCount} parameters; Adam, batch 8, seed {IrisExperiment.Seed}.");

IrisExperiment.Outcome outcome = IrisExperiment.Run(csvPath, new EpochPrinter());
Console.WriteLine();
Console.WriteLine($"Iris: {outcome.Train.Count} samples for training, {outcome.Test.Count} held out (70/30 split, features standardised on the training part).");
Console.WriteLine($"Training accuracy: {outcome.TrainAccuracy:P1}");
Console.WriteLine($"Test accuracy:     {outcome.TestMatrix.Accuracy:P1} ({outcome.Test.Count} held-out samples)");
Console.WriteLine();
Console.WriteLine(outcome.TestMatrix.ToString(outcome.ClassNames));

string weights = Path.Combine(Path.GetTempPath(), "staticnet-iris.safetensors");
SafeTensors.Save(outcome.Network, weights);
var reloaded = new IrisNet(seed: 0);
SafeTensors.Load(reloaded, weights);
int agree = 0;
Span<float> before = stackalloc float[IrisNet.OutputSize], after = stackalloc float[IrisNet.OutputSize];
for (int s = 0; s < outcome.Test.Count; s++)
{
    outcome.Network.Forward(outcome.Test.FeaturesOf(s), before);
    reloaded.Forward(outcome.Test.FeaturesOf(s), after);
    agree += before.SequenceEqual(after) ? 1 : 0;
}

Console.WriteLine($"Saved the weights to {weights} ({new FileInfo(weights).Length} bytes), reloaded them into a new network: identical outputs on {agree} of {outcome.Test.Count} test samples.");

string json = Path.GetFullPath(args.Length > 1 ? args[1] : "iris.weights.json");
WeightsJson.Save(outcome.Network, json);
Console.WriteLine($"Wrote the weights as JSON to {json}, for a frozen network: [Network(4, 8, 3, ..., Weights = \"iris.weights.json\")] (see samples/IrisFrozen).");
return agree == outcome.Test.Count ? 0 : 1;

/// <summary>Prints one line per epoch, on the training thread.</summary>
internal sealed class EpochPrinter : IProgress<EpochReport>
{
    public void Report(EpochReport value) =>
        Console.WriteLine($"epoch {value.Epoch,3}/{value.Epochs}  mean cross-entropy {value.TrainLoss:F4}  {value.SamplesPerSecond,10:N0} samples/s");
}
