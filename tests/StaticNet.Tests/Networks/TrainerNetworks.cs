// The architecture of the weighted-loss fixture (Fixtures/make_trainer_fixtures.py).
using StaticNet;

namespace StaticNet.Tests.Networks;

/// <summary>nn.Sequential(Linear(4, 5), Tanh(), Linear(5, 3)) with softmax cross-entropy (torch's CrossEntropyLoss on the logits).</summary>
[Network(4, 5, 3, Hidden = Activation.Tanh, Output = Activation.Softmax, Loss = Loss.CrossEntropy)]
public partial class WeightedFixtureNet
{
}

/// <summary>A two-class softmax classifier of the 40-feature blobs.</summary>
[Network(40, 8, 2, Hidden = Activation.ReLU, Output = Activation.Softmax, Loss = Loss.CrossEntropy)]
public partial class TwoClassNet
{
}
