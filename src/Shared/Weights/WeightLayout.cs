using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;
using StaticNet.Interop;

namespace StaticNet;

/// <summary>One tensor a network needs: its PyTorch name, shape and place in <see cref="INetwork.Parameters"/>.</summary>
/// <param name="Name">The <c>nn.Sequential</c> state-dict key, e.g. <c>2.weight</c>.</param>
/// <param name="Description">How messages refer to it, e.g. <c>layer 2 weight</c>.</param>
/// <param name="Shape">[n_l, n_(l−1)] for a weight, [n_l] for a bias.</param>
/// <param name="ParameterOffset">Where its first value sits in the parameter buffer.</param>
/// <param name="Length">How many values it holds.</param>
internal sealed record TensorSlot(string Name, string Description, long[] Shape, int ParameterOffset, int Length);

/// <summary>
/// The tensors a network's weight file must hold, derived from <see cref="INetwork.LayerSizes"/>, and the wording
/// every rejection shares, so that each message says what the network expected as well as what was wrong.
/// </summary>
internal sealed class WeightLayout
{
    // Rejections list at most this many problems: a file for a completely different network would otherwise
    // produce one line per tensor, and the first few already say what happened.
    private const int MaxProblemsShown = 8;

    // Each problem quotes names and values from the file, which may be megabytes long; the cut keeps every message
    // short enough to log whatever the file holds.
    private const int MaxProblemLength = 300;

    // A network of thousands of layers would otherwise list every tensor it expects.
    private const int MaxSlotsShown = 16;

    private WeightLayout(string networkName, int[] sizes, TensorSlot[] slots, int parameterCount)
    {
        NetworkName = networkName;
        Sizes = sizes;
        LayersText = string.Join(',', sizes);
        Slots = slots;
        ParameterCount = parameterCount;
        foreach (TensorSlot slot in slots)
        {
            LargestSlotLength = Math.Max(LargestSlotLength, slot.Length);
        }
    }

    /// <summary>The network's type name, for messages.</summary>
    public string NetworkName { get; }

    /// <summary>The layer sizes, input first.</summary>
    public int[] Sizes { get; }

    /// <summary>The layer sizes as the <c>staticnet.layers</c> metadata writes them, e.g. <c>4,8,3</c>.</summary>
    public string LayersText { get; }

    /// <summary>The tensors in layer order, which is also their order in the parameter buffer.</summary>
    public IReadOnlyList<TensorSlot> Slots { get; }

    /// <summary>The total number of parameters, the sum of the slots' lengths.</summary>
    public int ParameterCount { get; }

    /// <summary>The values of the network's largest tensor: a reader need not keep more of any tensor in a file.</summary>
    public int LargestSlotLength { get; }

    /// <summary>
    /// Reads the layout of <paramref name="network"/>, checking that its sizes and parameter buffer agree: a weight
    /// file written from an inconsistent network could not be read back.
    /// </summary>
    public static WeightLayout Of(INetwork network)
    {
        ReadOnlySpan<int> sizes = network.LayerSizes;
        if (sizes.Length < 2)
        {
            throw new ArgumentException(
                Invariant($"The network's LayerSizes must list the input size and at least one layer, but it has {sizes.Length} entries."),
                nameof(network));
        }

        var slots = new TensorSlot[2 * (sizes.Length - 1)];
        long offset = 0;
        for (int l = 1; l < sizes.Length; l++)
        {
            int fanIn = sizes[l - 1], fanOut = sizes[l];
            if (fanIn < 1 || fanOut < 1)
            {
                throw new ArgumentException(
                    Invariant($"The network's LayerSizes must all be positive, but they are {string.Join(',', sizes.ToArray())}."),
                    nameof(network));
            }

            // nn.Sequential(Linear, activation, Linear, …) numbers its modules 0, 1, 2, …: Linear layer l is module 2(l−1).
            string module = Invariant($"{2 * (l - 1)}");
            long weightLength = (long)fanOut * fanIn;
            if (offset + weightLength + fanOut > int.MaxValue)
            {
                throw new ArgumentException("The network has more parameters than one float buffer can hold.", nameof(network));
            }

            slots[2 * (l - 1)] = new TensorSlot(module + ".weight", Invariant($"layer {l} weight"), [fanOut, fanIn], (int)offset, (int)weightLength);
            offset += weightLength;
            slots[2 * (l - 1) + 1] = new TensorSlot(module + ".bias", Invariant($"layer {l} bias"), [fanOut], (int)offset, fanOut);
            offset += fanOut;
        }

        int parameterCount = network.ParameterCount;
        int bufferLength = network.Parameters.Length;
        if (parameterCount != offset || bufferLength != offset)
        {
            throw new ArgumentException(
                Invariant($"The network is inconsistent: its LayerSizes imply {offset} parameters, but ParameterCount is {parameterCount} and Parameters holds {bufferLength}."),
                nameof(network));
        }

        return new WeightLayout(network.GetType().Name, sizes.ToArray(), slots, parameterCount);
    }

