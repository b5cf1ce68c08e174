// The architectures of GradientCheckTests: every hidden activation with every legal output/loss pairing,
// one to four hidden layers, sizes 1 to 40, both unrolled (tiny) and looped (larger) layers.
// Arch25 and Arch26 have no hidden layer; the others have one to four. Arch32–Arch40 are the smooth activations
// (GELU, SiLU, ELU, Softplus), tiny (register layers) and larger (kernel layers), hidden and on the output;
// Arch41–Arch44 the Huber and absolute-error losses on element-wise and softmax outputs.
using StaticNet;

namespace StaticNet.Tests.Networks;

[Network(3, 5, 2, Hidden = Activation.Identity, Output = Activation.Sigmoid, Loss = Loss.MeanSquaredError)]
public partial class Arch00
{
}

[Network(4, 7, 6, 3, Hidden = Activation.Identity, Output = Activation.Softmax, Loss = Loss.CrossEntropy)]
public partial class Arch01
{
}

[Network(2, 12, 9, 4, Hidden = Activation.Identity, Output = Activation.Sigmoid, Loss = Loss.BinaryCrossEntropy)]
public partial class Arch02
{
}

[Network(4, 7, 6, 3, Hidden = Activation.Sigmoid, Output = Activation.Sigmoid, Loss = Loss.MeanSquaredError)]
public partial class Arch03
{
}

[Network(2, 12, 9, 4, Hidden = Activation.Sigmoid, Output = Activation.Softmax, Loss = Loss.CrossEntropy)]
public partial class Arch04
{
}

[Network(5, 10, 8, 6, 4, 3, Hidden = Activation.Sigmoid, Output = Activation.Sigmoid, Loss = Loss.BinaryCrossEntropy)]
public partial class Arch05
{
}

[Network(2, 12, 9, 4, Hidden = Activation.Tanh, Output = Activation.Sigmoid, Loss = Loss.MeanSquaredError)]
public partial class Arch06
{
}

[Network(5, 10, 8, 6, 4, 3, Hidden = Activation.Tanh, Output = Activation.Softmax, Loss = Loss.CrossEntropy)]
public partial class Arch07
{
}

[Network(6, 1, 3, Hidden = Activation.Tanh, Output = Activation.Sigmoid, Loss = Loss.BinaryCrossEntropy)]
public partial class Arch08
{
}

[Network(5, 10, 8, 6, 4, 3, Hidden = Activation.ReLU, Output = Activation.Sigmoid, Loss = Loss.MeanSquaredError)]
public partial class Arch09
{
}

[Network(6, 1, 3, Hidden = Activation.ReLU, Output = Activation.Softmax, Loss = Loss.CrossEntropy)]
public partial class Arch10
{
}

[Network(3, 5, 2, Hidden = Activation.ReLU, Output = Activation.Sigmoid, Loss = Loss.BinaryCrossEntropy)]
public partial class Arch11
{
}

[Network(6, 1, 3, Hidden = Activation.LeakyReLU, Output = Activation.Sigmoid, Loss = Loss.MeanSquaredError)]
public partial class Arch12
{
}

[Network(3, 5, 2, Hidden = Activation.LeakyReLU, Output = Activation.Softmax, Loss = Loss.CrossEntropy)]
public partial class Arch13
{
}

[Network(4, 7, 6, 3, Hidden = Activation.LeakyReLU, Output = Activation.Sigmoid, Loss = Loss.BinaryCrossEntropy)]
public partial class Arch14
{
}

[Network(4, 20, 2, Hidden = Activation.Tanh, Output = Activation.Identity)]
public partial class Arch15
{
}

[Network(3, 16, 8, 3, Hidden = Activation.Sigmoid, Output = Activation.Tanh)]
public partial class Arch16
{
}

[Network(5, 9, 4, Hidden = Activation.LeakyReLU, Output = Activation.ReLU)]
public partial class Arch17
{
}

