using System;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using Google.Protobuf;
using StaticNet.OnnxFormat;
using StaticNet.Tests.Networks;
using Xunit;
using Xunit.Abstractions;

namespace StaticNet.Tests.Reliability;

/// <summary>
/// Issue 18, classes 1–4: ONNX models whose graph loops, whose weights are not finite, whose names are megabytes
/// long, or which hold hundreds of thousands of empty nodes or initializers. Each is an
/// <see cref="InvalidDataException"/> within <see cref="ReaderBounds"/>; the figures go to the test output.
/// </summary>
public sealed class OnnxReaderReliabilityTests(ITestOutputHelper output)
{
    private static ModelProto Valid() => OnnxModels.Export(new DefaultNet(seed: 1));

    private Rejection Rejects(byte[] model, ReadOptions? options = null)
    {
        var network = new DefaultNet(seed: 3);
        Rejection rejection = ReaderBounds.Rejects(network, model.Length, () => Onnx.Load(network, new MemoryStream(model), options));
        output.WriteLine(rejection.ToString());
        return rejection;
    }

    // The first Gemm's output, which the first activation reads.
    private static (NodeProto Gemm, NodeProto Activation) FirstLayer(ModelProto model) =>
        (model.Graph.Node.First(node => node.OpType == "Gemm"), model.Graph.Node.First(node => node.OpType is "Relu" or "Sigmoid" or "Tanh"));

    [Theory]
    [InlineData("Identity")]
    [InlineData("Dropout")]
    public void PassThroughLoop_IsACycle_NotAHang(string op)
    {
        // gemm → a → b → back to gemm's output; the activation reads a value no node writes.
        ModelProto model = Valid();
        (NodeProto gemm, NodeProto activation) = FirstLayer(model);
        string value = gemm.Output[0];
        model.Graph.Node.Add(new NodeProto { Name = "a", OpType = op, Input = { value }, Output = { "loop_a" } });
        model.Graph.Node.Add(new NodeProto { Name = "b", OpType = op, Input = { "loop_a" }, Output = { value } });
        activation.Input[0] = "nowhere";

        Rejection rejection = Rejects(model.ToByteArray());

        Assert.Contains($"node 'a' ({op}) is reached again from '{value}': the graph has a cycle", rejection.Exception.Message);
    }

    [Theory]
    [InlineData("Identity")]
    [InlineData("Dropout")]
    public void NodeFeedingItself_IsACycle_NotAHang(string op)
    {
        ModelProto model = Valid();
        (NodeProto gemm, NodeProto activation) = FirstLayer(model);
        model.Graph.Node.Add(new NodeProto { Name = "self", OpType = op, Input = { gemm.Output[0] }, Output = { gemm.Output[0] } });
        activation.Input[0] = "nowhere";

        Rejection rejection = Rejects(model.ToByteArray());

        Assert.Contains($"node 'self' ({op}) is reached again", rejection.Exception.Message);
    }

    [Theory]
    [InlineData(float.NaN, false, "NaN")]
    [InlineData(float.PositiveInfinity, false, "Infinity")]
    [InlineData(float.NegativeInfinity, true, "-Infinity")]
    [InlineData(float.NaN, true, "NaN")]
    public void NonFiniteWeight_IsRejected_UnlessAllowed(float bad, bool floatData, string spelled)
    {
        ModelProto model = Valid();
        TensorProto weight = model.Graph.Initializer[2]; // the second layer's weight, 2.weight [3,5]
        float[] values = MemoryMarshal.Cast<byte, float>(weight.RawData.Span).ToArray();
        values[7] = bad;
        if (floatData)
        {
            weight.RawData = ByteString.Empty;
            weight.FloatData.Add(values);
        }
        else
        {
            weight.RawData = ByteString.CopyFrom(MemoryMarshal.AsBytes(values.AsSpan()));
        }

        byte[] file = model.ToByteArray();
        Rejection rejection = Rejects(file);

        Assert.Contains($"layer 2 weight ('{weight.Name}') holds {spelled} at index 7, and the file has 1 non-finite weights in all", rejection.Exception.Message);
        Assert.Contains("AllowNonFiniteWeights = true", rejection.Exception.Message);

        var network = new DefaultNet(seed: 3);
        Onnx.Load(network, new MemoryStream(file), new ReadOptions { AllowNonFiniteWeights = true });
        Assert.Equal(BitConverter.SingleToInt32Bits(bad), BitConverter.SingleToInt32Bits(network.Parameters[DefaultNet.InputSize * 5 + 5 + 7]));
    }

    [Fact]
    public void MegabyteNodeName_GivesAShortMessage()
    {
        ModelProto model = Valid();
        (NodeProto gemm, _) = FirstLayer(model);
        gemm.Name = new string('n', 4_000_000);
        gemm.Attribute.Add(new AttributeProto { Name = "transA", I = 1, Type = AttributeProto.Types.AttributeType.Int });

        Rejection rejection = Rejects(model.ToByteArray());

        Assert.Contains("node 'nnnnnnnnnn", rejection.Exception.Message);
        Assert.Contains("...' (Gemm) has transA = 1", rejection.Exception.Message);
    }

    [Theory]
    [InlineData(1, 488_000, "nodes")]
    [InlineData(5, 293_000, "tensors (initializers and tensor attributes)")]
    public void HundredsOfThousandsOfEmptyEntries_AreRefusedBeforeTheyAreBuilt(int field, int count, string what)
    {
        // Each empty entry is two bytes (tag, length 0); the graph is written by hand so the test builds no objects.
        ModelProto model = Valid();
        int existing = field == 1 ? model.Graph.Node.Count : model.Graph.Initializer.Count;
        byte[] graph = model.Graph.ToByteArray();
        model.Graph = null;
        using var file = new MemoryStream();
        model.WriteTo(file);
        byte[] entries = new byte[2 * count];
        for (int i = 0; i < count; i++)
        {
            entries[2 * i] = (byte)((field << 3) | 2);
        }

        var coded = new CodedOutputStream(file, leaveOpen: true);
        coded.WriteTag(7, WireFormat.WireType.LengthDelimited);
        coded.WriteLength(graph.Length + entries.Length);
        coded.Flush();
        file.Write(graph);
        file.Write(entries);

        Rejection rejection = Rejects(file.ToArray());

        Assert.Contains($"its graph has {count + existing} {what}, more than ReadOptions.MaxTensorCount (10000)", rejection.Exception.Message);
    }

    [Fact]
    public void NonSeekableStream_LongerThanTheLimit_IsRejected()
    {
        byte[] file = Valid().ToByteArray();
        var network = new DefaultNet(seed: 3);

        Rejection rejection = ReaderBounds.Rejects(network, file.Length, () => Onnx.Load(network, new NonSeekableStream(new MemoryStream(file)), new ReadOptions { MaxDecompressedBytes = file.Length - 1 }));

        Assert.Contains($"the stream goes on past {file.Length - 1} bytes (ReadOptions.MaxDecompressedBytes)", rejection.Exception.Message);
        Onnx.Load(network, new NonSeekableStream(new MemoryStream(file)), new ReadOptions { MaxDecompressedBytes = file.Length });
        Assert.Equal(SafeTensorsTestFiles.Bits(new DefaultNet(seed: 1).Parameters), SafeTensorsTestFiles.Bits(network.Parameters));
    }
}
