using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using StaticNet;
using StaticNet.Samples.HousePrices;

// Trains a 5-32-1 regression (ReLU hidden units with dropout 0.1) on the synthetic house sales of Data/houses.csv,
// reports MAE and R² on the held-out part, saves the weights with both scalers in the safetensors metadata, reloads
// everything into a fresh network and checks that the predictions are identical (exit code 1 otherwise), and draws the
// training curve as a PNG (args[0], or training-curve.png in the working directory).
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
HousePriceExperiment.Outcome outcome = HousePriceExperiment.Run(HousePriceExperiment.DefaultDataPath);
TrainingResult training = outcome.Training;
EpochReport best = training.History[training.BestEpoch - 1];
Console.WriteLine($"Trained {training.History.Count} epochs{(training.StoppedEarly ? " (early stopping)" : string.Empty)}; best validation loss {best.ValidationLoss:F4} at epoch {training.BestEpoch}.");
Console.WriteLine($"Test ({outcome.RawTest.Count} houses): MAE {outcome.TestMeanAbsoluteError:F1} thousand, R² {outcome.TestRSquared:F3}.");

// <docs:bundle>
string path = Path.Combine(Path.GetTempPath(), $"staticnet-houses-{Environment.ProcessId}.safetensors");
Dictionary<string, string> metadata = outcome.Features.ToMetadata("features");
foreach ((string key, string value) in outcome.Targets.ToMetadata("targets"))
{
    metadata.Add(key, value);
}

SafeTensors.Save(outcome.Network, path, metadata);

// A deployed app: the network, the feature standardiser and the target scaler, all from the one file.
var deployed = new HousePriceNet();
SafeTensors.Load(deployed, path);
IReadOnlyDictionary<string, string> saved = SafeTensors.ReadMetadata(path);
Standardizer features = Standardizer.FromMetadata(saved, "features");
Standardizer targets = Standardizer.FromMetadata(saved, "targets");
// </docs:bundle>
File.Delete(path);

float[] before = HousePriceExperiment.Predict(outcome.Network, outcome.Features, outcome.Targets, outcome.RawTest);
float[] after = HousePriceExperiment.Predict(deployed, features, targets, outcome.RawTest);
int same = 0;
for (int s = 0; s < before.Length; s++)
{
    same += BitConverter.SingleToInt32Bits(before[s]) == BitConverter.SingleToInt32Bits(after[s]) ? 1 : 0;
}

Console.WriteLine($"Saved with both scalers in the metadata and reloaded into a new network: identical predictions for {same} of {before.Length} test houses.");

string png = Path.GetFullPath(args.Length > 0 ? args[0] : "training-curve.png");
TrainingCurve.Save(training, png);
Console.WriteLine($"Wrote the training curve to {png}.");
return same == before.Length ? 0 : 1;
