using System;

namespace StaticNet.Tests;

/// <summary>
/// Values laid out like a network's parameters, read in PyTorch's order: what fixtures made by PyTorch hold, whatever
/// order the generator chose for each layer in memory.
/// </summary>
internal static class PyTorchOrder
{
    /// <summary>The network's parameters in PyTorch's order (W[1] row-major, b[1], W[2], …), in a new array.</summary>
    public static float[] ParametersOf(INetwork network)
    {
        var values = new float[network.ParameterCount];
        network.CopyParametersTo(values);
        return values;
    }

    /// <summary><paramref name="values"/>, laid out like the network's parameters (a gradient), in PyTorch's order, in a new array.</summary>
    public static float[] Of(INetwork network, ReadOnlySpan<float> values)
    {
        var converted = new float[network.ParameterCount];
        network.ToPyTorchOrder(values, converted);
        return converted;
    }
}
