// Frozen networks: the PyTorch fixtures' weights compiled into the generated code (Weights = ...), each file listed
// as an AdditionalFiles item in StaticNet.Tests.csproj.
using StaticNet;

namespace StaticNet.Tests.Networks;

/// <summary>dropouts.weights.json (keys 0, 3, 6): ReLU, Tanh, Softmax, every layer unrolled.</summary>
[Network(4, 8, 6, 3, Activations = new[] { Activation.ReLU, Activation.Tanh, Activation.Softmax }, Loss = Loss.CrossEntropy, Weights = "Fixtures/dropouts.weights.json")]
public partial class FrozenDropoutsNet
{
}

/// <summary>named.weights.json (keys fc1 … fc10): ten Tanh layers and a Sigmoid output, in registers.</summary>
[Network(3, 5, 4, 5, 4, 5, 4, 5, 4, 5, 2, Hidden = Activation.Tanh, Output = Activation.Sigmoid, Weights = "Fixtures/named.weights.json")]
public partial class FrozenNamedNet
{
}

/// <summary>frozen.weights.json: Sigmoid and LeakyReLU layers computed by the SIMD kernels, then an unrolled Identity output.</summary>
[Network(16, 24, 8, 3, Activations = new[] { Activation.Sigmoid, Activation.LeakyReLU, Activation.Identity }, Weights = "Fixtures/frozen.weights.json")]
public partial class FrozenKernelNet
{
}

/// <summary>frozenwide.weights.json: a ReLU and a softmax layer wide enough that Predict computes both by columns (FrozenLayers).</summary>
[Network(32, 64, 20, Hidden = Activation.ReLU, Output = Activation.Softmax, Loss = Loss.CrossEntropy, Weights = "Fixtures/frozenwide.weights.json")]
public partial class FrozenWideNet
{
}

/// <summary>The Iris sample's trained weights as samples/IrisFrozen compiles them (a path that leaves the project directory).</summary>
[Network(4, 8, 3, Hidden = Activation.ReLU, Output = Activation.Softmax, Loss = Loss.CrossEntropy, Weights = "../../samples/IrisFrozen/iris.weights.json")]
public partial class FrozenSampleIrisNet
{
}

/// <summary>FrozenKernelNet with dropout 0.2 for fine-tuning: Predict and Forward must not drop.</summary>
[Network(16, 24, 8, 3, Activations = new[] { Activation.Sigmoid, Activation.LeakyReLU, Activation.Identity }, Weights = "Fixtures/frozen.weights.json", Dropout = 0.2f)]
public partial class FrozenKernelDropoutNet
{
}
