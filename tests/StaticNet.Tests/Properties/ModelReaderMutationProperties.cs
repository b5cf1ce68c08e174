using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using System.Text;
using CsCheck;
using Google.Protobuf;
using StaticNet.OnnxFormat;
using StaticNet.Tests.Networks;
using Xunit;

namespace StaticNet.Tests.Properties;

/// <summary>
/// Issue 18's oracles for the ONNX and JSON weight readers, over seeded random edits of valid files (byte edits,
/// and edits that build what the issue found: giant names, huge or wrapping shapes, cycles, non-finite weights,
/// floods of empty entries). A valid file loads exactly; anything else either loads finite weights or is an
/// <see cref="InvalidDataException"/> with the parameters byte-identical; each read takes under a second, allocates
/// at most 10 × its input + 16 MB, and says what is wrong in under 10,000 characters.
/// </summary>
public sealed class ModelReaderMutationProperties
{
    private static readonly DefaultNet Saved = new(seed: 1);

    private static readonly int[] SavedBits = SafeTensorsTestFiles.Bits(Saved.Parameters);

    /// <summary>One structured edit: which kind, where (a fraction in millionths), and a size or value.</summary>
    private readonly record struct Edit(int Kind, int Where, int Size, int Value);

    private static readonly Gen<Edit> Edits =
        Gen.Select(Gen.Int[0, 7], Gen.Int[0, 999_999], Gen.Int[1, 50_000], Gen.Int)
            .Select((kind, where, size, value) => new Edit(kind, where, size, value));

    // Loads file into a fresh network and checks the oracles; returns whether it loaded.
    private static bool LoadsOrRejectsCleanly(byte[] file, Action<INetwork, Stream> load, bool seekable)
    {
        var network = new DefaultNet(seed: 2);
        int[] before = SafeTensorsTestFiles.Bits(network.Parameters);
        Stream stream = seekable ? new MemoryStream(file, writable: false) : new NonSeekableStream(new MemoryStream(file, writable: false));
        bool loaded = false;
        long allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        var clock = Stopwatch.StartNew();
        try
        {
            load(network, stream);
            loaded = true;
        }
        catch (InvalidDataException exception)
        {
            Assert.True(exception.Message.Length < 10_000, $"a message of {exception.Message.Length:N0} characters");
        }

        TimeSpan elapsed = clock.Elapsed;
        long allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
        if (loaded)
        {
            Assert.All(network.Parameters.ToArray(), value => Assert.True(float.IsFinite(value), "a non-finite weight was loaded by default"));
        }
        else
        {
            Assert.Equal(before, SafeTensorsTestFiles.Bits(network.Parameters));
        }

        Assert.True(allocated <= (10L * file.Length) + (16L << 20), $"{allocated:N0} bytes allocated for a {file.Length:N0}-byte file");
        Assert.True(elapsed < TimeSpan.FromSeconds(1), $"{elapsed.TotalMilliseconds:N0} ms for a {file.Length:N0}-byte file");
        return loaded;
    }

    private static void LoadOnnx(INetwork network, Stream stream) => Onnx.Load(network, stream);

    private static void LoadJson(INetwork network, Stream stream) => WeightsJson.Load(network, stream);

    // The valid file loads exactly; 2,000 byte edits of it each load finite weights or are rejected within the oracles.
    private static void ByteEditsLoadOrAreInvalidData(byte[] valid, Action<INetwork, Stream> load, ulong seed)
    {
        var network = new DefaultNet(seed: 2);
        load(network, new MemoryStream(valid));
        Assert.Equal(SavedBits, SafeTensorsTestFiles.Bits(network.Parameters));
        int loaded = 0, rejected = 0;

        Seeded.ForAll(ByteMutations.Edits, count: 2_000, seed: seed, edits =>
        {
            byte[] file = ByteMutations.Apply(valid, edits, 0, valid.Length);
            _ = LoadsOrRejectsCleanly(file, load, seekable: (edits[0].Where & 1) == 0) ? loaded++ : rejected++;
        });

        Assert.True(loaded > 20 && rejected > 1_000, $"{loaded} loaded, {rejected} rejected");
    }

