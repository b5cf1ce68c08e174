using System;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using Google.Protobuf;
using StaticNet.OnnxFormat;
using StaticNet.Samples.Iris;
using StaticNet.Tests.Networks;
using Xunit;
using static StaticNet.Tests.SafeTensorsTestFiles;

namespace StaticNet.Tests;

/// <summary>
/// ONNX import: files made by torch.onnx.export, Keras-style MatMul + Add graphs, Gemm with transB = 0, and malformed
/// or foreign models, each rejected with the node at fault and the parameters left byte-identical.
/// </summary>
public sealed class OnnxImportTests() : TemporaryDirectory("onnx-import")
{
    private static ModelProto Export(INetwork network) => OnnxModels.Export(network);

    private string Write(string name, ModelProto model)
    {
        string path = PathOf(name + ".onnx");
        File.WriteAllBytes(path, model.ToByteArray());
        return path;
    }

    [Theory]
    [InlineData("dropouts")]
    [InlineData("named")]
    [InlineData("wrapped")]
    public void TorchOnnxExport_Loads_AndForwardMatchesPyTorch(string name)
    {
        IBatchNetwork network = PyTorchFixtures.Network(name);

        Onnx.Load(network, PyTorchFixtures.PathOf(name + ".onnx"));

        PyTorchFixtures.AssertMatchesPyTorch(name, network);
    }

    [Theory]
    [InlineData("dropouts")]
    [InlineData("named")]
    [InlineData("wrapped")]
    public void TorchOnnxExport_HoldsTheSameWeights_AsTheStateDict(string name)
    {
        IBatchNetwork fromOnnx = PyTorchFixtures.Network(name);
        IBatchNetwork fromSafetensors = PyTorchFixtures.Network(name);

        Onnx.Load(fromOnnx, PyTorchFixtures.PathOf(name + ".onnx"));
        SafeTensors.Load(fromSafetensors, PyTorchFixtures.PathOf(name + ".safetensors"), new ReadOptions { IgnoreBuffers = true });

        Assert.Equal(Bits(fromSafetensors.Parameters), Bits(fromOnnx.Parameters));
    }

    // The graph Keras models become through tf2onnx: x·W with W stored [n_(l−1), n_l], then Add of the bias.
    private static ModelProto KerasStyle(INetwork network, bool withIdentityNodes)
    {
        ModelProto model = Export(network);
        GraphProto graph = model.Graph;
        foreach (NodeProto gemm in graph.Node.Where(node => node.OpType == "Gemm").ToArray())
        {
            TensorProto weight = graph.Initializer.Single(tensor => tensor.Name == gemm.Input[1]);
            Transpose(weight);
            int index = graph.Node.IndexOf(gemm);
            var matMul = new NodeProto { Name = gemm.Name.Replace("Gemm", "MatMul"), OpType = "MatMul" };
            matMul.Input.Add(gemm.Input[0]);
            matMul.Input.Add(gemm.Input[1]);
            matMul.Output.Add(gemm.Output[0] + ".product");
            var add = new NodeProto { Name = gemm.Name.Replace("Gemm", "Add"), OpType = "Add" };

            // Bias first, as some converters write it: the importer must find the product on either side.
            add.Input.Add(gemm.Input[2]);
            add.Input.Add(matMul.Output[0]);
            add.Output.Add(gemm.Output[0]);
            graph.Node[index] = matMul;
            graph.Node.Insert(index + 1, add);
            if (withIdentityNodes)
            {
                var identity = new NodeProto { Name = gemm.Name + ".identity", OpType = "Identity" };
                identity.Input.Add(gemm.Input[0]);
                identity.Output.Add(gemm.Input[0] + ".copy");
                matMul.Input[0] = identity.Output[0];
                graph.Node.Insert(index, identity);
            }
        }

        return model;
    }

