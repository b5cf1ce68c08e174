using System;
using System.IO;

namespace StaticNet.Samples.Iris;

/// <summary>
/// The Iris experiment, shared by the sample's console output and the test suite: read the CSV, split 70/30 with a
/// seed, standardise with training statistics only, train a 4-8-3 ReLU/softmax network with Adam, and measure it.
/// </summary>
public static class IrisExperiment
{
    /// <summary>The seed of the split, the initialisation and the shuffles.</summary>
    public const int Seed = 42;

    /// <summary>The CSV shipped with the sample, copied next to the program.</summary>
    public static string DefaultDataPath => Path.Combine(AppContext.BaseDirectory, "Data", "iris.csv");

    /// <summary>Runs the whole experiment.</summary>
    /// <param name="csvPath">The Iris CSV (header, four numeric columns, a 'species' column).</param>
    /// <param name="progress">Receives one report per epoch.</param>
    // <docs:tabular>
    public static Outcome Run(string csvPath, IProgress<EpochReport>? progress = null)
    {
        CsvDataset csv = CsvReader.ReadClassification(csvPath, "species");
        (Dataset rawTrain, Dataset rawTest) = csv.Data.Split(0.7, Seed);
        Standardizer standardizer = Standardizer.Fit(rawTrain);
        Dataset train = standardizer.Transform(rawTrain);
        Dataset test = standardizer.Transform(rawTest);

        var network = new IrisNet(Seed);
        var options = new TrainerOptions { Epochs = 60, BatchSize = 8, Seed = Seed };
        TrainingResult training = new Trainer(network, new Adam(learningRate: 0.01f), options).Fit(train, progress: progress);
        return new Outcome(
            network,
            csv.ClassNames,
            train,
            test,
            training,
            Evaluation.Accuracy(network, train),
            Evaluation.ConfusionMatrix(network, test));
    }
    // </docs:tabular>

    /// <summary>What the experiment produced.</summary>
    /// <param name="Network">The trained network.</param>
    /// <param name="ClassNames">The species, in the order of the outputs.</param>
    /// <param name="Train">The standardised training part.</param>
    /// <param name="Test">The standardised test part.</param>
    /// <param name="Training">Per-epoch history.</param>
    /// <param name="TrainAccuracy">Accuracy on the training part.</param>
    /// <param name="TestMatrix">The confusion matrix on the test part.</param>
    public sealed record Outcome(
        IrisNet Network,
        string[] ClassNames,
        Dataset Train,
        Dataset Test,
        TrainingResult Training,
        double TrainAccuracy,
        ConfusionMatrix TestMatrix);
}
