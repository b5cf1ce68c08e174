using StaticNet.OnnxFormat;

namespace StaticNet;

/// <summary>The ONNX names and attributes StaticNet writes and reads, in one place.</summary>
internal static class OnnxOperators
{
    /// <summary>The IR version written: 7, the version of opset 13's release (ONNX 1.8), read by every current runtime.</summary>
    public const long IrVersion = 7;

    /// <summary>The opset written: 13, the first where Softmax normalises over one axis (−1) rather than a flattened 2-D view.</summary>
    public const long Opset = 13;

    /// <summary>The oldest opset read: 7, the first where Add broadcasts as NumPy does (MatMul + Add layers need it).</summary>
    public const long MinimumOpset = 7;

    /// <summary>The oldest IR version read: 3, the first with opset imports, without which no operator has a defined meaning.</summary>
    public const long MinimumIrVersion = 3;

    /// <summary>The √2 GELU's exported form divides by, as float32 (torch writes the same constant).</summary>
    public const float Sqrt2 = 1.41421356f;

    /// <summary>
    /// The ONNX operator of an activation computed by one node, or null for <see cref="Activation.Identity"/> (no node)
    /// and for the activations opset 13 has no operator for (<see cref="IsComposite"/>: SiLU and GELU).
    /// </summary>
    public static string? ActivationOp(Activation activation) => activation switch
    {
        Activation.Identity => null,
        Activation.Sigmoid => "Sigmoid",
        Activation.Tanh => "Tanh",
        Activation.ReLU => "Relu",
        Activation.LeakyReLU => "LeakyRelu",
        Activation.Softmax => "Softmax",
        Activation.ELU => "Elu",
        Activation.Softplus => "Softplus",
        Activation.SiLU or Activation.GELU => null,
        _ => throw new System.ArgumentOutOfRangeException(nameof(activation), activation, "Unknown activation."),
    };

    /// <summary>
    /// Whether the activation is written as several nodes, the form torch.onnx writes at opset 13: SiLU as
    /// x·Sigmoid(x), GELU as (x · (Erf(x / √2) + 1)) · 0.5 (opset 20's Gelu is read too).
    /// </summary>
    public static bool IsComposite(Activation activation) => activation is Activation.SiLU or Activation.GELU;

    /// <summary>What the graph must hold for an activation, for messages; null for identity.</summary>
    public static string? ActivationDescription(Activation activation) => activation switch
    {
        Activation.SiLU => "Sigmoid then Mul by its input (SiLU)",
        Activation.GELU => "Div by √2, Erf, Add 1, Mul by its input, Mul by 0.5 (GELU, or one Gelu node)",
        _ => ActivationOp(activation),
    };

    /// <summary>The activation an ONNX operator computes, if it is one StaticNet has.</summary>
    public static bool TryGetActivation(string op, out Activation activation)
    {
        switch (op)
        {
            case "Sigmoid": activation = Activation.Sigmoid; return true;
            case "Tanh": activation = Activation.Tanh; return true;
            case "Relu": activation = Activation.ReLU; return true;
            case "LeakyRelu": activation = Activation.LeakyReLU; return true;
            case "Softmax": activation = Activation.Softmax; return true;
            case "Elu": activation = Activation.ELU; return true;
            case "Softplus": activation = Activation.Softplus; return true;
            case "Gelu": activation = Activation.GELU; return true;
            default: activation = Activation.Identity; return false;
        }
    }

    /// <summary>The ONNX name of a tensor element type, for messages.</summary>
    public static string ElementTypeName(int dataType) =>
        System.Enum.IsDefined((TensorProto.Types.DataType)dataType)
            ? ((TensorProto.Types.DataType)dataType).ToString().ToUpperInvariant()
            : "data type " + dataType.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
