// The networks of Fixtures/make_loss_fixtures.py: 4-8-3, tanh hidden layer, identity output.
using StaticNet;

namespace StaticNet.Tests.Networks;

// <docs:huber-network>
[Network(4, 8, 3, Hidden = Activation.Tanh, Output = Activation.Identity, Loss = Loss.Huber)]
public partial class HuberFixtureNet
{
}
// </docs:huber-network>

[Network(4, 8, 3, Hidden = Activation.Tanh, Output = Activation.Identity, Loss = Loss.MeanAbsoluteError)]
public partial class AbsoluteErrorFixtureNet
{
}

// HuberDelta other than 1, checked against the double-precision reference: a small δ on an identity output, and a
// large one through softmax (whose errors are below 1, so only a δ below them reaches the linear piece).
// <docs:huber-delta-network>
[Network(4, 8, 3, Hidden = Activation.Tanh, Output = Activation.Identity, Loss = Loss.Huber, HuberDelta = 0.5f)]
public partial class HuberHalfDeltaNet
{
}
// </docs:huber-delta-network>

[Network(4, 8, 3, Hidden = Activation.ReLU, Output = Activation.Identity, Loss = Loss.Huber, HuberDelta = 2f)]
public partial class HuberTwoDeltaNet
{
}

[Network(6, 10, 4, Hidden = Activation.Tanh, Output = Activation.Softmax, Loss = Loss.Huber, HuberDelta = 0.25f)]
public partial class HuberSoftmaxDeltaNet
{
}