    [Fact]
    public void Onnx_ValidFile_LoadsExactly_AndEditedFilesLoadOrAreInvalidData() =>
        ByteEditsLoadOrAreInvalidData(OnnxModels.Export(Saved).ToByteArray(), LoadOnnx, seed: 18);

    [Fact]
    public void Onnx_StructuralEdits_LoadOrAreInvalidData()
    {
        int rejected = 0;
        Seeded.ForAll(Edits.Array[1, 3], count: 300, seed: 181, edits =>
        {
            ModelProto model = OnnxModels.Export(Saved);
            foreach (Edit edit in edits)
            {
                Apply(model, edit);
            }

            rejected += LoadsOrRejectsCleanly(model.ToByteArray(), LoadOnnx, seekable: (edits[0].Value & 1) == 0) ? 0 : 1;
        });

        Assert.True(rejected > 250, $"only {rejected} of 300 rejected");
    }

    // Builds one of the classes of issue 18 into an ONNX model.
    private static void Apply(ModelProto model, Edit edit)
    {
        GraphProto graph = model.Graph;
        NodeProto[] chain = graph.Node.Where(n => n.Input.Count > 0 && n.Output.Count > 0).ToArray();
        NodeProto node = chain[edit.Where % chain.Length];
        TensorProto[] stored = graph.Initializer.Where(t => t.Dims.Count > 0 && (t.RawData.Length > 0 || t.FloatData.Count > 0)).ToArray();
        TensorProto tensor = stored[edit.Where % stored.Length];
        switch (edit.Kind)
        {
            case 0: // a giant name on a node, a tensor or a value
                string name = new string((char)('a' + (edit.Value & 15)), edit.Size * 5);
                if ((edit.Value & 1) == 0)
                {
                    node.Name = name;
                    node.OpType = "Unknown" + (edit.Value & 3);
                }
                else
                {
                    node.Input[0] = name;
                }

                break;
            case 1: // a huge, negative or overflowing shape
                tensor.Dims[(edit.Value & 1) % tensor.Dims.Count] = (edit.Value & 2) == 0 ? (long)edit.Value << (edit.Where % 40) : -edit.Size;
                break;
            case 2: // a loop of pass-through nodes from this node's output back to itself
                string op = (edit.Value & 1) == 0 ? "Identity" : "Dropout";
                string start = node.Output[0], previous = start;
                for (int i = 0; i <= edit.Size % 3; i++)
                {
                    string next = i == edit.Size % 3 ? start : $"loop{i}";
                    graph.Node.Add(new NodeProto { OpType = op, Input = { previous }, Output = { next } });
                    previous = next;
                }

                foreach (NodeProto reader in graph.Node.Where(n => n.Input.Contains(start) && n.OpType is not ("Identity" or "Dropout")))
                {
                    reader.Input[reader.Input.IndexOf(start)] = "nowhere";
                }

                break;
            case 3: // a non-finite weight, in raw_data or float_data
                float[] values = tensor.RawData.Length > 0 ? MemoryMarshal.Cast<byte, float>(tensor.RawData.Span).ToArray() : tensor.FloatData.ToArray();
                values[edit.Size % values.Length] = (edit.Value % 3) switch { 0 => float.NaN, 1 => float.PositiveInfinity, _ => float.NegativeInfinity };
                if ((edit.Value & 4) == 0)
                {
                    tensor.RawData = ByteString.CopyFrom(MemoryMarshal.AsBytes(values.AsSpan()));
                }
                else
                {
                    tensor.RawData = ByteString.Empty;
                    tensor.FloatData.Clear();
                    tensor.FloatData.Add(values);
                }

                break;
            case 4: // a flood of empty nodes or initializers
                // Below and above ReadOptions.MaxTensorCount (10,000): rejected by the chain rules or before the parse.
                for (int i = 0; i < ((edit.Value & 2) == 0 ? edit.Size / 8 : edit.Size / 2); i++)
                {
                    if ((edit.Value & 1) == 0)
                    {
                        graph.Node.Add(new NodeProto());
                    }
                    else
                    {
                        graph.Initializer.Add(new TensorProto());
                    }
                }

                break;
            case 5: // many dimensions or node inputs
                for (int i = 0; i < edit.Size % 300; i++)
                {
                    tensor.Dims.Add(1);
                    node.Input.Add(string.Empty);
                }

                break;
            case 6: // a node removed
                graph.Node.Remove(node);
                break;
            default: // a second reader of a value: a branch
                graph.Node.Add(new NodeProto { OpType = "Relu", Input = { node.Output[0] }, Output = { "branch" } });
                break;
        }
    }

