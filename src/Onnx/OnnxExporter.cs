using System;
using System.Buffers.Binary;
using System.Globalization;
using System.Reflection;
using System.Runtime.InteropServices;
using Google.Protobuf;
using StaticNet.OnnxFormat;

namespace StaticNet;

/// <summary>
/// Builds the ONNX model of a network: per layer a <c>Gemm</c> (transB = 1, so the weight initializer is stored
/// [n_l, n_(l−1)] exactly as in <see cref="INetwork.Parameters"/> and in PyTorch) followed by the layer's activation
/// node or nodes (<see cref="OnnxActivationNodes"/>); a dynamic batch dimension; the <c>nn.Sequential</c> state-dict names for the initializers.
/// </summary>
internal static class OnnxExporter
{
    /// <summary>The graph input's name.</summary>
    public const string InputName = "input";

    /// <summary>The graph output's name.</summary>
    public const string OutputName = "output";

    /// <summary>The symbolic name of the batch dimension.</summary>
    public const string BatchDimension = "batch";

    /// <summary>The model of <paramref name="network"/> with its current parameters.</summary>
    public static ModelProto Build(INetwork network)
    {
        NetworkArchitecture architecture = NetworkArchitecture.Of(network);
        WeightLayout layout = WeightLayout.Of(network);
        ReadOnlySpan<float> parameters = ParameterOrder.InPyTorchOrder(network);

        var graph = new GraphProto { Name = architecture.Name };
        graph.Input.Add(FloatInput(InputName, architecture.Sizes[0]));
        graph.Output.Add(FloatInput(OutputName, architecture.Sizes[^1]));

        string value = InputName;
        for (int l = 1; l <= architecture.LayerCount; l++)
        {
            TensorSlot weight = layout.Slots[2 * (l - 1)], bias = layout.Slots[2 * (l - 1) + 1];
            graph.Initializer.Add(Initializer(weight, parameters));
            graph.Initializer.Add(Initializer(bias, parameters));

            Activation kind = architecture.Activations[l - 1];
            bool last = l == architecture.LayerCount;
            string linear = last && kind == Activation.Identity ? OutputName : Invariant($"layer{l}.z");
            var gemm = new NodeProto { Name = Invariant($"layer{l}.Gemm"), OpType = "Gemm" };
            gemm.Input.Add(value);
            gemm.Input.Add(weight.Name);
            gemm.Input.Add(bias.Name);
            gemm.Output.Add(linear);
            gemm.Attribute.Add(new AttributeProto { Name = "transB", Type = AttributeProto.Types.AttributeType.Int, I = 1 });
            graph.Node.Add(gemm);
            value = linear;

            if (kind != Activation.Identity)
            {
                string output = last ? OutputName : Invariant($"layer{l}.a");
                OnnxActivationNodes.Write(graph, l, kind, architecture.LeakySlope, value, output);
                value = output;
            }
        }

        var model = new ModelProto
        {
            IrVersion = OnnxOperators.IrVersion,
            ProducerName = "StaticNet",
            ProducerVersion = typeof(OnnxExporter).Assembly.GetName().Version?.ToString(3) ?? "0.0.0",
            ModelVersion = 1,
            DocString = Invariant($"{architecture.Name}: {architecture.Describe()}"),
            Graph = graph,
        };
        model.OpsetImport.Add(new OperatorSetIdProto { Domain = string.Empty, Version = OnnxOperators.Opset });
        model.MetadataProps.Add(new StringStringEntryProto { Key = "staticnet.network", Value = architecture.Name });
        model.MetadataProps.Add(new StringStringEntryProto { Key = "staticnet.layers", Value = string.Join(',', architecture.Sizes) });
        model.MetadataProps.Add(new StringStringEntryProto { Key = "staticnet.activations", Value = string.Join(',', architecture.Activations) });
        model.MetadataProps.Add(new StringStringEntryProto { Key = "staticnet.leaky_slope", Value = architecture.LeakySlope.ToString("R", CultureInfo.InvariantCulture) });
        return model;
    }

    private static ValueInfoProto FloatInput(string name, int width)
    {
        var shape = new TensorShapeProto();
        shape.Dim.Add(new TensorShapeProto.Types.Dimension { DimParam = BatchDimension });
        shape.Dim.Add(new TensorShapeProto.Types.Dimension { DimValue = width });
        return new ValueInfoProto
        {
            Name = name,
            Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = (int)TensorProto.Types.DataType.Float, Shape = shape } },
        };
    }

    private static TensorProto Initializer(TensorSlot slot, ReadOnlySpan<float> parameters)
    {
        var tensor = new TensorProto { Name = slot.Name, DataType = (int)TensorProto.Types.DataType.Float };
        tensor.Dims.AddRange(slot.Shape);
        ReadOnlySpan<float> values = parameters.Slice(slot.ParameterOffset, slot.Length);

        // raw_data must be little-endian; on a little-endian machine that is the buffer's own bytes.
        if (BitConverter.IsLittleEndian)
        {
            tensor.RawData = ByteString.CopyFrom(MemoryMarshal.AsBytes(values));
        }
        else
        {
            var bytes = new byte[values.Length * sizeof(float)];
            for (int i = 0; i < values.Length; i++)
            {
                BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(i * sizeof(float)), values[i]);
            }

            tensor.RawData = ByteString.CopyFrom(bytes);
        }

        return tensor;
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
