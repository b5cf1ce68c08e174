using StaticNet;

namespace StaticNet.Samples.Latency;

/// <summary>
/// The controller: four sensor readings (cart position and velocity, pole angle and angular velocity, each scaled
/// to about ±1) → 16 → 16 tanh units → the motor force as a fraction of its maximum.
/// </summary>
[Network(4, 16, 16, 1, Hidden = Activation.Tanh, Output = Activation.Identity, Loss = Loss.MeanSquaredError)]
public partial class BalancerNet
{
}
