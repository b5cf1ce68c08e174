// The networks of Fixtures/make_activation_fixtures.py: 8-20-6-2 (a kernel layer, then register layers) with GELU,
// SiLU, ELU or Softplus on both hidden layers, trainable and frozen with the fixture's weights.
using StaticNet;

namespace StaticNet.Tests.Networks;

// <docs:gelu-network>
[Network(8, 20, 6, 2, Hidden = Activation.GELU, Output = Activation.Identity)]
public partial class GeluFixtureNet
{
}
// </docs:gelu-network>

[Network(8, 20, 6, 2, Hidden = Activation.SiLU, Output = Activation.Identity)]
public partial class SiluFixtureNet
{
}

[Network(8, 20, 6, 2, Hidden = Activation.ELU, Output = Activation.Identity)]
public partial class EluFixtureNet
{
}

[Network(8, 20, 6, 2, Hidden = Activation.Softplus, Output = Activation.Identity)]
public partial class SoftplusFixtureNet
{
}

[Network(8, 20, 6, 2, Hidden = Activation.GELU, Output = Activation.Identity, Weights = "Fixtures/activation_gelu.weights.json")]
public partial class FrozenGeluNet
{
}

[Network(8, 20, 6, 2, Hidden = Activation.SiLU, Output = Activation.Identity, Weights = "Fixtures/activation_silu.weights.json")]
public partial class FrozenSiluNet
{
}

[Network(8, 20, 6, 2, Hidden = Activation.ELU, Output = Activation.Identity, Weights = "Fixtures/activation_elu.weights.json")]
public partial class FrozenEluNet
{
}

[Network(8, 20, 6, 2, Hidden = Activation.Softplus, Output = Activation.Identity, Weights = "Fixtures/activation_softplus.weights.json")]
public partial class FrozenSoftplusNet
{
}
