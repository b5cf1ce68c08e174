using StaticNet;

namespace StaticNet.Tests.Networks;

/// <summary>The CS231n single sigmoid neuron: two inputs, one sigmoid output.</summary>
[Network(2, 1)]
public partial class Cs231nNeuron
{
}

/// <summary>The lecture's 3-input, 4-unit sigmoid layer.</summary>
[Network(3, 4)]
public partial class LectureSigmoidLayer
{
}

/// <summary>The same layer with an identity output, to read Z directly.</summary>
[Network(3, 4, Output = Activation.Identity)]
public partial class LectureLinearLayer
{
}

/// <summary>The brief's example network, used for API and allocation tests.</summary>
[Network(4, 5, 3)]
public partial class DefaultNet
{
}

/// <summary>2-4-1 sigmoid with mean squared error, the classic XOR network.</summary>
[Network(2, 4, 1)]
public partial class XorNet
{
}

/// <summary>A network whose training scratch exceeds the stack limit, so it uses per-thread scratch.</summary>
[Network(1, 9000, 1, Hidden = Activation.Tanh, Output = Activation.Identity)]
public partial class WideNet
{
}

/// <summary>A network declaring its own parameterless constructor; the generator must not add a second one.</summary>
[Network(2, 3, 1)]
public partial class NetWithOwnConstructor
{
    /// <summary>Initialises from seed 7 instead of 0.</summary>
    public NetWithOwnConstructor()
    {
        Initialize(7);
    }
}

/// <summary>A network with a C# 12 primary constructor: no constructor can be generated, yet it starts seeded.</summary>
[Network(2, 3, 1)]
public partial class NetWithPrimaryConstructor(string name)
{
    /// <summary>The name given to the primary constructor.</summary>
    public string Name => name;
}
