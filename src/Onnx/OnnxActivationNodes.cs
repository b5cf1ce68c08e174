using System.Globalization;
using StaticNet.OnnxFormat;

namespace StaticNet;

/// <summary>
/// Writes the node or nodes of one layer's activation: one node where opset 13 has the operator (with LeakyRelu's
/// alpha, Elu's alpha = 1, Softmax's axis = −1), and for SiLU and GELU the nodes torch.onnx writes at opset 13, so
/// that an exported model reads like PyTorch's and the importer reads both with one pattern.
/// </summary>
internal static class OnnxActivationNodes
{
    /// <summary>Adds to <paramref name="graph"/> the nodes computing <paramref name="output"/> = g(<paramref name="input"/>) for layer <paramref name="layer"/>.</summary>
    public static void Write(GraphProto graph, int layer, Activation activation, float leakySlope, string input, string output)
    {
        string prefix = "layer" + layer.ToString(CultureInfo.InvariantCulture);
        switch (activation)
        {
            case Activation.SiLU:
                // x · Sigmoid(x)
                string sigmoid = Node(graph, prefix + ".Sigmoid", "Sigmoid", prefix + ".sigmoid", input);
                Node(graph, prefix + ".Mul", "Mul", output, input, sigmoid);
                return;
            case Activation.GELU:
                // (x · (Erf(x / √2) + 1)) · 0.5, torch.onnx's opset-13 form of nn.GELU().
                string scaled = Node(graph, prefix + ".Div", "Div", prefix + ".scaled", input, Constant(graph, prefix + ".sqrt2", OnnxOperators.Sqrt2));
                string erf = Node(graph, prefix + ".Erf", "Erf", prefix + ".erf", scaled);
                string shifted = Node(graph, prefix + ".Add", "Add", prefix + ".shifted", erf, Constant(graph, prefix + ".one", 1f));
                string product = Node(graph, prefix + ".Mul", "Mul", prefix + ".product", input, shifted);
                Node(graph, prefix + ".Mul_1", "Mul", output, product, Constant(graph, prefix + ".half", 0.5f));
                return;
        }

        string op = OnnxOperators.ActivationOp(activation)!;
        var node = new NodeProto { Name = prefix + "." + op, OpType = op };
        node.Input.Add(input);
        node.Output.Add(output);
        if (activation == Activation.LeakyReLU)
        {
            node.Attribute.Add(new AttributeProto { Name = "alpha", Type = AttributeProto.Types.AttributeType.Float, F = leakySlope });
        }
        else if (activation == Activation.ELU)
        {
            node.Attribute.Add(new AttributeProto { Name = "alpha", Type = AttributeProto.Types.AttributeType.Float, F = 1f });
        }
        else if (activation == Activation.Softmax)
        {
            node.Attribute.Add(new AttributeProto { Name = "axis", Type = AttributeProto.Types.AttributeType.Int, I = -1 });
        }

        graph.Node.Add(node);
    }

    private static string Node(GraphProto graph, string name, string op, string output, params string[] inputs)
    {
        var node = new NodeProto { Name = name, OpType = op };
        node.Input.AddRange(inputs);
        node.Output.Add(output);
        graph.Node.Add(node);
        return output;
    }

    // A scalar float as a Constant node, as torch.onnx writes GELU's constants.
    private static string Constant(GraphProto graph, string name, float value)
    {
        var tensor = new TensorProto { DataType = (int)TensorProto.Types.DataType.Float };
        tensor.FloatData.Add(value);
        var node = new NodeProto { Name = name, OpType = "Constant" };
        node.Attribute.Add(new AttributeProto { Name = "value", Type = AttributeProto.Types.AttributeType.Tensor, T = tensor });
        node.Output.Add(name);
        graph.Node.Add(node);
        return name;
    }
}
