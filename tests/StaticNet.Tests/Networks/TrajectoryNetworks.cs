// The activation networks of Fixtures/make_trajectory_fixtures.py: 4-6-3 with GELU, SiLU, ELU or Softplus on the
// hidden layer and an identity output, and 3-5-2 with the activation on both layers. (Its loss trajectories train the
// 4-8-3 networks of RegressionLossNetworks.cs.)
using StaticNet;

namespace StaticNet.Tests.Networks;

[Network(4, 6, 3, Hidden = Activation.GELU, Output = Activation.Identity)]
public partial class GeluTrajectoryNet
{
}

[Network(4, 6, 3, Hidden = Activation.SiLU, Output = Activation.Identity)]
public partial class SiluTrajectoryNet
{
}

[Network(4, 6, 3, Hidden = Activation.ELU, Output = Activation.Identity)]
public partial class EluTrajectoryNet
{
}

[Network(4, 6, 3, Hidden = Activation.Softplus, Output = Activation.Identity)]
public partial class SoftplusTrajectoryNet
{
}

[Network(3, 5, 2, Hidden = Activation.GELU, Output = Activation.GELU)]
public partial class GeluOutputTrajectoryNet
{
}

[Network(3, 5, 2, Hidden = Activation.SiLU, Output = Activation.SiLU)]
public partial class SiluOutputTrajectoryNet
{
}

[Network(3, 5, 2, Hidden = Activation.ELU, Output = Activation.ELU)]
public partial class EluOutputTrajectoryNet
{
}

[Network(3, 5, 2, Hidden = Activation.Softplus, Output = Activation.Softplus)]
public partial class SoftplusOutputTrajectoryNet
{
}
