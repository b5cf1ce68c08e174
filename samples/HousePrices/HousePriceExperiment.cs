using System;
using System.IO;

namespace StaticNet.Samples.HousePrices;

/// <summary>
/// The house-price regression, shared by the sample's console output and the test suite: read the CSV, split
/// 70/15/15 with a seed, standardise features and targets with the training part's statistics, train with AdamW and
/// early stopping on the validation part, and measure MAE and R² on the test part in thousands.
/// </summary>
public static class HousePriceExperiment
{
    /// <summary>The seed of the split, the initialisation and the shuffles.</summary>
    public const int Seed = 7;

    /// <summary>The CSV shipped with the sample, copied next to the program.</summary>
    public static string DefaultDataPath => Path.Combine(AppContext.BaseDirectory, "Data", "houses.csv");

    /// <summary>Runs the experiment.</summary>
    /// <param name="csvPath">The houses CSV (five numeric features and a 'price_k' column).</param>
    /// <param name="progress">Receives one report per epoch.</param>
    // <docs:regression>
    public static Outcome Run(string csvPath, IProgress<EpochReport>? progress = null)
    {
        CsvDataset csv = CsvReader.ReadRegression(csvPath, ["price_k"]);
        (Dataset rawTrain, Dataset rawValidation, Dataset rawTest) = csv.Data.Split(0.7, 0.15, Seed);
        Standardizer features = Standardizer.Fit(rawTrain);         // the training part's statistics only
        Standardizer targets = Standardizer.FitTargets(rawTrain);   // prices to zero mean, unit variance
        Dataset train = targets.TransformTargets(features.Transform(rawTrain));
        Dataset validation = targets.TransformTargets(features.Transform(rawValidation));

        var network = new HousePriceNet(Seed);
        var options = new TrainerOptions { Epochs = 400, BatchSize = 16, Seed = Seed, Patience = 25 };
        var optimizer = new AdamW(learningRate: 3e-3f, weightDecay: 1e-2f);
        TrainingResult training = new Trainer(network, optimizer, options).Fit(train, validation, progress);

        float[] predictions = Predict(network, features, targets, rawTest); // in thousands, as the CSV
        return new Outcome(
            network,
            features,
            targets,
            rawTest,
            training,
            Evaluation.MeanAbsoluteError(predictions, rawTest.Targets),
            Evaluation.RSquared(predictions, rawTest.Targets));
    }

    /// <summary>Prices for raw samples: standardise the features, run the network, map the output back to thousands.</summary>
    public static float[] Predict(HousePriceNet network, Standardizer features, Standardizer targets, Dataset raw)
    {
        var predictions = new float[raw.Count];
        Span<float> x = stackalloc float[HousePriceNet.InputSize];
        for (int s = 0; s < raw.Count; s++)
        {
            raw.FeaturesOf(s).CopyTo(x);
            features.Transform(x);
            Span<float> price = predictions.AsSpan(s, 1);
            network.Forward(x, price);
            targets.InverseTransform(price);
        }

        return predictions;
    }
    // </docs:regression>

    /// <summary>What the experiment produced.</summary>
    /// <param name="Network">The trained network (the best validation epoch's parameters).</param>
    /// <param name="Features">The feature standardiser.</param>
    /// <param name="Targets">The target scaler.</param>
    /// <param name="RawTest">The test part, unscaled.</param>
    /// <param name="Training">Per-epoch history.</param>
    /// <param name="TestMeanAbsoluteError">MAE on the test part, in thousands.</param>
    /// <param name="TestRSquared">R² on the test part.</param>
    public sealed record Outcome(
        HousePriceNet Network,
        Standardizer Features,
        Standardizer Targets,
        Dataset RawTest,
        TrainingResult Training,
        double TestMeanAbsoluteError,
        double TestRSquared);
}
