using StaticNet;

namespace StaticNet.Tests.Networks;

/// <summary>1-8190-1: 16,382 floats of training scratch, just under the old 16,384-float stack limit; now per-thread scratch.</summary>
[Network(1, 8190, 1, Hidden = Activation.Tanh, Output = Activation.Identity)]
public partial class OldStackEdgeNet
{
}

/// <summary>1-2000-1: 4,002 floats of training scratch, just under the 4,096-float stack budget, so still on the stack.</summary>
[Network(1, 2000, 1, Hidden = Activation.Tanh, Output = Activation.Identity)]
public partial class StackBudgetNet
{
}
