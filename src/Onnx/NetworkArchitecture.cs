using System;
using System.Globalization;
using System.Reflection;

namespace StaticNet;

/// <summary>
/// What an ONNX graph of a network must compute: its layer sizes and each layer's activation. The sizes come from
/// <see cref="INetwork.LayerSizes"/>; the activations are not part of <see cref="INetwork"/>, so they are read from
/// the <see cref="NetworkAttribute"/> the generated class was compiled from (attributes survive trimming and AOT).
/// </summary>
internal sealed class NetworkArchitecture
{
    private NetworkArchitecture(string name, int[] sizes, Activation[] activations, float leakySlope)
    {
        Name = name;
        Sizes = sizes;
        Activations = activations;
        LeakySlope = leakySlope;
    }

    /// <summary>The network's type name, for messages.</summary>
    public string Name { get; }

    /// <summary>n0, n1, …, nL.</summary>
    public int[] Sizes { get; }

    /// <summary>The activation of layer l at index l − 1.</summary>
    public Activation[] Activations { get; }

    /// <summary>The negative-side slope of <see cref="Activation.LeakyReLU"/> layers.</summary>
    public float LeakySlope { get; }

    /// <summary>The number of layers, L.</summary>
    public int LayerCount => Sizes.Length - 1;

    /// <summary>Reads the architecture of a generated network.</summary>
    /// <exception cref="ArgumentException">The network is not a class generated from <see cref="NetworkAttribute"/>, or its attribute and sizes disagree.</exception>
    public static NetworkArchitecture Of(INetwork network)
    {
        Type type = network.GetType();
        NetworkAttribute attribute = type.GetCustomAttribute<NetworkAttribute>(inherit: false)
            ?? throw new ArgumentException(
                $"{type.Name} has no [Network] attribute, so its activations are unknown; ONNX export and import work with networks generated from [Network(...)].",
                nameof(network));

        int[] sizes = network.LayerSizes.ToArray();
        if (!sizes.AsSpan().SequenceEqual(attribute.LayerSizes) || sizes.Length < 2)
        {
            throw new ArgumentException(
                $"{type.Name}'s LayerSizes ({string.Join(',', sizes)}) differ from its [Network] attribute ({string.Join(',', attribute.LayerSizes)}).",
                nameof(network));
        }

        Activation[] activations = attribute.Activations is { } perLayer
            ? (Activation[])perLayer.Clone()
            : CreateDefault(sizes.Length - 1, attribute.Hidden, attribute.Output);
        if (activations.Length != sizes.Length - 1)
        {
            throw new ArgumentException(
                $"{type.Name}'s [Network] attribute lists {activations.Length} activations for {sizes.Length - 1} layers.",
                nameof(network));
        }

        return new NetworkArchitecture(type.Name, sizes, activations, attribute.LeakySlope);
    }

    /// <summary>The chain an ONNX graph must hold, for messages, e.g. <c>input [N,4] → dense 8 → Relu → dense 3 → Softmax → output [N,3]</c>.</summary>
    public string Describe()
    {
        var text = new System.Text.StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"input [N,{Sizes[0]}]");
        for (int l = 1; l < Sizes.Length; l++)
        {
            text.Append(CultureInfo.InvariantCulture, $" → dense {Sizes[l - 1]}→{Sizes[l]} (Gemm, or MatMul + Add)");
            string? op = OnnxOperators.ActivationDescription(Activations[l - 1]);
            if (op is not null)
            {
                text.Append(" → ").Append(op);
                if (Activations[l - 1] == Activation.LeakyReLU)
                {
                    text.Append(CultureInfo.InvariantCulture, $" (alpha {LeakySlope:R})");
                }
            }
        }

        return text.Append(CultureInfo.InvariantCulture, $" → output [N,{Sizes[^1]}]").ToString();
    }

    private static Activation[] CreateDefault(int layers, Activation hidden, Activation output)
    {
        var activations = new Activation[layers];
        Array.Fill(activations, hidden);
        activations[^1] = output;
        return activations;
    }
}
