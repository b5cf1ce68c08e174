using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using StaticNet.Interop;
using StaticNet.OnnxFormat;

namespace StaticNet;

/// <summary>Why an ONNX model cannot be loaded into a network: one clause naming the node or tensor and what was expected.</summary>
internal sealed class OnnxRejection(string problem) : Exception(problem);

/// <summary>
/// Reads the parameters of a network out of an ONNX graph that computes it: a chain from the one graph input to the
/// one graph output of dense layers (<c>Gemm</c>, or <c>MatMul</c> then <c>Add</c>) each followed by the network's
/// activation for that layer (none for identity; several nodes for SiLU and GELU, see <c>OnnxImporter.Composite.cs</c>).
/// <c>Identity</c> and <c>Dropout</c> nodes (inference no-ops) may sit
/// anywhere in the chain. Everything else is rejected, naming the node and what the network expects there.
/// </summary>
internal sealed partial class OnnxImporter
{
    private static readonly string[] PassThrough = { "Identity", "Dropout" };

    private readonly GraphProto _graph;
    private readonly NetworkArchitecture _architecture;
    private readonly WeightLayout _layout;
    private readonly OnnxInitializers _initializers;
    private readonly Dictionary<string, List<NodeProto>> _consumers = new(StringComparer.Ordinal);
    private readonly HashSet<NodeProto> _visited = new(ReferenceEqualityComparer.Instance);
    private readonly long _opset;
    private readonly float[] _parameters;
    private readonly string[] _names;

    private OnnxImporter(ModelProto model, NetworkArchitecture architecture, WeightLayout layout, long opset)
    {
        _graph = model.Graph;
        _architecture = architecture;
        _layout = layout;
        _opset = opset;
        _parameters = new float[layout.ParameterCount];
        _names = new string[layout.Slots.Count];
        Array.Fill(_names, string.Empty);
        _initializers = new OnnxInitializers(_graph, out string? duplicate);
        if (duplicate is not null)
        {
            throw new OnnxRejection($"the graph has two initializers named '{Q(duplicate)}'");
        }

        foreach (NodeProto node in _graph.Node)
        {
            foreach (string input in node.Input.Distinct(StringComparer.Ordinal))
            {
                if (input.Length == 0)
                {
                    continue; // an omitted optional input
                }

                if (!_consumers.TryGetValue(input, out List<NodeProto>? users))
                {
                    _consumers.Add(input, users = new List<NodeProto>());
                }

                users.Add(node);
            }
        }
    }

    /// <summary>The network's parameters as <paramref name="model"/> holds them, in <see cref="INetwork.Parameters"/> layout.</summary>
    /// <exception cref="OnnxRejection">The model is not a chain of dense layers matching the network.</exception>
    /// <param name="model">The parsed model.</param>
    /// <param name="architecture">The network's sizes and activations.</param>
    /// <param name="layout">The network's tensors.</param>
    /// <param name="names">For each of the layout's slots, the name of the initializer it was read from, for messages.</param>
    public static float[] ReadParameters(ModelProto model, NetworkArchitecture architecture, WeightLayout layout, out string[] names)
    {
        long opset = CheckModel(model);
        var importer = new OnnxImporter(model, architecture, layout, opset);
        float[] parameters = importer.Walk();
        names = importer._names;
        return parameters;
    }

    // The model-level checks: versions, the default-domain opset, and features a dense chain never uses.
    private static long CheckModel(ModelProto model)
    {
        if (model.Graph is null)
        {
            throw new OnnxRejection("it holds no graph (an ONNX model has a ModelProto with a graph; is this an ONNX file?)");
        }

        if (model.IrVersion < OnnxOperators.MinimumIrVersion)
        {
            throw new OnnxRejection($"its IR version is {model.IrVersion}, but StaticNet reads IR version {OnnxOperators.MinimumIrVersion} and later (the versions with opset imports)");
        }

        long? opset = null;
        foreach (OperatorSetIdProto import in model.OpsetImport)
        {
            if (import.Domain is "" or "ai.onnx")
            {
                opset = import.Version;
            }
        }

        if (opset is null)
        {
            throw new OnnxRejection("it imports no version of the default ONNX operator set (domain \"\" or \"ai.onnx\")");
        }

        if (opset < OnnxOperators.MinimumOpset)
        {
            throw new OnnxRejection($"it uses ONNX opset {opset}, but StaticNet reads opset {OnnxOperators.MinimumOpset} and later (re-export it with a newer opset_version)");
        }

        if (model.Graph.SparseInitializer.Count > 0)
        {
            throw new OnnxRejection($"its graph stores {model.Graph.SparseInitializer.Count} sparse initializers, which StaticNet does not read; export the weights as dense tensors");
        }

        return opset.Value;
    }

