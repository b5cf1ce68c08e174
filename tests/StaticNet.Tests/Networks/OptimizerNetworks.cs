// The architecture of the optimizer fixtures (Fixtures/make_optimizer_fixtures.py).
using StaticNet;

namespace StaticNet.Tests.Networks;

/// <summary>nn.Sequential(Linear(3, 4), Tanh(), Linear(4, 2)) trained with ½Σ(ŷ − y)² per sample.</summary>
[Network(3, 4, 2, Hidden = Activation.Tanh, Output = Activation.Identity, Loss = Loss.MeanSquaredError)]
public partial class OptimizerFixtureNet
{
}
