using System;
using System.Collections.Generic;
using System.Linq;
using StaticNet.OnnxFormat;

namespace StaticNet;

/// <summary>
/// The activations opset 13 writes as several nodes, read in the form torch.onnx (1.13) and <see cref="OnnxActivationNodes"/>
/// write: SiLU as Mul(x, Sigmoid(x)) and GELU as Mul(Mul(x, Add(Erf(Div(x, √2)), 1)), 0.5), each constant an initializer
/// or a Constant node. The layer's value x is read by two nodes of the pattern; every other value inside it by one.
/// </summary>
internal sealed partial class OnnxImporter
{
    private string ReadSilu(int layer, string value, List<NodeProto> readers)
    {
        NodeProto sigmoid = Reader(readers, "Sigmoid", layer, value, Activation.SiLU);
        NodeProto mul = Reader(readers, "Mul", layer, value, Activation.SiLU);
        RequireOperands(sigmoid, layer, Activation.SiLU, value);
        RequireOperands(mul, layer, Activation.SiLU, value, OnlyOutput(sigmoid));
        RequireSoleReader(sigmoid, mul, layer, Activation.SiLU);
        return OnlyOutput(mul);
    }

    private string ReadGelu(int layer, string value, List<NodeProto> readers)
    {
        NodeProto div = Reader(readers, "Div", layer, value, Activation.GELU);
        NodeProto product = Reader(readers, "Mul", layer, value, Activation.GELU);
        if (div.Input.Count != 2 || div.Input[0] != value)
        {
            throw Mismatch(div, layer, Activation.GELU, "must divide the layer's value by √2");
        }

        RequireConstant(div, 1, OnnxOperators.Sqrt2, layer);
        NodeProto erf = SoleReader(div, "Erf", layer);
        NodeProto add = SoleReader(erf, "Add", layer);
        RequireConstant(add, add.Input[0] == OnlyOutput(erf) ? 1 : 0, 1f, layer);
        RequireOperands(erf, layer, Activation.GELU, OnlyOutput(div));
        RequireOperands(product, layer, Activation.GELU, value, OnlyOutput(add));
        RequireSoleReader(add, product, layer, Activation.GELU);
        NodeProto half = SoleReader(product, "Mul", layer);
        RequireConstant(half, half.Input[0] == OnlyOutput(product) ? 1 : 0, 0.5f, layer);
        return OnlyOutput(half);
    }

    // The reader of the layer's value with this operator; marked part of the chain.
    private NodeProto Reader(List<NodeProto> readers, string op, int layer, string value, Activation activation)
    {
        NodeProto? node = readers.Find(reader => reader.OpType == op && reader.Domain is "" or "ai.onnx");
        if (node is null || _visited.Contains(node))
        {
            string found = string.Join(", ", readers.ConvertAll(Describe));
            throw new OnnxRejection(Invariant($"'{Q(value)}' after layer {layer} is read by {found}, but the network's layer {layer} uses {activation}, so the graph must hold {OnnxOperators.ActivationDescription(activation)}"));
        }

        _visited.Add(node);
        return node;
    }

    // The one node reading node's output, with the operator the pattern has next; marked part of the chain.
    private NodeProto SoleReader(NodeProto node, string op, int layer)
    {
        string output = OnlyOutput(node);
        if (!_consumers.TryGetValue(output, out List<NodeProto>? readers) || readers.Count != 1 || readers[0].OpType != op || IsGraphOutput(output) || _visited.Contains(readers[0]))
        {
            throw Mismatch(node, layer, Activation.GELU, $"must be read by one {op} node only");
        }

        _visited.Add(readers[0]);
        return readers[0];
    }

    private void RequireSoleReader(NodeProto node, NodeProto reader, int layer, Activation activation)
    {
        string output = OnlyOutput(node);
        if (_consumers[output].Count != 1 || IsGraphOutput(output))
        {
            throw Mismatch(node, layer, activation, $"must be read by {Describe(reader)} only");
        }
    }

    // The node reads exactly these values, in any order (Mul commutes; single-input nodes have one).
    private static void RequireOperands(NodeProto node, int layer, Activation activation, params string[] operands)
    {
        bool match = node.Input.Count == operands.Length
            && (operands.Length == 1 ? node.Input[0] == operands[0] : (node.Input[0] == operands[0] && node.Input[1] == operands[1]) || (node.Input[0] == operands[1] && node.Input[1] == operands[0]));
        if (!match)
        {
            throw Mismatch(node, layer, activation, $"must read {string.Join(" and ", Array.ConvertAll(operands, o => "'" + Q(o) + "'"))}");
        }
    }

    // A scalar operand: an initializer or a Constant node's value, equal to the pattern's constant.
    private void RequireConstant(NodeProto node, int index, float expected, int layer)
    {
        if (node.Input.Count != 2)
        {
            throw Mismatch(node, layer, Activation.GELU, "must have two operands");
        }

        string name = node.Input[index];
        TensorProto? tensor = _initializers.Find(name);
        if (tensor is null)
        {
            NodeProto? constant = null;
            foreach (NodeProto candidate in _graph.Node)
            {
                if (candidate.OpType == "Constant" && candidate.Output.Count == 1 && candidate.Output[0] == name)
                {
                    constant = candidate;
                }
            }

            tensor = constant?.Attribute.FirstOrDefault(a => a.Name == "value")?.T;
            if (constant is null || tensor is null || _consumers[name].Count != 1)
            {
                throw Mismatch(node, layer, Activation.GELU, Invariant($"must take the constant {expected:R} as '{Q(name)}', an initializer or a Constant node read by it alone"));
            }

            _visited.Add(constant);
        }

        float[] values = ReadFloats(tensor, node);
        if (values.Length != 1 || Math.Abs(values[0] - expected) > 1e-6f * expected)
        {
            throw Mismatch(node, layer, Activation.GELU, Invariant($"must take the constant {expected:R}, but '{Q(name)}' holds {(values.Length == 1 ? values[0].ToString("R", System.Globalization.CultureInfo.InvariantCulture) : values.Length + " values")}"));
        }
    }

    private static string OnlyOutput(NodeProto node) =>
        node.Output.Count == 1 ? node.Output[0] : throw new OnnxRejection(Invariant($"{Describe(node)} has {node.Output.Count} outputs, but it computes one value"));

    private static OnnxRejection Mismatch(NodeProto node, int layer, Activation activation, string rule) =>
        new(Invariant($"{Describe(node)} {rule}: layer {layer} uses {activation}, written {OnnxOperators.ActivationDescription(activation)}"));
}
