using StaticNet;

namespace StaticNet.Samples.IrisFrozen;

/// <summary>The Iris sample's network with the weights it trained compiled in: FrozenIrisNet.Predict needs no file.</summary>
// <docs:frozen-declaration>
[Network(4, 8, 3, Hidden = Activation.ReLU, Output = Activation.Softmax, Loss = Loss.CrossEntropy, Weights = "iris.weights.json")]
public partial class FrozenIrisNet
{
}
// </docs:frozen-declaration>
