using StaticNet;

namespace StaticNet.Tests.Networks;

/// <summary>4-5-3 with sigmoid layers, deterministic: every layer in registers, the vector activations in generated code.</summary>
[Network(4, 5, 3, Deterministic = true)]
public partial class DeterministicRegisterNet
{
}

/// <summary>20-32-10, ReLU into softmax with cross-entropy, deterministic: kernel layers whose 20 inputs leave a tail after 16 lanes.</summary>
[Network(20, 32, 10, Hidden = Activation.ReLU, Output = Activation.Softmax, Loss = Loss.CrossEntropy, Deterministic = true)]
public partial class DeterministicKernelNet
{
}

/// <summary><see cref="DeterministicKernelNet"/> with the default kernels, to compare against.</summary>
[Network(20, 32, 10, Hidden = Activation.ReLU, Output = Activation.Softmax, Loss = Loss.CrossEntropy)]
public partial class SoftmaxReferenceNet
{
}