[Network(2, 6, 6, 2, Hidden = Activation.ReLU, Output = Activation.LeakyReLU)]
public partial class Arch18
{
}

[Network(4, 11, 5, Hidden = Activation.Tanh, Output = Activation.Softmax)]
public partial class Arch19
{
}

[Network(8, 40, 20, 5, Activations = new[] { Activation.ReLU, Activation.Tanh, Activation.Softmax }, Loss = Loss.CrossEntropy)]
public partial class Arch20
{
}

[Network(10, 30, 30, 30, 30, 1, Activations = new[] { Activation.Tanh, Activation.LeakyReLU, Activation.Sigmoid, Activation.Identity, Activation.Sigmoid }, Loss = Loss.BinaryCrossEntropy, LeakySlope = 0.1f)]
public partial class Arch21
{
}

[Network(1, 1, 1, Hidden = Activation.Tanh, Output = Activation.Identity)]
public partial class Arch22
{
}

[Network(40, 40, 10, Hidden = Activation.ReLU, Output = Activation.Softmax, Loss = Loss.CrossEntropy)]
public partial class Arch23
{
}

[Network(12, 25, 3, Hidden = Activation.LeakyReLU, Output = Activation.Softmax, Loss = Loss.CrossEntropy, LeakySlope = -0.5f)]
public partial class Arch24
{
}

[Network(3, 4, Output = Activation.Softmax, Loss = Loss.CrossEntropy)]
public partial class Arch25
{
}

[Network(6, 2, Output = Activation.Tanh)]
public partial class Arch26
{
}

[Network(7, 33, 1, Activations = new[] { Activation.Sigmoid, Activation.Identity })]
public partial class Arch27
{
}

[Network(9, 17, 13, 7, 2, Hidden = Activation.Sigmoid, Output = Activation.Softmax)]
public partial class Arch28
{
}

[Network(16, 16, 16, Hidden = Activation.Tanh, Output = Activation.Tanh)]
public partial class Arch29
{
}

[Network(20, 24, 12, 3, Activations = new[] { Activation.LeakyReLU, Activation.Sigmoid, Activation.Softmax }, Loss = Loss.CrossEntropy)]
public partial class Arch30
{
}

[Network(3, 8, 8, 8, 8, 2, Hidden = Activation.Tanh, Output = Activation.Identity)]
public partial class Arch31
{
}

[Network(3, 5, 4, 2, Hidden = Activation.GELU, Output = Activation.GELU)]
public partial class Arch32
{
}

[Network(12, 24, 16, 3, Hidden = Activation.GELU, Output = Activation.Softmax, Loss = Loss.CrossEntropy)]
public partial class Arch33
{
}

[Network(3, 5, 4, 2, Hidden = Activation.SiLU, Output = Activation.SiLU)]
public partial class Arch34
{
}

[Network(12, 24, 16, 3, Hidden = Activation.SiLU, Output = Activation.Sigmoid, Loss = Loss.BinaryCrossEntropy)]
public partial class Arch35
{
}

[Network(3, 5, 4, 2, Hidden = Activation.ELU, Output = Activation.ELU)]
public partial class Arch36
{
}

[Network(12, 24, 16, 3, Hidden = Activation.ELU, Output = Activation.Identity)]
public partial class Arch37
{
}

[Network(3, 5, 4, 2, Hidden = Activation.Softplus, Output = Activation.Softplus)]
public partial class Arch38
{
}

[Network(12, 24, 16, 3, Hidden = Activation.Softplus, Output = Activation.Softmax, Loss = Loss.CrossEntropy)]
public partial class Arch39
{
}

[Network(6, 10, 9, 8, 7, 2, Activations = new[] { Activation.GELU, Activation.SiLU, Activation.ELU, Activation.Softplus, Activation.Identity })]
public partial class Arch40
{
}

[Network(4, 6, 3, Hidden = Activation.Tanh, Output = Activation.Identity, Loss = Loss.Huber)]
public partial class Arch41
{
}