    /// <summary>Formats a shape as the messages show it, e.g. <c>[8,4]</c>.</summary>
    public static string FormatShape(IReadOnlyList<long> shape) => "[" + string.Join(',', shape) + "]";

    /// <summary>An interpolated string formatted with the invariant culture, so messages do not vary by machine.</summary>
    public static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// The sentences a rejection adds after a name-rule problem: what pairs the file holds (in the order the rules
    /// read them), a hint when ignoring buffers would help, and <paramref name="layersNote"/> if any.
    /// </summary>
    public static string Note(StateDictMatch match, string? layersNote)
    {
        string note = match.Found;
        if (match.RejectedBuffers)
        {
            note += " Pass new ReadOptions { IgnoreBuffers = true } to skip tensors that are neither weights nor biases (BatchNorm statistics, registered buffers).";
        }

        return layersNote is null ? note : note + " " + layersNote;
    }

    /// <summary>A rejection of <paramref name="source"/> for one problem.</summary>
    public InvalidDataException Reject(string source, string problem, Exception? inner = null) =>
        Reject(source, [problem], note: null, inner);

    /// <summary>
    /// A rejection of <paramref name="source"/> listing <paramref name="problems"/>, then <paramref name="note"/> if any,
    /// then the tensors this network expects, so the reader can compare the two without opening the file.
    /// </summary>
    public InvalidDataException Reject(string source, IReadOnlyList<string> problems, string? note, Exception? inner = null)
    {
        var message = new StringBuilder();
        message.Append("Cannot load ").Append(source).Append(" into ").Append(NetworkName).Append(": ");
        int shown = Math.Min(problems.Count, MaxProblemsShown);
        for (int i = 0; i < shown; i++)
        {
            message.Append(i == 0 ? string.Empty : "; ").Append(MessageText.Shorten(problems[i], MaxProblemLength));
        }

        if (problems.Count > shown)
        {
            message.Append(Invariant($"; and {problems.Count - shown} more problems"));
        }

        message.Append('.');
        if (note is not null)
        {
            message.Append(' ').Append(MessageText.Shorten(note, MaxProblemLength));
        }

        message.Append(" The network (layers ").Append(LayersText).Append(") expects F32 tensors ");
        int slotsShown = Math.Min(Slots.Count, MaxSlotsShown);
        for (int i = 0; i < slotsShown; i++)
        {
            message.Append(i == 0 ? string.Empty : ", ").Append(Slots[i].Name).Append(' ').Append(FormatShape(Slots[i].Shape));
        }

        if (Slots.Count > slotsShown)
        {
            message.Append(Invariant($" and {Slots.Count - slotsShown} more"));
        }

        message.Append(": per layer a '<prefix>.weight' [n_l, n_(l-1)] and a '<prefix>.bias' [n_l], any prefixes whose natural order is the layer order (0, 2, … or 0, 3, … or fc1, fc2, … or net.0, net.2, …).");
        return new InvalidDataException(message.ToString(), inner);
    }

    /// <summary>
    /// Names the first NaN or infinite value of <paramref name="parameters"/> by tensor, index and byte offset in the
    /// file, and how many there are, for the rejection of a file whose weights are not all finite.
    /// </summary>
    /// <param name="parameters">The values read, in parameter-buffer order.</param>
    /// <param name="matches">For each slot, the header entry its data came from.</param>
    /// <param name="dataStart">The file offset of the data section.</param>
    public string DescribeNonFinite(ReadOnlySpan<float> parameters, IReadOnlyList<TensorEntry> matches, long dataStart) =>
        DescribeNonFinite(parameters, slot => Slots[slot].Name, (slot, index) => Invariant($" (byte {dataStart + (long)matches[slot].Begin + (sizeof(float) * (long)index)})"));

    /// <summary>
    /// Names the first NaN or infinite value of <paramref name="parameters"/> by its tensor and index, and how many
    /// there are: <paramref name="name"/> gives the name the file uses for a slot's tensor, <paramref name="where"/>
    /// what follows the index for a slot and an index (such as the byte offset), or an empty string.
    /// </summary>
    public string DescribeNonFinite(ReadOnlySpan<float> parameters, Func<int, string> name, Func<int, int, string> where)
    {
        int first = -1, count = 0;
        for (int i = 0; i < parameters.Length; i++)
        {
            if (!float.IsFinite(parameters[i]))
            {
                first = first < 0 ? i : first;
                count++;
            }
        }

        int s = 0;
        while (first >= Slots[s].ParameterOffset + Slots[s].Length)
        {
            s++;
        }

        TensorSlot slot = Slots[s];
        int index = first - slot.ParameterOffset;
        return Invariant($"{slot.Description} ('{name(s)}') holds {parameters[first]} at index {index}{where(s, index)}, and the file has {count} non-finite weights in all: it was saved from a diverged network or is corrupt (pass ReadOptions {{ AllowNonFiniteWeights = true }} to load it anyway)");
    }
}
