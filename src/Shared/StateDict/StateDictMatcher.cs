// Shared by the runtime (net10.0) and the generator (netstandard2.0): both the weight loaders and the frozen-network
// generator decide with these rules which tensor of a PyTorch state dict is which layer, so they always agree.
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace StaticNet.Interop;

/// <summary>
/// The state-dict name rules: which tensors of a weight file are the layers of a network with given sizes.
/// </summary>
/// <remarks>
/// <para>
/// A PyTorch multilayer perceptron's <c>state_dict</c> holds a <c>&lt;prefix&gt;.weight</c> and
/// <c>&lt;prefix&gt;.bias</c> per <c>nn.Linear</c>, where the prefix is the module's path: <c>0, 2, 4</c> in a plain
/// <c>nn.Sequential</c>, <c>0, 3, 6</c> with Dropout between layers, <c>fc1, fc2</c> in a named model,
/// <c>net.0, net.2</c> when saved from a module that wraps the network. The rules therefore ignore what the prefixes
/// say and use only their order: the prefixes, sorted in <see cref="NaturalOrder"/> (numbers by value, so
/// <c>fc10</c> follows <c>fc9</c>), are layers 1, 2, …, and their shapes must chain n0 → n1 → … → nL as the
/// network's sizes do. Two prefixes that read as the same number (<c>fc1</c>, <c>fc01</c>) make the order ambiguous;
/// tensors named neither <c>weight</c> nor <c>bias</c> (buffers such as BatchNorm's running statistics) are
/// rejected unless the caller asks to ignore them.
/// </para>
/// </remarks>
internal static class StateDictMatcher
{
    private const string WeightSuffix = "weight";
    private const string BiasSuffix = "bias";
    private const int MaxPairsShown = 16;

    /// <summary>Matches <paramref name="tensors"/> to the layers of a network with <paramref name="layerSizes"/> (input size first).</summary>
    /// <param name="tensors">The file's tensors, in any order.</param>
    /// <param name="layerSizes">n0, n1, …, nL, each positive.</param>
    /// <param name="ignoreBuffers">Whether tensors named neither <c>*.weight</c> nor <c>*.bias</c> are skipped rather than rejected.</param>
    public static StateDictMatch Match(IReadOnlyList<StateDictTensor> tensors, IReadOnlyList<int> layerSizes, bool ignoreBuffers)
    {
        int layerCount = layerSizes.Count - 1;
        var problems = new List<string>();
        var ignored = new List<string>();
        bool rejectedBuffers = false;

        // Prefix → [weight index, bias index], -1 where absent.
        var groups = new Dictionary<string, int[]>();
        for (int i = 0; i < tensors.Count; i++)
        {
            string name = tensors[i].Name;
            if (!TrySplit(name, out string prefix, out bool isWeight))
            {
                if (ignoreBuffers)
                {
                    ignored.Add(name);
                }
                else
                {
                    problems.Add("unexpected tensor " + tensors[i].Describe() + ", neither a weight nor a bias");
                    rejectedBuffers = true;
                }

                continue;
            }

            if (!groups.TryGetValue(prefix, out int[]? pair))
            {
                pair = new[] { -1, -1 };
                groups.Add(prefix, pair);
            }

            pair[isWeight ? 0 : 1] = i;
        }

        var prefixes = new List<string>(groups.Keys);
        // Ties (fc1, fc01) are reported below; the ordinal tie-break only makes the message the same on every run.
        prefixes.Sort((a, b) => NaturalOrder.Instance.Compare(a, b) is int order and not 0 ? order : string.CompareOrdinal(a, b));
        for (int i = 1; i < prefixes.Count; i++)
        {
            if (NaturalOrder.Instance.Compare(prefixes[i - 1], prefixes[i]) == 0)
            {
                problems.Add("'" + MessageText.Name(prefixes[i - 1]) + "' and '" + MessageText.Name(prefixes[i]) + "' read as the same position, so the order of the layers is ambiguous");
            }
        }

        foreach (string prefix in prefixes)
        {
            int[] pair = groups[prefix];
            if (pair[0] < 0)
            {
                problems.Add("tensor " + tensors[pair[1]].Describe() + " has no '" + MessageText.Name(Join(prefix, WeightSuffix)) + "' beside it");
            }
            else if (pair[1] < 0)
            {
                problems.Add("tensor " + tensors[pair[0]].Describe() + " has no '" + MessageText.Name(Join(prefix, BiasSuffix)) + "' beside it (every layer of the network has a bias)");
            }
        }

        if (prefixes.Count != layerCount && prefixes.Count > 0)
        {
            problems.Add(Invariant("the file holds {0} weight/bias {1}, the network has {2} layers", prefixes.Count, prefixes.Count == 1 ? "pair" : "pairs", layerCount));
        }
        else if (prefixes.Count == 0)
        {
            problems.Add("the file holds no tensor named '<prefix>.weight' or '<prefix>.bias'");
        }

        var weights = new int[layerCount];
        var biases = new int[layerCount];
        for (int l = 1; l <= layerCount; l++)
        {
            weights[l - 1] = biases[l - 1] = -1;
            if (l > prefixes.Count)
            {
                problems.Add(Invariant("layer {0} weight and bias are missing", l));
                continue;
            }

            int[] pair = groups[prefixes[l - 1]];
            weights[l - 1] = pair[0];
            biases[l - 1] = pair[1];
            CheckShape(tensors, pair[0], Invariant("layer {0} weight", l), new long[] { layerSizes[l], layerSizes[l - 1] }, problems);
            CheckShape(tensors, pair[1], Invariant("layer {0} bias", l), new long[] { layerSizes[l] }, problems);
        }

        for (int extra = layerCount; extra < prefixes.Count; extra++)
        {
            foreach (int index in groups[prefixes[extra]])
            {
                if (index >= 0)
                {
                    problems.Add("unexpected tensor " + tensors[index].Describe());
                }
            }
        }

        return new StateDictMatch(weights, biases, problems, ignored, rejectedBuffers, DescribeFound(tensors, prefixes, groups));
    }