[Network(12, 24, 16, 3, Hidden = Activation.Tanh, Output = Activation.Softmax, Loss = Loss.Huber)]
public partial class Arch42
{
}

[Network(4, 6, 3, Hidden = Activation.ReLU, Output = Activation.Sigmoid, Loss = Loss.MeanAbsoluteError)]
public partial class Arch43
{
}

[Network(3, 5, 4, Hidden = Activation.SiLU, Output = Activation.Softmax, Loss = Loss.MeanAbsoluteError)]
public partial class Arch44
{
}

/// <summary>Every architecture above, for theory data.</summary>
public static class GradientCheckNetworks
{
    /// <summary>Creates the architecture named <paramref name="name"/> with the given seed.</summary>
    public static IBatchNetwork Create(string name, int seed)
    {
        foreach (var (candidate, create) in All)
        {
            if (candidate == name)
            {
                return (IBatchNetwork)create(seed);
            }
        }

        throw new System.ArgumentException($"No architecture named {name}.", nameof(name));
    }

    /// <summary>The index in <see cref="All"/> of Arch32, the first of the smooth activations' and regression losses' architectures.</summary>
    public const int FirstSmooth = 32;

    /// <summary>Creates each network with the given seed.</summary>
    public static readonly (string Name, System.Func<int, INetwork> Create)[] All =
    {
        ("Arch00", seed => new Arch00(seed)),
        ("Arch01", seed => new Arch01(seed)),
        ("Arch02", seed => new Arch02(seed)),
        ("Arch03", seed => new Arch03(seed)),
        ("Arch04", seed => new Arch04(seed)),
        ("Arch05", seed => new Arch05(seed)),
        ("Arch06", seed => new Arch06(seed)),
        ("Arch07", seed => new Arch07(seed)),
        ("Arch08", seed => new Arch08(seed)),
        ("Arch09", seed => new Arch09(seed)),
        ("Arch10", seed => new Arch10(seed)),
        ("Arch11", seed => new Arch11(seed)),
        ("Arch12", seed => new Arch12(seed)),
        ("Arch13", seed => new Arch13(seed)),
        ("Arch14", seed => new Arch14(seed)),
        ("Arch15", seed => new Arch15(seed)),
        ("Arch16", seed => new Arch16(seed)),
        ("Arch17", seed => new Arch17(seed)),
        ("Arch18", seed => new Arch18(seed)),
        ("Arch19", seed => new Arch19(seed)),
        ("Arch20", seed => new Arch20(seed)),
        ("Arch21", seed => new Arch21(seed)),
        ("Arch22", seed => new Arch22(seed)),
        ("Arch23", seed => new Arch23(seed)),
        ("Arch24", seed => new Arch24(seed)),
        ("Arch25", seed => new Arch25(seed)),
        ("Arch26", seed => new Arch26(seed)),
        ("Arch27", seed => new Arch27(seed)),
        ("Arch28", seed => new Arch28(seed)),
        ("Arch29", seed => new Arch29(seed)),
        ("Arch30", seed => new Arch30(seed)),
        ("Arch31", seed => new Arch31(seed)),
        ("Arch32", seed => new Arch32(seed)),
        ("Arch33", seed => new Arch33(seed)),
        ("Arch34", seed => new Arch34(seed)),
        ("Arch35", seed => new Arch35(seed)),
        ("Arch36", seed => new Arch36(seed)),
        ("Arch37", seed => new Arch37(seed)),
        ("Arch38", seed => new Arch38(seed)),
        ("Arch39", seed => new Arch39(seed)),
        ("Arch40", seed => new Arch40(seed)),
        ("Arch41", seed => new Arch41(seed)),
        ("Arch42", seed => new Arch42(seed)),
        ("Arch43", seed => new Arch43(seed)),
        ("Arch44", seed => new Arch44(seed)),
    };
}