    private static void Transpose(TensorProto weight)
    {
        int rows = (int)weight.Dims[0], columns = (int)weight.Dims[1];
        float[] values = MemoryMarshal.Cast<byte, float>(weight.RawData.Span).ToArray();
        var transposed = new float[values.Length];
        for (int r = 0; r < rows; r++)
        {
            for (int c = 0; c < columns; c++)
            {
                transposed[c * rows + r] = values[r * columns + c];
            }
        }

        weight.Dims.Clear();
        weight.Dims.Add(columns);
        weight.Dims.Add(rows);
        weight.RawData = ByteString.CopyFrom(MemoryMarshal.AsBytes(transposed.AsSpan()));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void KerasStyleMatMulAdd_LoadsTransposed(bool withIdentityNodes)
    {
        var source = new Arch20(seed: 8); // 8-40-20-5: ReLU, Tanh, Softmax
        string path = Write("keras", KerasStyle(source, withIdentityNodes));
        var target = new Arch20(seed: 9);

        Onnx.Load(target, path);

        Assert.Equal(Bits(source.Parameters), Bits(target.Parameters));
    }

    [Fact]
    public void KerasStyleModel_RunsInOnnxRuntime_LikeTheNetwork()
    {
        // The hand-built MatMul + Add graph is checked by ONNX Runtime too, so the import test's model is a real one.
        var network = new Arch20(seed: 8);
        float[] inputs = Enumerable.Range(0, 3 * 8).Select(i => MathF.Sin(i)).ToArray();
        var expected = new float[3 * 5];
        network.ForwardBatch(inputs, expected);

        float[] actual = OnnxRuntimeRunner.Run(KerasStyle(network, withIdentityNodes: true).ToByteArray(), inputs, 8, 5);

        Assert.All(expected.Zip(actual), pair => Assert.True(Math.Abs(pair.First - pair.Second) <= 1e-5f, $"{pair.First} vs {pair.Second}"));
    }

    [Fact]
    public void GemmWithTransBZero_LoadsTransposed()
    {
        var source = new DefaultNet(seed: 8);
        ModelProto model = Export(source);
        foreach (NodeProto gemm in model.Graph.Node.Where(node => node.OpType == "Gemm"))
        {
            gemm.Attribute.Clear();
            Transpose(model.Graph.Initializer.Single(tensor => tensor.Name == gemm.Input[1]));
        }

        var target = new DefaultNet(seed: 9);
        Onnx.Load(target, Write("transb0", model));

        Assert.Equal(Bits(source.Parameters), Bits(target.Parameters));
    }

    [Fact]
    public void FloatDataInsteadOfRawData_AndInferenceDropout_Load()
    {
        var source = new DefaultNet(seed: 8);
        ModelProto model = Export(source);
        foreach (TensorProto tensor in model.Graph.Initializer)
        {
            tensor.FloatData.AddRange(MemoryMarshal.Cast<byte, float>(tensor.RawData.Span).ToArray());
            tensor.RawData = ByteString.Empty;
        }

        var dropout = new NodeProto { Name = "dropout", OpType = "Dropout" };
        dropout.Input.Add("layer1.a");
        dropout.Output.Add("layer1.dropped");
        dropout.Output.Add("layer1.mask");
        model.Graph.Node[2].Input[0] = "layer1.dropped";
        model.Graph.Node.Insert(2, dropout);
        var target = new DefaultNet(seed: 9);

        Onnx.Load(target, Write("floatdata", model));

        Assert.Equal(Bits(source.Parameters), Bits(target.Parameters));
    }

    // DefaultNet: 4-5-3, sigmoid hidden and output. Exported nodes: layer1.Gemm, layer1.Sigmoid, layer2.Gemm, layer2.Sigmoid.
    private byte[] Corrupt(string name)
    {
        ModelProto model = Export(new DefaultNet(seed: 1));
        GraphProto graph = model.Graph;
        switch (name)
        {
            case "truncated":
                byte[] bytes = model.ToByteArray();
                return bytes[..(bytes.Length / 2)];
            case "not-protobuf":
                return "\x89PNG\r\n\x1a\n not an ONNX model at all"u8.ToArray();
            case "wrong-op":
                graph.Node[0].OpType = "Conv";
                break;
            case "unsupported-activation":
                graph.Node[1].OpType = "Selu";
                break;
            case "wrong-activation":
                graph.Node[1].OpType = "Relu";
                break;
            case "wrong-shape":
                return Export(new IrisNet(seed: 1)).ToByteArray(); // 4-8-3
            case "external-data":
                {
                    TensorProto weight = graph.Initializer[0];
                    weight.RawData = ByteString.Empty;
                    weight.DataLocation = TensorProto.Types.DataLocation.External;
                    weight.ExternalData.Add(new StringStringEntryProto { Key = "location", Value = "weights.bin" });
                    break;
                }

            case "double-tensors":
                {
                    TensorProto weight = graph.Initializer[2];
                    weight.DoubleData.AddRange(MemoryMarshal.Cast<byte, float>(weight.RawData.Span).ToArray().Select(value => (double)value));
                    weight.RawData = ByteString.Empty;
                    weight.DataType = (int)TensorProto.Types.DataType.Double;
                    break;
                }

            case "branch":
                {
                    var side = new NodeProto { Name = "side", OpType = "Relu" };
                    side.Input.Add("layer1.z");
                    side.Output.Add("side.out");
                    graph.Node.Add(side);
                    break;
                }

            case "missing-initializer":
                graph.Initializer.RemoveAt(2);
                break;
            case "transposed-mislabelled":
                graph.Node[0].Attribute.Clear(); // says transB = 0, but the weight is still stored [5,4]
                break;
            case "opset-too-old":
                model.OpsetImport[0].Version = 6;
                break;
            case "double-input":
                graph.Input[0].Type.TensorType.ElemType = (int)TensorProto.Types.DataType.Double;
                break;
            case "dangling-node":
                {
                    var constant = new NodeProto { Name = "unused", OpType = "Constant" };
                    constant.Output.Add("nothing");
                    graph.Node.Add(constant);
                    break;
                }

            case "more-than-the-network":
                {
                    var extra = new NodeProto { Name = "extra", OpType = "Relu" };
                    extra.Input.Add("layer2.a");
                    extra.Output.Add("output");
                    graph.Node[3].Output[0] = "layer2.a";
                    graph.Node.Add(extra);
                    break;
                }
            case "gemm-alpha":
                graph.Node[2].Attribute.Add(new AttributeProto { Name = "alpha", F = 2f, Type = AttributeProto.Types.AttributeType.Float });
                break;
            case "no-graph":
                model.Graph = null;
                break;
            case "wrong-bias":
                graph.Initializer[3].Dims[0] = 1;
                graph.Initializer[3].RawData = ByteString.CopyFrom(new byte[4]);
                break;
            case "custom-domain":
                graph.Node[1].Domain = "com.example";
                break;
            default:
                throw new ArgumentException(name, nameof(name));
        }

        return model.ToByteArray();
    }

    [Theory]
    [InlineData("truncated", "it is not an ONNX model: it is not valid protobuf")]
    [InlineData("not-protobuf", "it is not an ONNX model: it is not valid protobuf")]
    [InlineData("no-graph", "it holds no graph")]
    [InlineData("wrong-op", "node 'layer1.Gemm' (Conv) is where layer 1 (4→5) should start, but it is not Gemm or MatMul (a dense layer)")]
    [InlineData("unsupported-activation", "node 'layer1.Sigmoid' (Selu) follows layer 1, but the network's layer 1 has the activation Sigmoid, so a Sigmoid node must come next")]
    [InlineData("wrong-activation", "node 'layer1.Sigmoid' (Relu) applies ReLU after layer 1, but the network's layer 1 uses Sigmoid")]
    [InlineData("wrong-shape", "node 'layer1.Gemm' (Gemm): weight '0.weight' is [8,4], but layer 1 is 4→5 and with transB = 1 the weight is stored [n_l, n_(l-1)] as in PyTorch, so it must be [5,4]")]
    [InlineData("external-data", "initializer '0.weight' (used by node 'layer1.Gemm' (Gemm)) keeps its data in the external file 'weights.bin'")]
    [InlineData("double-tensors", "initializer '2.weight' (used by node 'layer2.Gemm' (Gemm)) is DOUBLE, but the network's parameters are FLOAT")]
    [InlineData("branch", "'layer1.z' is read by node 'layer1.Sigmoid' (Sigmoid), node 'side' (Relu): the graph branches there")]
    [InlineData("missing-initializer", "node 'layer2.Gemm' (Gemm) takes layer 2's weight from '2.weight', which is not an initializer of the graph")]
    [InlineData("transposed-mislabelled", "node 'layer1.Gemm' (Gemm): weight '0.weight' is [5,4], but layer 1 is 4→5 and with transB = 0 the weight must be stored [n_(l-1), n_l], so it must be [4,5]")]
    [InlineData("opset-too-old", "it uses ONNX opset 6, but StaticNet reads opset 7 and later")]
    [InlineData("double-input", "the graph input 'input' is DOUBLE, but the network's input is FLOAT [N,4]")]
    [InlineData("dangling-node", "node 'unused' (Constant) is not on the chain from 'input' to 'output'")]
    [InlineData("more-than-the-network", "node 'extra' (Relu) follows the last of the network's 2 layers; the graph computes more than the network does")]
    [InlineData("gemm-alpha", "node 'layer2.Gemm' (Gemm) has alpha = 2 and beta = 1; a dense layer is x·Wᵀ + b with both 1")]
    [InlineData("wrong-bias", "node 'layer2.Gemm' (Gemm): bias '2.bias' is [1], but layer 2 has 3 outputs, so it must be [3] (or [1,3])")]
    [InlineData("custom-domain", "node 'layer1.Sigmoid' (Sigmoid) is from the operator domain 'com.example'")]
    public void Load_UnsupportedOrCorruptModel_IsRejectedNamingTheProblem_AndParametersAreByteIdentical(string name, string fragment)
    {
        string path = PathOf(name + ".onnx");
        File.WriteAllBytes(path, Corrupt(name));
        var network = new DefaultNet(seed: 3);
        int[] before = Bits(network.Parameters);

        var exception = Assert.Throws<InvalidDataException>(() => Onnx.Load(network, path));

        Assert.Contains(fragment, exception.Message);
        Assert.Contains($"Cannot load '{path}' into DefaultNet: ", exception.Message);
        Assert.EndsWith("The network is input [N,4] → dense 4→5 (Gemm, or MatMul + Add) → Sigmoid → dense 5→3 (Gemm, or MatMul + Add) → Sigmoid → output [N,3].", exception.Message);
        Assert.Equal(before, Bits(network.Parameters));
    }

    [Fact]
    public void Load_LeakySlopeMismatch_IsRejected()
    {
        ModelProto model = Export(new Arch24(seed: 1)); // LeakySlope -0.5
        model.Graph.Node[1].Attribute.Single(a => a.Name == "alpha").F = 0.01f;
        var network = new Arch24(seed: 2);
        int[] before = Bits(network.Parameters);

        var exception = Assert.Throws<InvalidDataException>(() => Onnx.Load(network, Write("slope", model)));

        Assert.Contains("node 'layer1.LeakyRelu' (LeakyRelu) has alpha = 0.01, but the network's LeakySlope is -0.5", exception.Message);
        Assert.Equal(before, Bits(network.Parameters));
    }

    [Fact]
    public void Load_ModelWithFewerLayers_IsRejectedWhereTheGraphEnds()
    {
        // DefaultNet's own export cut after layer 1: the output is layer 1's activation, of undeclared width.
        ModelProto model = Export(new DefaultNet(seed: 1));
        GraphProto graph = model.Graph;
        graph.Node.RemoveAt(3);
        graph.Node.RemoveAt(2);
        graph.Initializer.RemoveAt(3);
        graph.Initializer.RemoveAt(2);
        graph.Node[1].Output[0] = "output";
        graph.Output[0].Type.TensorType.Shape = null;
        var network = new DefaultNet(seed: 2);
        int[] before = Bits(network.Parameters);

        var exception = Assert.Throws<InvalidDataException>(() => Onnx.Load(network, Write("few", model)));

        Assert.Contains("the graph ends after 1 dense layers at 'output', but the network has 2 layers (5→3 would be next)", exception.Message);
        Assert.Equal(before, Bits(network.Parameters));
    }
}
