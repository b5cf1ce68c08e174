using System;
using System.Globalization;
using StaticNet.Samples.Iris;

// Trains a 4-8-3 ReLU/softmax network on Fisher's Iris data (shipped as Data/iris.csv) and reports test accuracy.
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
const int Seed = 42;
const int Epochs = 60;

IrisData all = IrisData.Load(args.Length > 0 ? args[0] : IrisData.DefaultPath);
(IrisData rawTrain, IrisData rawTest) = all.Split(trainFraction: 0.7, seed: Seed);
IrisData train = rawTrain.StandardizedWith(rawTrain);
IrisData test = rawTest.StandardizedWith(rawTrain);
Console.WriteLine($"Iris: {all.Count} samples, {train.Count} for training, {test.Count} for testing.");
Console.WriteLine($"Network: {string.Join("-", IrisNet.LayerSizes.ToArray())} (ReLU, softmax, cross-entropy), {IrisNet.ParameterCount} parameters, Adam, batch 8.");

var network = new IrisNet(seed: Seed);
IrisTraining.Train(network, train, Epochs, batchSize: 8, learningRate: 0.01f, seed: Seed, onEpoch: (epoch, loss) =>
    Console.WriteLine($"epoch {epoch,3}  mean cross-entropy {loss:F4}"));

Console.WriteLine($"Training accuracy: {IrisTraining.Accuracy(network, train):P1}");
Console.WriteLine($"Test accuracy:     {IrisTraining.Accuracy(network, test):P1} ({test.Count} held-out samples)");
