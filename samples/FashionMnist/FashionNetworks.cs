using StaticNet;

namespace StaticNet.Samples.FashionMnist;

/// <summary>The lecture's network: two sigmoid hidden layers of 64 units, softmax output.</summary>
[Network(784, 64, 64, 10, Hidden = Activation.Sigmoid, Output = Activation.Softmax, Loss = Loss.CrossEntropy)]
public partial class FashionSigmoidNet
{
}

/// <summary>One ReLU hidden layer of 128 units, softmax output: the network of performance.md's PyTorch anchor.</summary>
[Network(784, 128, 10, Hidden = Activation.ReLU, Output = Activation.Softmax, Loss = Loss.CrossEntropy)]
public partial class FashionReluNet
{
}