    /// <summary>Formats a shape as every message shows it, e.g. <c>[8,4]</c>.</summary>
    public static string FormatShape(IReadOnlyList<long> shape)
    {
        var text = new StringBuilder("[");
        for (int i = 0; i < shape.Count; i++)
        {
            text.Append(i == 0 ? string.Empty : ",").Append(shape[i].ToString(CultureInfo.InvariantCulture));
        }

        return text.Append(']').ToString();
    }

    /// <summary>Whether <paramref name="name"/> is <c>weight</c>, <c>bias</c> or ends in <c>.weight</c>/<c>.bias</c>, and its prefix if so.</summary>
    private static bool TrySplit(string name, out string prefix, out bool isWeight)
    {
        foreach (string suffix in new[] { WeightSuffix, BiasSuffix })
        {
            isWeight = suffix == WeightSuffix;
            if (name == suffix)
            {
                // The state dict of a lone nn.Linear: keys "weight" and "bias" with an empty prefix.
                prefix = string.Empty;
                return true;
            }

            if (name.Length > suffix.Length + 1 && name.EndsWith("." + suffix, System.StringComparison.Ordinal))
            {
                prefix = name.Substring(0, name.Length - suffix.Length - 1);
                return true;
            }
        }

        prefix = string.Empty;
        isWeight = false;
        return false;
    }

    private static void CheckShape(IReadOnlyList<StateDictTensor> tensors, int index, string what, long[] expected, List<string> problems)
    {
        if (index < 0)
        {
            return;
        }

        long[] shape = tensors[index].Shape;
        bool same = shape.Length == expected.Length;
        for (int i = 0; same && i < shape.Length; i++)
        {
            same = shape[i] == expected[i];
        }

        if (!same)
        {
            string where = tensors[index].Where.Length == 0 ? string.Empty : ", " + tensors[index].Where;
            problems.Add(what + ": file has " + FormatShape(shape) + ", network expects " + FormatShape(expected) + " ('" + MessageText.Name(tensors[index].Name) + "'" + where + ")");
        }
    }

    // What the rules saw, in the order they used: the one thing a user needs to see when a file does not chain.
    private static string DescribeFound(IReadOnlyList<StateDictTensor> tensors, List<string> prefixes, Dictionary<string, int[]> groups)
    {
        if (prefixes.Count == 0)
        {
            return "The file holds no weight/bias pairs.";
        }

        // A file of thousands of pairs would otherwise make a message as long as the file; the first few say enough.
        var text = new StringBuilder("The file's weight/bias pairs in natural order: ");
        int shown = prefixes.Count < MaxPairsShown ? prefixes.Count : MaxPairsShown;
        for (int i = 0; i < shown; i++)
        {
            int[] pair = groups[prefixes[i]];
            text.Append(i == 0 ? string.Empty : ", ")
                .Append('\'').Append(MessageText.Name(prefixes[i])).Append("' ")
                .Append(pair[0] < 0 ? "(no weight)" : FormatShape(tensors[pair[0]].Shape))
                .Append(" + ")
                .Append(pair[1] < 0 ? "(no bias)" : FormatShape(tensors[pair[1]].Shape));
        }

        if (prefixes.Count > shown)
        {
            text.Append(Invariant(" and {0} more", prefixes.Count - shown));
        }

        return text.Append('.').ToString();
    }

    private static string Join(string prefix, string suffix) => prefix.Length == 0 ? suffix : prefix + "." + suffix;

    private static string Invariant(string format, params object[] arguments) => string.Format(CultureInfo.InvariantCulture, format, arguments);
}

/// <summary>The outcome of <see cref="StateDictMatcher.Match"/>.</summary>
internal sealed class StateDictMatch
{
    /// <summary>Creates the outcome.</summary>
    public StateDictMatch(int[] weights, int[] biases, List<string> problems, List<string> ignored, bool rejectedBuffers, string found)
    {
        Weights = weights;
        Biases = biases;
        Problems = problems;
        Ignored = ignored;
        RejectedBuffers = rejectedBuffers;
        Found = found;
    }

    /// <summary>For each layer (index l − 1), the index of its weight tensor; meaningful only when <see cref="Problems"/> is empty.</summary>
    public int[] Weights { get; }

    /// <summary>For each layer (index l − 1), the index of its bias tensor; meaningful only when <see cref="Problems"/> is empty.</summary>
    public int[] Biases { get; }

    /// <summary>Everything that stops the file from filling the network, each a clause for a message.</summary>
    public List<string> Problems { get; }

    /// <summary>The names of the tensors skipped because the caller asked to ignore buffers.</summary>
    public List<string> Ignored { get; }

    /// <summary>Whether some problem is a tensor that ignoring buffers would have skipped.</summary>
    public bool RejectedBuffers { get; }

    /// <summary>A sentence listing the weight/bias pairs found, in the order the rules read them, for rejections.</summary>
    public string Found { get; }
}
