using System.Linq;
using ScottPlot;

namespace StaticNet.Samples.HousePrices;

/// <summary>Draws the training and validation loss of every epoch as a PNG with ScottPlot.</summary>
public static class TrainingCurve
{
    /// <summary>Writes the curve of <paramref name="training"/> to <paramref name="path"/>, marking the best epoch.</summary>
    public static void Save(TrainingResult training, string path)
    {
        // On a log scale (ScottPlot plots log10 of the values, with ticks labelled in the values' own units): the first
        // epochs fall by an order of magnitude, and the gap between training and validation at the end stays visible.
        double[] epochs = training.History.Select(r => (double)r.Epoch).ToArray();
        var plot = new Plot();
        var train = plot.Add.Scatter(epochs, training.History.Select(r => System.Math.Log10(r.TrainLoss)).ToArray());
        train.LegendText = "training loss";
        train.MarkerSize = 0;
        train.LineWidth = 2;
        var validation = plot.Add.Scatter(epochs, training.History.Select(r => System.Math.Log10(r.ValidationLoss!.Value)).ToArray());
        validation.LegendText = "validation loss";
        validation.MarkerSize = 0;
        validation.LineWidth = 2;
        var best = plot.Add.VerticalLine(training.BestEpoch);
        best.LegendText = $"best epoch ({training.BestEpoch}), restored";
        best.LinePattern = LinePattern.Dashed;
        best.Color = Colors.Gray;

        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic
        {
            MinorTickGenerator = new ScottPlot.TickGenerators.LogMinorTickGenerator(),
            IntegerTicksOnly = true,
            LabelFormatter = y => System.Math.Pow(10, y).ToString("G3", System.Globalization.CultureInfo.InvariantCulture),
        };
        plot.Title("House prices: 5-32-1 network, AdamW, dropout 0.1, early stopping");
        plot.XLabel("epoch");
        plot.YLabel("loss, ½ (ŷ − y)² (log scale)");
        plot.ShowLegend(Alignment.UpperRight);
        plot.SavePng(path, 800, 450);
    }
}