    private float[] Walk()
    {
        string input = DataInput();
        string output = DataOutput();
        string value = input;
        int layerCount = _architecture.LayerCount;
        for (int l = 1; l <= layerCount; l++)
        {
            NodeProto? node = NextNode(ref value);
            if (node is null)
            {
                throw new OnnxRejection(Invariant($"the graph ends after {l - 1} dense layers at '{Q(value)}', but the network has {layerCount} layers ({_architecture.Sizes[l - 1]}→{_architecture.Sizes[l]} would be next)"));
            }

            value = node.OpType switch
            {
                "Gemm" => ReadGemm(node, l, value),
                "MatMul" => ReadMatMul(node, l, value),
                _ => throw new OnnxRejection(Invariant($"{Describe(node)} is where layer {l} ({_architecture.Sizes[l - 1]}→{_architecture.Sizes[l]}) should start, but it is not Gemm or MatMul (a dense layer)")),
            };

            value = ReadActivation(l, value);
        }

        NodeProto? extra = NextNode(ref value);
        if (extra is not null)
        {
            throw new OnnxRejection(Invariant($"{Describe(extra)} follows the last of the network's {layerCount} layers; the graph computes more than the network does"));
        }

        if (value != output)
        {
            throw new OnnxRejection($"the chain ends at '{Q(value)}', but the graph's output is '{Q(output)}'");
        }

        foreach (NodeProto node in _graph.Node)
        {
            if (!_visited.Contains(node))
            {
                throw new OnnxRejection($"{Describe(node)} is not on the chain from '{Q(input)}' to '{Q(output)}'; the network is a single chain of layers");
            }
        }

        return _parameters;
    }

    private string DataInput()
    {
        ValueInfoProto[] inputs = _graph.Input.Where(input => !_initializers.Contains(input.Name)).ToArray();
        if (inputs.Length != 1)
        {
            throw new OnnxRejection(Invariant($"the graph has {inputs.Length} inputs ({string.Join(", ", inputs.Take(8).Select(input => "'" + Q(input.Name) + "'"))}) besides its initializers, but the network takes exactly one, [N,{_architecture.Sizes[0]}]"));
        }

        CheckValue(inputs[0], "input", _architecture.Sizes[0]);
        return inputs[0].Name;
    }

    private string DataOutput()
    {
        if (_graph.Output.Count != 1)
        {
            throw new OnnxRejection(Invariant($"the graph has {_graph.Output.Count} outputs, but the network has exactly one, [N,{_architecture.Sizes[^1]}]"));
        }

        CheckValue(_graph.Output[0], "output", _architecture.Sizes[^1]);
        return _graph.Output[0].Name;
    }

    // A declared type is optional in a node's interior but must fit where given: FLOAT, rank 2, the right width.
    private static void CheckValue(ValueInfoProto value, string role, int width)
    {
        TypeProto.Types.Tensor? tensor = value.Type?.TensorType;
        if (tensor is null)
        {
            return;
        }

        if (tensor.ElemType != (int)TensorProto.Types.DataType.Float)
        {
            throw new OnnxRejection(Invariant($"the graph {role} '{Q(value.Name)}' is {OnnxOperators.ElementTypeName(tensor.ElemType)}, but the network's {role} is FLOAT [N,{width}]"));
        }

        if (tensor.Shape is null)
        {
            return;
        }

        bool widthKnown = tensor.Shape.Dim.Count == 2 && tensor.Shape.Dim[1].ValueCase == TensorShapeProto.Types.Dimension.ValueOneofCase.DimValue;
        if (tensor.Shape.Dim.Count != 2 || (widthKnown && tensor.Shape.Dim[1].DimValue != width))
        {
            string shape = "[" + string.Join(',', tensor.Shape.Dim.Select(d => d.ValueCase == TensorShapeProto.Types.Dimension.ValueOneofCase.DimValue ? OnnxInitializers.Format(d.DimValue) : d.DimParam.Length > 0 ? d.DimParam : "?")) + "]";
            throw new OnnxRejection(Invariant($"the graph {role} '{Q(value.Name)}' has shape {shape}, but the network's {role} is [N,{width}]"));
        }
    }

