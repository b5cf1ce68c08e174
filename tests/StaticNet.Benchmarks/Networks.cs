using StaticNet;

namespace StaticNet.Benchmarks;

/// <summary>performance.md's 4-5-3 sigmoid network with mean squared error (T1, T2).</summary>
[Network(4, 5, 3)]
public partial class Sigmoid453
{
}

/// <summary>4-4-4 tanh, forward only.</summary>
[Network(4, 4, 4, Hidden = Activation.Tanh, Output = Activation.Tanh)]
public partial class Tanh444
{
}

/// <summary>16-16-16 tanh, forward only.</summary>
[Network(16, 16, 16, Hidden = Activation.Tanh, Output = Activation.Tanh)]
public partial class Tanh16
{
}

/// <summary>64-64-64 tanh, forward only (T3).</summary>
[Network(64, 64, 64, Hidden = Activation.Tanh, Output = Activation.Tanh)]
public partial class Tanh64
{
}

/// <summary>The Fashion-MNIST classifier of performance.md: 784-128-10 ReLU, softmax and cross-entropy (T4, T5).</summary>
[Network(784, 128, 10, Hidden = Activation.ReLU, Output = Activation.Softmax, Loss = Loss.CrossEntropy)]
public partial class Mnist784
{
}
