using StaticNet;

namespace StaticNet.Benchmarks;

// The small networks of Networks.cs with PyTorch-initialised weights compiled in (Frozen/make_weights.py), for
// FrozenBenchmarks: Predict against Forward of an instance holding the same weights.

/// <summary>4-5-3 sigmoid, frozen: constant columns in one Vector256 per layer.</summary>
[Network(4, 5, 3, Weights = "Frozen/sigmoid453.weights.json")]
public partial class FrozenSigmoid453
{
}

/// <summary>4-4-4 tanh, frozen: constant columns in one Vector128 per layer.</summary>
[Network(4, 4, 4, Hidden = Activation.Tanh, Output = Activation.Tanh, Weights = "Frozen/tanh444.weights.json")]
public partial class FrozenTanh444
{
}

/// <summary>16-16-16 tanh, frozen: both layers by columns (FrozenLayers), one Vector512 per column.</summary>
[Network(16, 16, 16, Hidden = Activation.Tanh, Output = Activation.Tanh, Weights = "Frozen/tanh16.weights.json")]
public partial class FrozenTanh16
{
}

/// <summary>64-64-64 tanh, frozen: both layers by columns (FrozenLayers), four Vector512 per column.</summary>
[Network(64, 64, 64, Hidden = Activation.Tanh, Output = Activation.Tanh, Weights = "Frozen/tanh64.weights.json")]
public partial class FrozenTanh64
{
}

/// <summary>784-128-10 ReLU/softmax (the Fashion-MNIST classifier's shape), frozen: layer 1 by columns, layer 2 by Forward's row-major kernel.</summary>
[Network(784, 128, 10, Hidden = Activation.ReLU, Output = Activation.Softmax, Loss = Loss.CrossEntropy, Weights = "Frozen/mnist784.weights.json")]
public partial class FrozenMnist784
{
}