    // The one node reading value, after stepping over Identity and Dropout; null when nothing reads it.
    private NodeProto? NextNode(ref string value)
    {
        while (true)
        {
            if (!_consumers.TryGetValue(value, out List<NodeProto>? users) || users.Count == 0)
            {
                return null;
            }

            if (users.Count > 1 || IsGraphOutput(value))
            {
                string readers = string.Join(", ", users.Take(8).Select(Describe)) + (users.Count > 8 ? Invariant($" and {users.Count - 8} more") : string.Empty);
                throw new OnnxRejection($"'{Q(value)}' is read by {readers}{(users.Count == 1 ? " and is also a graph output" : string.Empty)}: the graph branches there, but the network is a single chain of layers");
            }

            NodeProto node = users[0];

            // The walk follows each value to its one reader; a reader met again means the graph loops back on itself
            // (Identity feeding an Identity that feeds the first, a node reading its own output), and would never end.
            if (_visited.Contains(node))
            {
                throw new OnnxRejection($"{Describe(node)} is reached again from '{Q(value)}': the graph has a cycle, but the network is a single chain of layers from input to output");
            }

            if (node.Domain is not ("" or "ai.onnx"))
            {
                throw new OnnxRejection($"{Describe(node)} is from the operator domain '{Q(node.Domain)}', which StaticNet does not know; the network is dense layers and activations of the default ONNX domain");
            }

            if (!PassThrough.Contains(node.OpType))
            {
                return node;
            }

            // Dropout at inference (training_mode absent or false) passes its input through; its mask output must be unused.
            if (node.OpType == "Dropout" && node.Input.Count > 2 && node.Input[2].Length > 0)
            {
                throw new OnnxRejection($"{Describe(node)} has a training_mode input; only inference-mode Dropout (a no-op) can be part of the network");
            }

            RequireOnlyFirstOutputUsed(node);
            _visited.Add(node);
            value = node.Output[0];
        }
    }

    private string ReadGemm(NodeProto node, int layer, string value)
    {
        _visited.Add(node);
        RequireInputs(node, value, 2, 3);
        float alpha = FloatAttribute(node, "alpha", 1f), beta = FloatAttribute(node, "beta", 1f);
        long transA = IntAttribute(node, "transA", 0), transB = IntAttribute(node, "transB", 0);
        if (transA != 0)
        {
            throw new OnnxRejection($"{Describe(node)} has transA = {transA}; the layer's input must be its first operand as is (transA = 0)");
        }

        if (alpha != 1f || beta != 1f)
        {
            throw new OnnxRejection(Invariant($"{Describe(node)} has alpha = {alpha:R} and beta = {beta:R}; a dense layer is x·Wᵀ + b with both 1"));
        }

        TensorProto weight = RequireInitializer(node, 1, layer, "weight");
        ReadWeight(node, weight, layer, transposed: transB == 0, transB == 0 ? "with transB = 0 the weight must be stored [n_(l-1), n_l]" : "with transB = 1 the weight is stored [n_l, n_(l-1)] as in PyTorch");
        if (node.Input.Count == 3 && node.Input[2].Length > 0)
        {
            ReadBias(node, RequireInitializer(node, 2, layer, "bias"), layer);
        }

        RequireOnlyFirstOutputUsed(node);
        return node.Output[0];
    }

    private string ReadMatMul(NodeProto node, int layer, string value)
    {
        _visited.Add(node);
        RequireInputs(node, value, 2, 2);
        TensorProto weight = RequireInitializer(node, 1, layer, "weight");
        ReadWeight(node, weight, layer, transposed: true, "MatMul's second operand is the weight stored [n_(l-1), n_l] (Keras and tf2onnx layout)");
        string result = node.Output[0];

        // The bias is an Add of an initializer; a layer with no Add (Keras use_bias=False) has a zero bias.
        string next = result;
        if (_consumers.TryGetValue(result, out List<NodeProto>? users) && users.Count == 1 && users[0].OpType == "Add")
        {
            NodeProto add = users[0];
            _visited.Add(add);
            if (add.Input.Count != 2)
            {
                throw new OnnxRejection($"{Describe(add)} has {add.Input.Count} inputs; an Add after a MatMul adds the layer's bias to its product");
            }

            int other = add.Input[0] == result ? 1 : 0;
            TensorProto bias = _initializers.Find(add.Input[other])
                ?? throw new OnnxRejection(Invariant($"{Describe(add)} adds '{Q(add.Input[other])}' to layer {layer}'s product, but that is not an initializer; the layer's bias must be stored in the model"));
            ReadBias(add, bias, layer);
            RequireOnlyFirstOutputUsed(add);
            next = add.Output[0];
        }

        return next;
    }

