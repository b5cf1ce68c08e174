using System.Text;
using System.Threading;
using StaticNet.Generator.Model;
using StaticNet.Generator.Planning;

namespace StaticNet.Generator.Emit;

/// <summary>
/// What a frozen network (Weights = "...") has besides a network's API: its trained parameters as constant data in
/// the assembly, instances that start from them, and the static <c>Predict</c>/<c>PredictBatch</c> that read only them.
/// </summary>
internal static class FrozenEmitter
{
    private const int ValuesPerLine = 8;

    /// <summary>Writes <c>TrainedParameters</c>: a <c>new float[] { … }</c> behind a ReadOnlySpan, which C# compiles to
    /// a span over the assembly's data (RuntimeHelpers.CreateSpan), so no array is allocated or copied at start-up.</summary>
    public static void EmitTrainedParameters(CodeWriter writer, NetworkSpec spec, CancellationToken cancellationToken)
    {
        writer.Line();
        writer.Summary($"The trained weights and biases compiled in from {spec.WeightsPath}, in the layout of Parameters; every value is the file's, bit for bit.");
        writer.Line($"{PublicApi.TrainedParameters} => new float[]");
        writer.Line("{");
        using (writer.Indent())
        {
            foreach (LayerSpec layer in spec.Layers)
            {
                cancellationToken.ThrowIfCancellationRequested();
                int l = layer.Index;
                writer.Comment($"W[{l}], {layer.Size} × {layer.InputSize}, row-major.");
                WriteValues(writer, spec.TrainedParameters, layer.WeightsOffset, layer.WeightsLength);
                writer.Comment($"b[{l}].");
                WriteValues(writer, spec.TrainedParameters, layer.BiasesOffset, layer.Size);
            }
        }

        writer.Line("};");
    }

    /// <summary>Writes <c>CreateParameters()</c>, which copies the trained parameters into a new buffer of the network's layout.</summary>
    public static void EmitCreateParameters(CodeWriter writer, NetworkPlan plan)
    {
        writer.Line();
        using (writer.Open("private static float[] CreateParameters()"))
        {
            if (plan.AlignsParameters)
            {
                writer.Line($"float[] buffer = {RuntimeContract.AllocateParameters}(ParameterCount);");
                writer.Line($"TrainedParameters.CopyTo({RuntimeContract.AlignedView}(buffer, ParameterCount));");
                writer.Line("return buffer;");
            }
            else
            {
                writer.Line("return TrainedParameters.ToArray();");
            }
        }
    }

    /// <summary>Writes the static <c>Predict</c> and <c>PredictBatch</c>: the forward pass over TrainedParameters.</summary>
    public static void EmitPredict(CodeWriter writer, NetworkPlan plan, CancellationToken cancellationToken)
    {
        NetworkSpec spec = plan.Spec;
        writer.Line();
        writer.Summary("Computes ŷ for one sample with the trained parameters, whatever any instance holds. Static, allocates nothing and reads no mutable state, so any thread may call it at any time.");
        DocText.EmitSampleDocs(writer, spec);
        using (writer.Open(PublicApi.Predict))
        {
            if (plan.ConstantColumnLanes == 0)
            {
                ForwardLayerEmitter.EmitForwardBody(writer, plan, PredictParameters(plan), cancellationToken, plan.Predict);
            }
            else
            {
                // Constant tests: the JIT and NativeAOT compile one branch. Without the vectors, Forward's layers run over TrainedParameters.
                string width = plan.ConstantColumnLanes == 8 ? "Vector256" : "Vector128";
                writer.Line($"{RuntimeContract.Require}(input, InputSize, nameof(input));");
                writer.Line($"{RuntimeContract.Require}(output, OutputSize, nameof(output));");
                using (writer.Open($"if (global::System.Runtime.Intrinsics.{width}.IsHardwareAccelerated)"))
                {
                    ConstantColumnsEmitter.Emit(writer, plan, cancellationToken);
                    writer.Line("return;");
                }

                writer.Line();
                writer.Line("PredictWithForwardLayers(input, output);");
            }
        }

        if (plan.ConstantColumnLanes != 0)
        {
            writer.Line();
            writer.Summary("Predict where the vectors of the constant columns are not hardware: Forward's layers over TrainedParameters.");
            using (writer.Open($"private static void PredictWithForwardLayers({PublicApi.ReadOnlySpan} input, {PublicApi.Span} output)"))
            {
                ForwardLayerEmitter.EmitForwardBody(writer, plan, "TrainedParameters", cancellationToken);
            }
        }

        writer.Line();
        writer.Summary("Computes ŷ with the trained parameters for every sample of a batch: inputs are row-major [N × InputSize], outputs [N × OutputSize]. Allocates nothing.");
        writer.Doc("<param name=\"inputs\">N samples, one row each.</param>");
        writer.Doc("<param name=\"outputs\">Receives N outputs, one row each.</param>");
        writer.Doc("<exception cref=\"global::System.ArgumentException\">A span is not a whole number of rows, or the two disagree on N.</exception>");
        using (writer.Open(PublicApi.PredictBatch))
        {
            writer.Line($"int count = {RuntimeContract.RequireRows}(inputs, InputSize, nameof(inputs));");
            writer.Line($"{RuntimeContract.Require}(outputs, count * OutputSize, nameof(outputs));");
            using (writer.Open("for (int i = 0; i < count; i++)"))
            {
                writer.Line("Predict(inputs.Slice(i * InputSize, InputSize), outputs.Slice(i * OutputSize, OutputSize));");
            }
        }
    }

