using System;
using System.Globalization;
using StaticNet;
using StaticNet.Samples.Xor;

// XOR with sigmoid units and mean squared error: full-batch gradient descent with momentum, then the decision table.
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
var data = new Dataset(new[] { 0f, 0f, 0f, 1f, 1f, 0f, 1f, 1f }, 2, new[] { 0f, 1f, 1f, 0f }, 1);
var options = new TrainerOptions { Epochs = 3000, BatchSize = 4, Seed = 1 };

Train("2-2-1", new Xor221(seed: 3));
Train("2-4-1", new Xor241(seed: 1));

void Train(string name, IBatchNetwork network)
{
    TrainingResult result = new Trainer(network, new Sgd(learningRate: 2f, momentum: 0.9f), options).Fit(data);
    Console.WriteLine($"{name}: {result.History.Count} epochs, final mean loss {result.History[^1].TrainLoss:F5}");
    Console.WriteLine("   x1  x2 |  target  output  decision");
    Span<float> output = stackalloc float[1];
    for (int s = 0; s < data.Count; s++)
    {
        ReadOnlySpan<float> x = data.FeaturesOf(s);
        network.Forward(x, output);
        Console.WriteLine($"   {x[0],2:0}  {x[1],2:0} |  {data.TargetsOf(s)[0],6:0}  {output[0],6:F3}  {(output[0] >= 0.5f ? 1 : 0),8}");
    }

    Console.WriteLine();
}
