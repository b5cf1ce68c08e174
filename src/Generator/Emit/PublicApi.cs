namespace StaticNet.Generator.Emit;

/// <summary>
/// The declarations of a generated network's public API, written once: the network emitters give them bodies that
/// compute, <see cref="ShellEmitter"/> bodies that throw. Sharing the text keeps the shell's API from drifting away
/// from the real one (a test also compares the two member by member).
/// </summary>
internal static class PublicApi
{
    public const string Span = "global::System.Span<float>";
    public const string ReadOnlySpan = "global::System.ReadOnlySpan<float>";

    public const string Interface = RuntimeContract.IParallelBatchNetwork;

    public const string Parameters = "public " + Span + " Parameters";

    public const string Initialize = "public void Initialize(int seed)";

    public const string GetWeightOrder = "public " + RuntimeContract.WeightOrder + " GetWeightOrder(int layer)";

    public const string Forward = "public void Forward(" + ReadOnlySpan + " input, " + Span + " output)";

    public const string Backward = "public float Backward(" + ReadOnlySpan + " input, " + ReadOnlySpan + " target, " + Span + " gradient)";

    public const string BackwardWithInputGradient =
        "public float Backward(" + ReadOnlySpan + " input, " + ReadOnlySpan + " target, " + Span + " gradient, " + Span + " inputGradient)";

    public const string Backpropagate =
        "public void Backpropagate(" + ReadOnlySpan + " input, " + ReadOnlySpan + " outputGradient, " + Span + " gradient, " + Span + " inputGradient)";

    public const string TrainStep = "public float TrainStep(" + ReadOnlySpan + " input, " + ReadOnlySpan + " target, float learningRate)";

    public const string ToStringOverride = "public override string ToString()";

    public const string Summary = "public string Summary()";

    public const string ComputeLoss = "public float ComputeLoss(" + ReadOnlySpan + " output, " + ReadOnlySpan + " target)";

    /// <summary>
    /// Explicit on purpose: attribute arguments bind in the type's own scope, so a public member named Loss would hide
    /// the Loss enum and break the natural [Network(..., Loss = Loss.CrossEntropy)].
    /// </summary>
    public const string InterfaceLoss =
        "float " + RuntimeContract.INetwork + ".Loss(" + ReadOnlySpan + " output, " + ReadOnlySpan + " target) => ComputeLoss(output, target);";

    public const string BatchWorkspace = "public sealed class BatchWorkspace";

    public const string ForwardBatch = "public void ForwardBatch(" + ReadOnlySpan + " inputs, " + Span + " outputs)";

    public const string ForwardBatchWithWorkspace = "public void ForwardBatch(" + ReadOnlySpan + " inputs, " + Span + " outputs, BatchWorkspace workspace)";

    public const string BackwardBatch = "public float BackwardBatch(" + ReadOnlySpan + " inputs, " + ReadOnlySpan + " targets, " + Span + " gradient)";

    public const string BackwardBatchWithWorkspace =
        "public float BackwardBatch(" + ReadOnlySpan + " inputs, " + ReadOnlySpan + " targets, " + Span + " gradient, BatchWorkspace workspace)";

    public const string TrainedParameters = "public static " + ReadOnlySpan + " TrainedParameters";

    public const string Predict = "public static void Predict(" + ReadOnlySpan + " input, " + Span + " output)";

    public const string PredictBatch = "public static void PredictBatch(" + ReadOnlySpan + " inputs, " + Span + " outputs)";
    /// <summary>
    /// IParallelBatchNetwork, explicit so that the typed BatchWorkspace overloads stay the ones users see: a workspace
    /// for each of ParallelBackward's threads, and BackwardBatch on it.
    /// </summary>
    public const string InterfaceCreateBatchWorkspace = "object " + RuntimeContract.IParallelBatchNetwork + ".CreateBatchWorkspace()";

    public const string InterfaceBackwardBatchWithWorkspace =
        "float " + RuntimeContract.IParallelBatchNetwork + ".BackwardBatch(" + ReadOnlySpan + " inputs, " + ReadOnlySpan + " targets, " + Span + " gradient, object workspace)";

    public static string Constructor(string escapedTypeName) => $"public {escapedTypeName}()";

    public static string SeedConstructor(string escapedTypeName) => $"public {escapedTypeName}(int seed)";

    public static string LayerWeights(int layer) => $"public {Span} Layer{layer}Weights";

    public static string LayerBiases(int layer) => $"public {Span} Layer{layer}Biases";

    /// <summary>The INetwork size properties, answered by the constants in both the network and the shell.</summary>
    public static void EmitInterfaceSizes(CodeWriter writer)
    {
        writer.Line();
        writer.Line($"int {RuntimeContract.INetwork}.InputSize => InputSize;");
        writer.Line();
        writer.Line($"int {RuntimeContract.INetwork}.OutputSize => OutputSize;");
        writer.Line();
        writer.Line($"int {RuntimeContract.INetwork}.ParameterCount => ParameterCount;");
        writer.Line();
        writer.Line($"global::System.ReadOnlySpan<int> {RuntimeContract.INetwork}.LayerSizes => LayerSizes;");
    }
}
