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

/// <summary>6-8-8-8-8-8-3 through GELU, SiLU, ELU, Softplus and LeakyReLU into identity with Huber, deterministic: every smooth activation and its derivative.</summary>
[Network(6, 8, 8, 8, 8, 8, 3, Activations = new[] { Activation.GELU, Activation.SiLU, Activation.ELU, Activation.Softplus, Activation.LeakyReLU, Activation.Identity }, Loss = Loss.Huber, Deterministic = true)]
public partial class DeterministicSmoothNet
{
}

/// <summary>5-7-2, tanh into sigmoid with binary cross-entropy, deterministic: BP1 from the logits and the project's own log.</summary>
[Network(5, 7, 2, Hidden = Activation.Tanh, Output = Activation.Sigmoid, Loss = Loss.BinaryCrossEntropy, Deterministic = true)]
public partial class DeterministicTanhNet
{
}
