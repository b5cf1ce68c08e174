using StaticNet.Generator.Planning;

namespace StaticNet.Generator.Emit;

/// <summary>
/// How generated code names its per-layer locals, buffers and constants. The plan decides which buffers exist
/// (<see cref="ScratchPlan.Buffer"/>: a kind and a layer); only the emitters spell them, and only through here.
/// </summary>
internal static class Names
{
    /// <summary>a[l], e.g. <c>a1</c>.</summary>
    public static string A(int layer) => "a" + Literals.Int(layer);

    /// <summary>z[l], e.g. <c>z1</c>.</summary>
    public static string Z(int layer) => "z" + Literals.Int(layer);

    /// <summary>δ[l], e.g. <c>delta1</c>.</summary>
    public static string Delta(int layer) => "delta" + Literals.Int(layer);

    /// <summary>Dropout's factors of layer l, e.g. <c>mask1</c>.</summary>
    public static string DropoutMask(int layer) => "mask" + Literals.Int(layer);

    /// <summary>a[l] before dropout, e.g. <c>beforeDropout1</c>.</summary>
    public static string BeforeDropout(int layer) => "beforeDropout" + Literals.Int(layer);

    /// <summary>The generated constant holding the size of layer <paramref name="layer"/> (0 = input), e.g. <c>Layer1Size</c>.</summary>
    public static string SizeConstant(int layer) => layer == 0 ? "InputSize" : "Layer" + Literals.Int(layer) + "Size";

    /// <summary>The span variable of a planned buffer.</summary>
    public static string Of(ScratchPlan.Buffer buffer) => buffer.Kind switch
    {
        BufferKind.PreActivation => Z(buffer.Layer),
        BufferKind.Error => Delta(buffer.Layer),
        BufferKind.DropoutMask => DropoutMask(buffer.Layer),
        BufferKind.BeforeDropout => BeforeDropout(buffer.Layer),
        _ => A(buffer.Layer),
    };

    /// <summary>The size constant of a planned buffer's layer.</summary>
    public static string SizeConstant(ScratchPlan.Buffer buffer) => SizeConstant(buffer.Layer);
}
