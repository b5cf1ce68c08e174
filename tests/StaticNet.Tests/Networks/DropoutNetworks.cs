// Networks with dropout, in every form the generator writes a hidden layer (registers, straight-line code, kernels; a g'
// read from z or from a), each beside a twin without dropout for the inference tests (same layers, same seed).
using StaticNet;

namespace StaticNet.Tests.Networks;

// <docs:dropout-network>
[Network(4, 6, 3, Hidden = Activation.ReLU, Output = Activation.Identity, Dropout = 0.5f)]
public partial class DropoutReLUNet
{
}
// </docs:dropout-network>

[Network(4, 6, 3, Hidden = Activation.ReLU, Output = Activation.Identity)]
public partial class DropoutReLUTwin
{
}

// Tanh reads g' from a, so training keeps a[l] before dropout; two hidden layers with their own rates; 5 units each
// keep the layers in registers, and softmax with cross-entropy takes the fused BP1.
// <docs:dropouts-network>
[Network(4, 5, 5, 3, Hidden = Activation.Tanh, Output = Activation.Softmax, Loss = Loss.CrossEntropy, Dropouts = new[] { 0.3f, 0.1f })]
public partial class DropoutTanhNet
{
}
// </docs:dropouts-network>

[Network(4, 5, 5, 3, Hidden = Activation.Tanh, Output = Activation.Softmax, Loss = Loss.CrossEntropy)]
public partial class DropoutTanhTwin
{
}

// Layers past the unroll limit: the kernels, sigmoid's g' from a, GELU's from z, and a hidden layer without dropout.
[Network(20, 40, 33, 17, 4, Activations = new[] { Activation.Sigmoid, Activation.GELU, Activation.ReLU, Activation.Identity }, Dropouts = new[] { 0.25f, 0.4f, 0f })]
public partial class DropoutKernelNet
{
}

[Network(20, 40, 33, 17, 4, Activations = new[] { Activation.Sigmoid, Activation.GELU, Activation.ReLU, Activation.Identity })]
public partial class DropoutKernelTwin
{
}
