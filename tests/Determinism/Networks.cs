namespace StaticNet.Determinism;

// Every network here is declared Deterministic = true; together they take every code path of the generated code and
// of the deterministic kernels: register layers (4-5-3), straight-line layers, kernel layers with and without tails
// (20 and 784 inputs), sigmoid, tanh, ReLU, softmax with cross-entropy, sigmoid with binary cross-entropy, the smooth
// activations and Huber, and dropout.

/// <summary>4-5-3, sigmoid layers, mean squared error: everything in registers.</summary>
[Network(4, 5, 3, Deterministic = true)]
public partial class SigmoidNet : ITrainStep;

/// <summary>6-16-4, tanh into sigmoid with binary cross-entropy: a kernel layer of 96 weights, BP1 from the logits.</summary>
[Network(6, 16, 4, Hidden = Activation.Tanh, Output = Activation.Sigmoid, Loss = Loss.BinaryCrossEntropy, Deterministic = true)]
public partial class TanhNet : ITrainStep;

/// <summary>20-32-10, ReLU into softmax with cross-entropy: kernel layers whose 20 inputs leave a tail of 4 after 16 lanes.</summary>
[Network(20, 32, 10, Hidden = Activation.ReLU, Output = Activation.Softmax, Loss = Loss.CrossEntropy, Deterministic = true)]
public partial class SoftmaxNet : ITrainStep;

/// <summary>8-12-12-2, GELU and SiLU into identity with Huber: the erf and log1p polynomials.</summary>
[Network(8, 12, 12, 2, Activations = new[] { Activation.GELU, Activation.SiLU, Activation.Identity }, Loss = Loss.Huber, Deterministic = true)]
public partial class SmoothNet : ITrainStep;

/// <summary>16-32-24-3, ReLU and tanh layers with dropout 0.25 into identity with Huber (δ 0.5): the dropout masks in training.</summary>
[Network(16, 32, 24, 3, Activations = new[] { Activation.ReLU, Activation.Tanh, Activation.Identity }, Dropout = 0.25f, Loss = Loss.Huber, HuberDelta = 0.5f, Deterministic = true)]
public partial class DropoutNet : ITrainStep;

/// <summary>784-128-10, ReLU into softmax with cross-entropy: the MNIST shape.</summary>
[Network(784, 128, 10, Hidden = Activation.ReLU, Output = Activation.Softmax, Loss = Loss.CrossEntropy, Deterministic = true)]
public partial class MnistNet : ITrainStep;

/// <summary>The generated TrainStep, which no runtime interface declares, for the generic checks of Program.cs.</summary>
public interface ITrainStep
{
    /// <summary>One fused SGD step on one sample; returns its loss before the step.</summary>
    float TrainStep(System.ReadOnlySpan<float> input, System.ReadOnlySpan<float> target, float learningRate);
}