    /// <summary>
    /// Where Predict reads the parameters when it runs Forward's layers: straight from TrainedParameters, unless SIMD
    /// kernels load rows or columns of W. The assembly's data is aligned only to 4 bytes, so their vector loads would
    /// straddle cache lines (64-64-64 tanh took 1.4× Forward's time); they read a cache-line-aligned buffer made once,
    /// on first use: a copy of TrainedParameters, followed by the column layout of the layers Predict computes by
    /// columns (<see cref="PredictLayout"/>).
    /// </summary>
    private static string PredictParameters(NetworkPlan plan) =>
        plan.Predict.HasColumns ? $"{RuntimeContract.AlignedView}(s_predictParameters, PredictParameterCount)"
        : plan.AlignsParameters ? $"{RuntimeContract.AlignedView}(s_alignedTrainedParameters, ParameterCount)"
        : "TrainedParameters";

    /// <summary>Writes the aligned buffer that <see cref="PredictParameters"/> reads, where it reads one.</summary>
    public static void EmitAlignedCopy(CodeWriter writer, NetworkPlan plan)
    {
        if (plan.ConstantColumnLanes != 0 || !plan.AlignsParameters)
        {
            return;
        }

        writer.Line();
        if (!plan.Predict.HasColumns)
        {
            writer.Comment("Predict's copy of TrainedParameters on a cache line, made once on first use: the kernels' vector loads of W rows");
            writer.Comment("from the assembly's data (aligned to 4 bytes only) would straddle cache lines.");
            writer.Line("private static readonly float[] s_alignedTrainedParameters = CreateParameters();");
            return;
        }

        writer.Comment("Predict's parameters on a cache line, made once on first use: a copy of TrainedParameters, then b and the columns of W of");
        writer.Comment("each layer Predict computes by columns (FrozenLayers), each column padded to whole cache lines.");
        writer.Line("private static readonly float[] s_predictParameters = CreatePredictParameters();");
        writer.Line();
        writer.Line($"private const int PredictParameterCount = {Literals.Int(plan.Predict.ParameterCount)};");
        foreach (LayerPlan layer in plan.Layers)
        {
            if (plan.Predict.ByColumns(layer.Index))
            {
                (int offset, int length) = plan.Predict.Columns(layer.Index);
                writer.Line($"private const int Layer{layer.Index}ColumnsOffset = {Literals.Int(offset)}, Layer{layer.Index}ColumnsLength = {Literals.Int(length)};");
            }
        }

        writer.Line();
        using (writer.Open("private static float[] CreatePredictParameters()"))
        {
            writer.Line($"float[] buffer = {RuntimeContract.AllocateParameters}(PredictParameterCount);");
            writer.Line($"global::System.Span<float> view = {RuntimeContract.AlignedView}(buffer, PredictParameterCount);");
            writer.Line("TrainedParameters.CopyTo(view);");
            foreach (LayerPlan layer in plan.Layers)
            {
                if (plan.Predict.ByColumns(layer.Index))
                {
                    LayerSpec spec = layer.Layer;
                    writer.Line($"{RuntimeContract.FrozenLayers}.WriteColumns({LayerCode.WeightsSlice(spec, "TrainedParameters")}, {LayerCode.BiasesSlice(spec, "TrainedParameters")}, view.Slice(Layer{spec.Index}ColumnsOffset, Layer{spec.Index}ColumnsLength));");
                }
            }

            writer.Line("return buffer;");
        }
    }

    private static void WriteValues(CodeWriter writer, FloatValues values, int offset, int length)
    {
        var line = new StringBuilder();
        for (int i = 0; i < length; i++)
        {
            line.Append(Literals.Float(values[offset + i])).Append(',');
            if ((i + 1) % ValuesPerLine == 0 || i == length - 1)
            {
                writer.Line(line.ToString());
                line.Clear();
            }
            else
            {
                line.Append(' ');
            }
        }
    }
}
