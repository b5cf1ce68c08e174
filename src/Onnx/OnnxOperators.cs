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

    /// <summary>The ONNX operator of an activation, or null for <see cref="Activation.Identity"/> (no node).</summary>
    public static string? ActivationOp(Activation activation) => activation switch
    {
        Activation.Identity => null,
        Activation.Sigmoid => "Sigmoid",
        Activation.Tanh => "Tanh",
        Activation.ReLU => "Relu",
        Activation.LeakyReLU => "LeakyRelu",
        Activation.Softmax => "Softmax",
        _ => throw new System.ArgumentOutOfRangeException(nameof(activation), activation, "Unknown activation."),
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
            default: activation = Activation.Identity; return false;
        }
    }

    /// <summary>The ONNX name of a tensor element type, for messages.</summary>
    public static string ElementTypeName(int dataType) =>
        System.Enum.IsDefined((TensorProto.Types.DataType)dataType)
            ? ((TensorProto.Types.DataType)dataType).ToString().ToUpperInvariant()
            : "data type " + dataType.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
