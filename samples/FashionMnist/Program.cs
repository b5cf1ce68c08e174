using System;
using System.Globalization;
using System.Linq;
using Spectre.Console;
using StaticNet;
using StaticNet.Samples.FashionMnist;

// Trains the lecture's 784-64-64-10 sigmoid network and a 784-128-10 ReLU network on Fashion-MNIST with mini-batch
// SGD (batch 64), showing a live progress bar per epoch, then reports test accuracy, the confusion matrix and speed.
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
string folder = args.Length > 0 ? args[0] : FashionData.DebianFolder;
string?[] paths = FashionData.Locate(folder);
if (paths.Any(path => path is null))
{
    AnsiConsole.MarkupLine($"[red]Fashion-MNIST was not found in {Markup.Escape(folder)}.[/]");
    Console.WriteLine($"Expected: {FashionData.ExpectedFiles}.");
    Console.WriteLine("On Debian or Ubuntu install it with:  sudo apt-get update && sudo apt-get install dataset-fashion-mnist");
    Console.WriteLine("or pass the folder that holds the files:  dotnet run -c Release --project samples/FashionMnist -- /path/to/fashion-mnist");
    return 2;
}

(Dataset train, Dataset test) = FashionData.Load(paths);
Console.WriteLine($"Fashion-MNIST: {train.Count:N0} training and {test.Count:N0} test images of 28×28 pixels, 10 classes.");

const int Epochs = 5;
double reluAccuracy = Train("784-128-10 ReLU", new FashionReluNet(seed: 1), learningRate: 0.1f);
Train("784-64-64-10 sigmoid (the lecture's network)", new FashionSigmoidNet(seed: 1), learningRate: 0.5f);
return reluAccuracy >= 0.85 ? 0 : 1;

double Train(string name, IBatchNetwork network, float learningRate)
{
    AnsiConsole.MarkupLine($"\n[bold]{Markup.Escape(name)}[/]: {network.ParameterCount:N0} parameters, SGD learning rate {learningRate}, batch 64, {Epochs} epochs");
    var options = new TrainerOptions { Epochs = Epochs, BatchSize = 64, Seed = 7 };
    var trainer = new Trainer(network, new Sgd(learningRate), options);
    TrainingResult result = null!;
    AnsiConsole.Progress()
        .AutoClear(false)
        .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
        .Start(context =>
        {
            var bars = Enumerable.Range(1, Epochs).Select(e => context.AddTask($"epoch {e}/{Epochs}", autoStart: false, maxValue: 1)).ToArray();
            var batches = new InlineProgress<BatchReport>(report =>
            {
                ProgressTask bar = bars[report.Epoch - 1];
                bar.StartTask();
                bar.Value = (double)report.Batch / report.BatchesPerEpoch;
            });
            var epochs = new InlineProgress<EpochReport>(report =>
                bars[report.Epoch - 1].Description = $"epoch {report.Epoch}/{Epochs}  loss {report.TrainLoss:F4}  {report.SamplesPerSecond:N0} samples/s");
            result = trainer.Fit(train, progress: epochs, batchProgress: batches);
        });

    ConfusionMatrix matrix = Evaluation.ConfusionMatrix(network, test);
    double samplesPerSecond = result.History.Average(report => report.SamplesPerSecond);
    Console.WriteLine($"Test accuracy after {Epochs} epochs: {matrix.Accuracy:P2}; training speed {samplesPerSecond:N0} samples/s (mean of the epochs), {result.History[^1].Elapsed.TotalSeconds:F1} s in all.");
    Console.WriteLine(matrix.ToString(FashionData.ClassNames));
    return matrix.Accuracy;
}

/// <summary>Reports synchronously on the training thread, so the progress bar follows every batch.</summary>
internal sealed class InlineProgress<T> : IProgress<T>
{
    private readonly Action<T> _report;

    public InlineProgress(Action<T> report) => _report = report;

    public void Report(T value) => _report(value);
}
