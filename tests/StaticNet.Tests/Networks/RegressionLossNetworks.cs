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
