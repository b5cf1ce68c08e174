// The architectures of the PyTorch fixtures (Fixtures/make_fixtures.py), one per state-dict naming style.
using StaticNet;

namespace StaticNet.Tests.Networks;

/// <summary>nn.Sequential with Dropout after each hidden activation: state-dict keys 0, 3, 6.</summary>
[Network(4, 8, 6, 3, Activations = new[] { Activation.ReLU, Activation.Tanh, Activation.Softmax }, Loss = Loss.CrossEntropy)]
public partial class DropoutsNet
{
}

/// <summary>Ten named layers fc1 … fc10, where an ordinal sort would put fc10 second.</summary>
[Network(3, 5, 4, 5, 4, 5, 4, 5, 4, 5, 2, Hidden = Activation.Tanh, Output = Activation.Sigmoid)]
public partial class NamedNet
{
}

/// <summary>An nn.Sequential inside another module: keys net.0, net.2, plus a buffer input_mean.</summary>
[Network(5, 7, 2, Hidden = Activation.LeakyReLU, Output = Activation.Identity, LeakySlope = 0.1f)]
public partial class WrappedNet
{
}
