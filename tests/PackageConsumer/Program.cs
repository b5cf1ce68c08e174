using System.Globalization;
using StaticNet;

// A package consumer's end-to-end check: declares networks through the packed generator, trains them with the
// packed runtime, saves and reloads weights, and asserts real values. Each check prints one line; the last line is
// the "N passed, N failed" summary that CI reads.
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
int passed = 0, failed = 0;

void Check(bool condition, string what)
{
    Console.WriteLine($"{(condition ? "pass" : "FAIL")}: {what}");
    if (condition) passed++; else failed++;
}

// The generator ran inside the SDK's compiler: the constants and layer sizes exist and match the attribute.
Check(ConsumerNet.ParameterCount == 3 * 8 + 8 + 8 * 3 + 3, $"ConsumerNet.ParameterCount = {ConsumerNet.ParameterCount} (expected 59)");
Check(string.Join("-", ConsumerNet.LayerSizes.ToArray()) == "3-8-3", "ConsumerNet.LayerSizes = 3-8-3");

// Three well-separated Gaussian blobs in 3-D, one per class, made from a seeded generator so the run is repeatable.
const int PerClass = 40;
var random = new Random(7);
var features = new float[3 * PerClass * 3];
var labels = new int[3 * PerClass];
for (int i = 0; i < labels.Length; i++)
{
    labels[i] = i % 3;
    for (int f = 0; f < 3; f++)
        features[3 * i + f] = (f == labels[i] ? 2f : 0f) + (float)(random.NextDouble() - 0.5);
}

Dataset data = Dataset.FromLabels(features, featureCount: 3, labels, classCount: 3);
var network = new ConsumerNet(seed: 3);
double accuracyBefore = Evaluation.Accuracy(network, data);
var options = new TrainerOptions { Epochs = 30, BatchSize = 8, Seed = 5 };
TrainingResult result = new Trainer(network, new Adam(learningRate: 0.02f), options).Fit(data, validation: null);
double accuracy = Evaluation.Accuracy(network, data);
Check(accuracy >= 0.95, $"training accuracy {accuracy:P1} after {options.Epochs} epochs (was {accuracyBefore:P1}; expected ≥ 95 %)");
Check(result.History.Count == options.Epochs && result.History[^1].TrainLoss < result.History[0].TrainLoss,
      $"mean loss fell from {result.History[0].TrainLoss:F4} to {result.History[^1].TrainLoss:F4}");

// Weights survive a save and a load into a differently initialised network, bit for bit.
string path = Path.Combine(Path.GetTempPath(), $"staticnet-consumer-{Environment.ProcessId}.safetensors");
SafeTensors.Save(network, path);
var reloaded = new ConsumerNet(seed: 99);
SafeTensors.Load(reloaded, path);
File.Delete(path);
Span<float> a = stackalloc float[ConsumerNet.OutputSize], b = stackalloc float[ConsumerNet.OutputSize];
int identical = 0;
for (int s = 0; s < data.Count; s++)
{
    network.Forward(data.FeaturesOf(s), a);
    reloaded.Forward(data.FeaturesOf(s), b);
    identical += a.SequenceEqual(b) ? 1 : 0;
}
Check(identical == data.Count, $"reloaded network gives identical outputs on {identical} of {data.Count} samples");

// The ONNX package: export, then import into a third network, again bit for bit.
string onnxPath = Path.ChangeExtension(path, ".onnx");
Onnx.Save(network, onnxPath);
var fromOnnx = new ConsumerNet(seed: 7);
Onnx.Load(fromOnnx, onnxPath);
File.Delete(onnxPath);
Check(network.Parameters.SequenceEqual(fromOnnx.Parameters), $"ONNX export and import ({ConsumerNet.ParameterCount} parameters) give the same bits");

// Softmax outputs are a probability distribution.
network.Forward(data.FeaturesOf(0), a);
float sum = a[0] + a[1] + a[2];
Check(MathF.Abs(sum - 1f) < 1e-5f, $"softmax outputs sum to {sum:R}");

// Forward allocates nothing once warmed up.
long before = GC.GetAllocatedBytesForCurrentThread();
for (int s = 0; s < data.Count; s++)
    network.Forward(data.FeaturesOf(s), a);
long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
Check(allocated == 0, $"Forward over {data.Count} samples allocated {allocated} bytes");

Console.WriteLine($"consumer: {passed} passed, {failed} failed");
return failed == 0 ? 0 : 1;

[Network(3, 8, 3, Hidden = Activation.ReLU, Output = Activation.Softmax, Loss = Loss.CrossEntropy)]
public partial class ConsumerNet { }