    private string ReadActivation(int layer, string value)
    {
        Activation expected = _architecture.Activations[layer - 1];
        if (OnnxOperators.IsComposite(expected) && _consumers.TryGetValue(value, out List<NodeProto>? readers) && readers.Count == 2)
        {
            return expected == Activation.SiLU ? ReadSilu(layer, value, readers) : ReadGelu(layer, value, readers);
        }

        NodeProto? node = NextNode(ref value);
        if (node is null || node.OpType is "Gemm" or "MatMul" || !OnnxOperators.TryGetActivation(node.OpType, out Activation found))
        {
            if (expected == Activation.Identity && (node is null || node.OpType is "Gemm" or "MatMul"))
            {
                return value;
            }

            string what = node is null ? Invariant($"the graph ends at '{Q(value)}' after layer {layer}") : $"{Describe(node)} follows layer {layer}";
            string wanted = OnnxOperators.ActivationOp(expected) is { } op ? "a " + op + " node" : OnnxOperators.ActivationDescription(expected) ?? "the next dense layer or the graph's output";
            throw new OnnxRejection(Invariant($"{what}, but the network's layer {layer} has the activation {expected}, so {wanted} must come next"));
        }

        _visited.Add(node);
        if (found != expected)
        {
            throw new OnnxRejection(Invariant($"{Describe(node)} applies {found} after layer {layer}, but the network's layer {layer} uses {expected}"));
        }

        if (found == Activation.LeakyReLU)
        {
            float alpha = FloatAttribute(node, "alpha", 0.01f);
            if (alpha != _architecture.LeakySlope)
            {
                throw new OnnxRejection(Invariant($"{Describe(node)} has alpha = {alpha:R}, but the network's LeakySlope is {_architecture.LeakySlope:R}"));
            }
        }
        else if (found == Activation.ELU && FloatAttribute(node, "alpha", 1f) != 1f)
        {
            throw new OnnxRejection(Invariant($"{Describe(node)} has alpha = {FloatAttribute(node, "alpha", 1f):R}, but the network's ELU has α = 1"));
        }
        else if (found == Activation.GELU && StringAttribute(node, "approximate") is { } approximate && approximate != "none")
        {
            throw new OnnxRejection($"{Describe(node)} has approximate = '{Q(approximate)}', but the network's GELU is the exact (erf) form, approximate = 'none'");
        }
        else if (found == Activation.Softmax)
        {
            // Before opset 13, Softmax flattened to 2-D at axis (default 1); for our [N, n] values axis 1 and −1 agree.
            long axis = IntAttribute(node, "axis", _opset >= 13 ? -1 : 1);
            if (axis is not (-1 or 1))
            {
                throw new OnnxRejection(Invariant($"{Describe(node)} normalises over axis {axis}, but the network's softmax runs over each sample's outputs (axis -1 or 1)"));
            }
        }

        RequireOnlyFirstOutputUsed(node);
        return node.Output[0];
    }

    private void ReadWeight(NodeProto node, TensorProto weight, int layer, bool transposed, string rule)
    {
        int fanIn = _architecture.Sizes[layer - 1], fanOut = _architecture.Sizes[layer];
        long[] expected = transposed ? new long[] { fanIn, fanOut } : new long[] { fanOut, fanIn };
        if (!OnnxInitializers.HasShape(weight, expected))
        {
            throw new OnnxRejection(Invariant($"{Describe(node)}: weight '{Q(weight.Name)}' is {OnnxInitializers.Shape(weight)}, but layer {layer} is {fanIn}→{fanOut} and {rule}, so it must be [{expected[0]},{expected[1]}]"));
        }

        float[] values = ReadFloats(weight, node);
        _names[2 * (layer - 1)] = weight.Name;
        Span<float> target = _parameters.AsSpan(_layout.Slots[2 * (layer - 1)].ParameterOffset, fanOut * fanIn);
        if (!transposed)
        {
            values.CopyTo(target);
            return;
        }

        // Stored [fanIn, fanOut]: W[j, k] of the network is element (k, j).
        for (int j = 0; j < fanOut; j++)
        {
            for (int k = 0; k < fanIn; k++)
            {
                target[j * fanIn + k] = values[k * fanOut + j];
            }
        }
    }

