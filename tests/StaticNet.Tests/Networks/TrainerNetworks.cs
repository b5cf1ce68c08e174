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

/// <summary>The house-price network with the defaults: a Sigmoid output.</summary>
[Network(5, 16, 1)]
public partial class HousePriceSigmoidNet
{
}

/// <summary>The same with the output a regression needs.</summary>
[Network(5, 16, 1, Output = Activation.Identity)]
public partial class HousePriceIdentityNet
{
}

/// <summary>A Tanh output, in [−1, 1].</summary>
[Network(5, 4, 2, Hidden = Activation.ReLU, Output = Activation.Tanh)]
public partial class TanhOutputNet
{
}

/// <summary>A ReLU output, in [0, +∞).</summary>
[Network(5, 4, 1, Output = Activation.ReLU)]
public partial class ReluOutputNet
{
}