    [Fact]
    public void Json_ValidFile_LoadsExactly_AndEditedFilesLoadOrAreInvalidData() =>
        ByteEditsLoadOrAreInvalidData(JsonOf(Saved), LoadJson, seed: 19);

    [Fact]
    public void Json_StructuralEdits_LoadOrAreInvalidData()
    {
        string valid = Encoding.UTF8.GetString(JsonOf(Saved));
        int rejected = 0;
        Seeded.ForAll(Edits, count: 300, seed: 191, edit =>
        {
            string text = Apply(valid, edit);
            rejected += LoadsOrRejectsCleanly(Encoding.UTF8.GetBytes(text), LoadJson, seekable: (edit.Value & 1) == 0) ? 0 : 1;
        });

        Assert.True(rejected > 250, $"only {rejected} of 300 rejected");
    }

    // Builds one of the classes of issue 18 into JSON weights: an edit at a position of the valid text.
    private static string Apply(string valid, Edit edit)
    {
        int at = (int)((long)edit.Where * valid.Length / 1_000_000);
        int close = valid.LastIndexOf('}');
        switch (edit.Kind)
        {
            case 0: // a giant key
                return valid[..close] + ", \"" + new string('k', edit.Size * 20) + ".weight\": [1]}";
            case 1: // first items that promise a huge shape, or one that overflows or wraps
                int depth = 2 + (edit.Value & 7), width = 2 + (edit.Size % 600);
                string value = "[0]";
                for (int level = 1; level < depth; level++)
                {
                    value = "[" + value + string.Concat(Enumerable.Repeat(",[]", Math.Min(width, 4_000 / depth) - 1)) + "]";
                }

                return "{\"0.weight\": " + value + "}";
            case 2: // a huge extra tensor, or a tensor of many rows
                string item = (edit.Value & 1) == 0 ? "0" : "[0]";
                return valid[..close] + ", \"9.weight\": [" + string.Join(",", Enumerable.Repeat(item, edit.Size * 2)) + "]}";
            case 3: // a non-finite value
                int number = valid.IndexOfAny("0123456789".ToCharArray(), Math.Max(at, valid.IndexOf('[')));
                string spelled = (edit.Value % 3) switch { 0 => "NaN", 1 => "Infinity", _ => "-Infinity" };
                return number < 0 ? valid : valid[..number] + spelled + ", " + valid[number..];
            case 4: // many tiny tensors
                return "{" + string.Join(",", Enumerable.Range(0, edit.Size / 10).Select(i => $"\"t{i}\":{i}")) + "}";
            case 5: // deep nesting
                return "{\"0.weight\": " + new string('[', edit.Size % 2_000) + "0" + new string(']', edit.Size % 1_000) + "}";
            case 6: // trailing whitespace, then something else
                return valid + new string(' ', edit.Size * 5) + ((edit.Value & 1) == 0 ? string.Empty : "x");
            default: // a long number
                return valid[..at] + "1" + new string('0', edit.Size * 2) + valid[at..];
        }
    }

    private static byte[] JsonOf(INetwork network)
    {
        using var stream = new MemoryStream();
        WeightsJson.Save(network, stream);
        return stream.ToArray();
    }
}