    private void ReadBias(NodeProto node, TensorProto bias, int layer)
    {
        int fanOut = _architecture.Sizes[layer];
        if (!OnnxInitializers.HasShape(bias, fanOut) && !OnnxInitializers.HasShape(bias, 1, fanOut))
        {
            throw new OnnxRejection(Invariant($"{Describe(node)}: bias '{Q(bias.Name)}' is {OnnxInitializers.Shape(bias)}, but layer {layer} has {fanOut} outputs, so it must be [{fanOut}] (or [1,{fanOut}])"));
        }

        ReadFloats(bias, node).CopyTo(_parameters.AsSpan(_layout.Slots[2 * (layer - 1) + 1].ParameterOffset));
        _names[2 * (layer - 1) + 1] = bias.Name;
    }

    private static float[] ReadFloats(TensorProto tensor, NodeProto node) =>
        OnnxInitializers.ReadFloats(tensor, Describe(node), out string? problem) ?? throw new OnnxRejection(problem!);

    private TensorProto RequireInitializer(NodeProto node, int index, int layer, string role) =>
        _initializers.Find(node.Input[index])
        ?? throw new OnnxRejection(Invariant($"{Describe(node)} takes layer {layer}'s {role} from '{Q(node.Input[index])}', which is not an initializer of the graph; the {role} must be stored in the model"));

    private static void RequireInputs(NodeProto node, string value, int minimum, int maximum)
    {
        if (node.Input.Count < minimum || node.Input.Count > maximum)
        {
            throw new OnnxRejection(Invariant($"{Describe(node)} has {node.Input.Count} inputs, but {node.OpType} takes {minimum} to {maximum}"));
        }

        if (node.Input[0] != value)
        {
            throw new OnnxRejection($"{Describe(node)} reads '{Q(value)}' as its operand {node.Input.IndexOf(value) + 1}, but the layer's input must be operand 1 (x·W, not W·x)");
        }
    }

    private void RequireOnlyFirstOutputUsed(NodeProto node)
    {
        if (node.Output.Count == 0)
        {
            throw new OnnxRejection($"{Describe(node)} has no output");
        }

        for (int i = 1; i < node.Output.Count; i++)
        {
            string extra = node.Output[i];
            if (extra.Length > 0 && (_consumers.ContainsKey(extra) || IsGraphOutput(extra)))
            {
                throw new OnnxRejection($"{Describe(node)} has a second output '{Q(extra)}' that is used; the network's layers produce one value each");
            }
        }
    }

    private bool IsGraphOutput(string value)
    {
        foreach (ValueInfoProto output in _graph.Output)
        {
            if (output.Name == value)
            {
                return true;
            }
        }

        return false;
    }

    private static float FloatAttribute(NodeProto node, string name, float fallback)
    {
        AttributeProto? attribute = node.Attribute.FirstOrDefault(a => a.Name == name);
        return attribute is null ? fallback : attribute.F;
    }

    private static string? StringAttribute(NodeProto node, string name) =>
        node.Attribute.FirstOrDefault(a => a.Name == name)?.S.ToStringUtf8();

    private static long IntAttribute(NodeProto node, string name, long fallback)
    {
        AttributeProto? attribute = node.Attribute.FirstOrDefault(a => a.Name == name);
        return attribute is null ? fallback : attribute.I;
    }

    /// <summary>How messages name a node: its name (or its first output when unnamed) and its operator.</summary>
    public static string Describe(NodeProto node)
    {
        string name = node.Name.Length > 0 ? node.Name : node.Output.Count > 0 ? "→" + node.Output[0] : "(unnamed)";
        return $"node '{Q(name)}' ({node.OpType})";
    }

    // Names come from the file and may be megabytes long; messages quote them cut.
    private static string Q(string name) => MessageText.Name(name);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
