using System;
using System.Globalization;
using System.Linq;
using StaticNet.Interop;

namespace StaticNet;

/// <summary>
/// The state-dict keys <see cref="SafeTensors.Save(INetwork, string, System.Collections.Generic.IReadOnlyDictionary{string, string}, StateDictKeys)"/>
/// and <see cref="WeightsJson.Save(INetwork, string, StateDictKeys)"/> write, so that a file loads into a PyTorch module
/// with <c>load_state_dict(strict=True)</c> whatever the module's names.
/// </summary>
/// <remarks>
/// Without keys, the writers use the names of <c>nn.Sequential(Linear, activation, Linear, …)</c>: layer l is module
/// 2(l−1), so <c>0, 2, 4, …</c>. A <c>Sequential</c> with other modules between its <c>Linear</c> layers (Dropout,
/// BatchNorm-free blocks, several activations) numbers them differently: give those indices with
/// <see cref="Sequential(int[])"/>. A module with named layers (<c>self.fc1</c>, <c>self.fc2</c>) or a wrapped
/// <c>Sequential</c> (<c>self.net</c>) takes <see cref="Prefixes(string[])"/>. The keys must read back in layer order
/// under the loaders' name rules (numbers compared by value), so the file also loads back into the network.
/// </remarks>
public sealed class StateDictKeys
{
    private readonly string[] prefixes;

    private StateDictKeys(string[] prefixes) => this.prefixes = prefixes;

    /// <summary>
    /// Keys of an <c>nn.Sequential</c> whose <c>Linear</c> layers sit at the given module indices: layer l is written as
    /// <c>{moduleIndices[l−1]}.weight</c> and <c>{moduleIndices[l−1]}.bias</c>.
    /// </summary>
    /// <example>
    /// <c>Sequential(Linear(4, 8), ReLU(), Dropout(0.2), Linear(8, 3))</c> has its layers at indices 0 and 3:
    /// <c>StateDictKeys.Sequential(0, 3)</c>.
    /// </example>
    /// <param name="moduleIndices">One index per layer after the input, each non-negative and larger than the one before.</param>
    /// <returns>Keys to pass to a <c>Save</c> method.</returns>
    /// <exception cref="ArgumentException">There are no indices, or one is negative or not larger than the one before.</exception>
    public static StateDictKeys Sequential(params int[] moduleIndices)
    {
        ArgumentNullException.ThrowIfNull(moduleIndices);
        RequireSome(moduleIndices.Length, nameof(moduleIndices));
        for (int i = 0; i < moduleIndices.Length; i++)
        {
            if (moduleIndices[i] < 0 || (i > 0 && moduleIndices[i] <= moduleIndices[i - 1]))
            {
                throw new ArgumentException(
                    Invariant($"Module indices must be non-negative and increasing, as nn.Sequential numbers its modules, but index {i} is {moduleIndices[i]} after {string.Join(", ", moduleIndices.Take(i))}."),
                    nameof(moduleIndices));
            }
        }

        return new StateDictKeys(moduleIndices.Select(index => index.ToString(CultureInfo.InvariantCulture)).ToArray());
    }

    /// <summary>
    /// Keys with the given prefix per layer: layer l is written as <c>{prefixes[l−1]}.weight</c> and
    /// <c>{prefixes[l−1]}.bias</c>, e.g. <c>"fc1", "fc2"</c> for a module with attributes <c>fc1</c> and <c>fc2</c>, or
    /// <c>"net.0", "net.3"</c> for a <c>Sequential</c> held as <c>self.net</c>.
    /// </summary>
    /// <param name="prefixes">
    /// One prefix per layer after the input; none empty or starting or ending with '.', and in layer order when
    /// compared as the loaders compare them (runs of digits by value: <c>fc9</c> before <c>fc10</c>).
    /// </param>
    /// <returns>Keys to pass to a <c>Save</c> method.</returns>
    /// <exception cref="ArgumentException">
    /// There are no prefixes, one is null, empty or starts or ends with '.', or they are not in increasing natural
    /// order (the file would load back with its layers in another order, or two prefixes such as <c>fc1</c> and
    /// <c>fc01</c> read as the same position).
    /// </exception>
    public static StateDictKeys Prefixes(params string[] prefixes)
    {
        ArgumentNullException.ThrowIfNull(prefixes);
        RequireSome(prefixes.Length, nameof(prefixes));
        for (int i = 0; i < prefixes.Length; i++)
        {
            string prefix = prefixes[i];
            if (string.IsNullOrEmpty(prefix) || prefix[0] == '.' || prefix[^1] == '.')
            {
                throw new ArgumentException(
                    Invariant($"Prefix {i} is '{prefix}': a prefix must be a module name such as 'fc1' or 'net.0', not empty and not starting or ending with '.'."),
                    nameof(prefixes));
            }

            if (i > 0 && NaturalOrder.Instance.Compare(prefixes[i - 1], prefix) >= 0)
            {
                throw new ArgumentException(
                    Invariant($"Prefix {i} '{prefix}' does not come after '{prefixes[i - 1]}' in natural order (numbers compared by value), so the file would not load back with its layers in this order; list the prefixes layer by layer with increasing numbers."),
                    nameof(prefixes));
            }
        }

        return new StateDictKeys((string[])prefixes.Clone());
    }

    /// <summary>
    /// The key of every tensor of a network with <paramref name="layerCount"/> layers after the input, in parameter
    /// order (weight then bias, layer by layer); <paramref name="keys"/> null gives the default <c>0, 2, 4, …</c>.
    /// </summary>
    /// <exception cref="ArgumentException">The keys name another number of layers than the network has.</exception>
    internal static string[] TensorNames(StateDictKeys? keys, int layerCount, string parameterName)
    {
        if (keys is not null && keys.prefixes.Length != layerCount)
        {
            throw new ArgumentException(
                Invariant($"The state-dict keys name {keys.prefixes.Length} layers, but the network has {layerCount} layers after the input; give one module index or prefix per layer."),
                parameterName);
        }

        var names = new string[2 * layerCount];
        for (int l = 0; l < layerCount; l++)
        {
            // nn.Sequential(Linear, activation, Linear, …) numbers its modules 0, 1, 2, …: Linear layer l is module 2(l−1).
            string prefix = keys?.prefixes[l] ?? (2 * l).ToString(CultureInfo.InvariantCulture);
            names[2 * l] = prefix + ".weight";
            names[(2 * l) + 1] = prefix + ".bias";
        }

        return names;
    }

    private static void RequireSome(int count, string parameterName)
    {
        if (count == 0)
        {
            throw new ArgumentException("Give one entry per layer after the input; none were given.", parameterName);
        }
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
