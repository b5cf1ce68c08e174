using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using StaticNet.OnnxFormat;
using StaticNet.Tests.Networks;
using Xunit;
using static StaticNet.Tests.SafeTensorsTestFiles;

namespace StaticNet.Tests;

/// <summary>ONNX export checked against ONNX Runtime on every test architecture, and the exported model's structure.</summary>
public sealed class OnnxExportTests() : TemporaryDirectory("onnx-export")
{
    /// <summary>Every generated network of the test project (all activations, 1 to 10 layers, unrolled and looped layers).</summary>
    public static TheoryData<string> Architectures()
    {
        var data = new TheoryData<string>();
        foreach (Type type in NetworkTypes())
        {
            data.Add(type.Name);
        }

        return data;
    }

    private static IEnumerable<Type> NetworkTypes() => typeof(DefaultNet).Assembly.GetTypes()
        .Where(type => type.GetCustomAttribute<NetworkAttribute>() is not null && type.GetConstructor(new[] { typeof(int) }) is not null)
        .OrderBy(type => type.Name, StringComparer.Ordinal);

    private static IBatchNetwork Create(string name, int seed)
    {
        Type type = NetworkTypes().Single(type => type.Name == name);
        return (IBatchNetwork)Activator.CreateInstance(type, seed)!;
    }

