using StaticNet;

namespace StaticNet.Tests.Networks;

/// <summary>The MNIST shape of the benchmarks, for the determinism tests of parallel training at realistic layer sizes.</summary>
[Network(784, 128, 10, Hidden = Activation.ReLU, Output = Activation.Softmax, Loss = Loss.CrossEntropy)]
public partial class Mnist784Net
{
}