    private static float[] RandomInputs(int count, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, count).Select(_ => (float)(random.NextDouble() * 4 - 2)).ToArray();
    }

    private static byte[] Export(INetwork network)
    {
        using var stream = new MemoryStream();
        Onnx.Save(network, stream);
        return stream.ToArray();
    }

    [Fact]
    public void TheArchitecturesCoverEveryActivationInEveryPosition()
    {
        var hidden = new HashSet<Activation>();
        var output = new HashSet<Activation>();
        foreach (Type type in NetworkTypes())
        {
            NetworkAttribute attribute = type.GetCustomAttribute<NetworkAttribute>()!;
            Activation[] activations = attribute.Activations
                ?? Enumerable.Repeat(attribute.Hidden, attribute.LayerSizes.Length - 2).Append(attribute.Output).ToArray();
            hidden.UnionWith(activations.SkipLast(1));
            output.Add(activations[^1]);
        }

        Assert.Equal(Enum.GetValues<Activation>().Where(a => a != Activation.Softmax).Order(), hidden.Order());
        Assert.Equal(Enum.GetValues<Activation>().Order(), output.Order());
        Assert.True(NetworkTypes().Count() >= 40);
    }

    [Theory]
    [MemberData(nameof(Architectures))]
    public void ExportedModel_GivesTheSameOutputsInOnnxRuntime_AsForwardAndForwardBatch(string name)
    {
        IBatchNetwork network = Create(name, seed: 17);
        const int batch = 9;
        float[] inputs = RandomInputs(batch * network.InputSize, seed: 3);
        var forwardBatch = new float[batch * network.OutputSize];
        network.ForwardBatch(inputs, forwardBatch);

        float[] onnxRuntime = OnnxRuntimeRunner.Run(Export(network), inputs, network.InputSize, network.OutputSize);

        var forward = new float[network.OutputSize];
        for (int n = 0; n < batch; n++)
        {
            network.Forward(inputs.AsSpan(n * network.InputSize, network.InputSize), forward);
            for (int j = 0; j < forward.Length; j++)
            {
                float reference = onnxRuntime[n * network.OutputSize + j];
                float tolerance = 1e-5f * Math.Max(1f, Math.Abs(reference));
                Assert.True(Math.Abs(forward[j] - reference) <= tolerance, $"{name} sample {n} output {j}: Forward {forward[j]:R}, ONNX Runtime {reference:R}");
                Assert.True(Math.Abs(forwardBatch[n * network.OutputSize + j] - reference) <= tolerance, $"{name} sample {n} output {j}: ForwardBatch {forwardBatch[n * network.OutputSize + j]:R}, ONNX Runtime {reference:R}");
            }
        }
    }

    [Theory]
    [MemberData(nameof(Architectures))]
    public void SaveThenLoad_RestoresEveryParameterBitForBit(string name)
    {
        IBatchNetwork source = Create(name, seed: 5);
        IBatchNetwork target = Create(name, seed: 6);
        string path = PathOf(name + ".onnx");

        Onnx.Save(source, path);
        Onnx.Load(target, path);

        Assert.Equal(Bits(source.Parameters), Bits(target.Parameters));
    }

    [Fact]
    public void ExportedModel_HasTheDocumentedStructureAndMetadata()
    {
        var network = new Arch24(seed: 1); // 12-25-3, LeakyReLU with slope -0.5, softmax

        ModelProto model = ModelProto.Parser.ParseFrom(Export(network));

        Assert.Equal(7, model.IrVersion);
        Assert.Equal(13, model.OpsetImport.Single(import => import.Domain == "").Version);
        Assert.Equal("StaticNet", model.ProducerName);
        Assert.Equal("0.1.0", model.ProducerVersion);
        Assert.Equal(
            new[] { "staticnet.network=Arch24", "staticnet.layers=12,25,3", "staticnet.activations=LeakyReLU,Softmax", "staticnet.leaky_slope=-0.5" },
            model.MetadataProps.Select(entry => entry.Key + "=" + entry.Value));
        Assert.Equal(
            new[] { "Gemm(input,0.weight,0.bias)->layer1.z", "LeakyRelu(layer1.z)->layer1.a", "Gemm(layer1.a,2.weight,2.bias)->layer2.z", "Softmax(layer2.z)->output" },
            model.Graph.Node.Select(node => $"{node.OpType}({string.Join(',', node.Input)})->{string.Join(',', node.Output)}"));
        Assert.Equal(-0.5f, model.Graph.Node[1].Attribute.Single(a => a.Name == "alpha").F);
        Assert.Equal(-1, model.Graph.Node[3].Attribute.Single(a => a.Name == "axis").I);
        Assert.Equal(1, model.Graph.Node[0].Attribute.Single(a => a.Name == "transB").I);
        Assert.Equal(new long[] { 25, 12 }, model.Graph.Initializer[0].Dims);
        Assert.Equal(new long[] { 25 }, model.Graph.Initializer[1].Dims);
        Assert.Equal(Bits(network.Layer1Weights), Bits(System.Runtime.InteropServices.MemoryMarshal.Cast<byte, float>(model.Graph.Initializer[0].RawData.Span)));
        TensorShapeProto input = model.Graph.Input.Single().Type.TensorType.Shape;
        Assert.Equal("batch", input.Dim[0].DimParam);
        Assert.Equal(12, input.Dim[1].DimValue);
        Assert.Equal("output", model.Graph.Output.Single().Name);
    }

    [Fact]
    public void IdentityOutput_HasNoActivationNode()
    {
        ModelProto model = ModelProto.Parser.ParseFrom(Export(new Arch15(seed: 1))); // 4-20-2 tanh, identity

        Assert.Equal(new[] { "Gemm", "Tanh", "Gemm" }, model.Graph.Node.Select(node => node.OpType));
        Assert.Equal("output", model.Graph.Node[^1].Output.Single());
    }

    [Fact]
    public void Save_ReplacesAnExistingFileAtomically_LeavingNoTemporaryFile()
    {
        string path = PathOf("model.onnx");
        File.WriteAllText(path, "old");
        var network = new DefaultNet(seed: 4);

        Onnx.Save(network, path);

        Assert.Equal(Export(network), File.ReadAllBytes(path));
        Assert.Single(Directory.GetFiles());
    }

    [Fact]
    public void Save_NetworkWithoutAttribute_IsRejectedBeforeWriting()
    {
        string path = PathOf("none.onnx");

        var exception = Assert.Throws<ArgumentException>(() => Onnx.Save(new HandWrittenNetwork(), path));

        Assert.Contains("has no [Network] attribute", exception.Message);
        Assert.Empty(Directory.GetFiles());
    }

    private sealed class HandWrittenNetwork : INetwork
    {
        private readonly float[] _parameters = new float[3];

        public int InputSize => 2;

        public int OutputSize => 1;

        public int ParameterCount => 3;

        public ReadOnlySpan<int> LayerSizes => new[] { 2, 1 };

        public Span<float> Parameters => _parameters;

        public WeightOrder GetWeightOrder(int layer) => WeightOrder.RowMajor;

        public void Initialize(int seed)
        {
        }

        public void Forward(ReadOnlySpan<float> input, Span<float> output) => output[0] = input[0] * _parameters[0] + input[1] * _parameters[1] + _parameters[2];

        public float Backward(ReadOnlySpan<float> input, ReadOnlySpan<float> target, Span<float> gradient) => throw new NotSupportedException();

        public float Backward(ReadOnlySpan<float> input, ReadOnlySpan<float> target, Span<float> gradient, Span<float> inputGradient) => throw new NotSupportedException();

        public void Backpropagate(ReadOnlySpan<float> input, ReadOnlySpan<float> outputGradient, Span<float> gradient, Span<float> inputGradient) => throw new NotSupportedException();

        public float Loss(ReadOnlySpan<float> output, ReadOnlySpan<float> target) => throw new NotSupportedException();
    }
}
