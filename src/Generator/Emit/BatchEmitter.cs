using System.Threading;
using StaticNet.Generator.Model;

namespace StaticNet.Generator.Emit;

/// <summary>
/// Writes the mini-batch API: <c>ForwardBatch</c> and <c>BackwardBatch</c> over row-major [N × size] spans, and the
/// <c>BatchWorkspace</c> they reuse. Each layer is one blocked matrix-matrix product per block of
/// <see cref="BlockSize"/> samples (Z = X·Wᵀ + b, ∂W += δᵀ·A, δ[l−1] = δ[l]·W), not N matrix-vector products, all on
/// the weights as stored.
/// </summary>
internal static class BatchEmitter
{
    /// <summary>
    /// Samples per block: enough rows to keep the kernels' register tiles full, few enough that a block's activations
    /// (64 × a few hundred floats) stay in L2 between the forward and the backward pass.
    /// </summary>
    public const int BlockSize = 64;

    private const string Span = "global::System.Span<float>";
    private const string ReadOnlySpan = "global::System.ReadOnlySpan<float>";
    private const string Dense = "global::StaticNet.Kernels.DenseKernels";
    private const string Guard = "global::StaticNet.SpanLength";

    public static void Emit(CodeWriter writer, NetworkSpec spec, CancellationToken cancellationToken)
    {
        EmitWorkspace(writer, spec);
        EmitForwardBatch(writer, spec, cancellationToken);
        EmitBackwardBatch(writer, spec, cancellationToken);
    }

    private static string Field(string buffer) => char.ToUpperInvariant(buffer[0]) + buffer.Substring(1);

    private static void EmitWorkspace(CodeWriter writer, NetworkSpec spec)
    {
        writer.Line();
        writer.Summary("How many samples the batch methods process at a time; a longer batch runs block by block.");
        writer.Line($"public const int BatchBlockSize = {BlockSize};");
        writer.Line();
        writer.Comment("Created on the first batch call and reused by every later one; null while a call has taken it.");
        writer.Line("private BatchWorkspace? _batchWorkspace;");
        writer.Line();
        writer.Comment("Taken, not shared: a call on another thread meanwhile finds null and works in a workspace of its own, so the");
        writer.Comment("overloads without a workspace are safe from any number of threads and allocate only when two calls overlap.");
        writer.Line("private BatchWorkspace TakeWorkspace() => global::System.Threading.Interlocked.Exchange(ref _batchWorkspace, null) ?? new BatchWorkspace();");
        writer.Line();
        writer.Summary("Scratch of the batch methods: one block of a[l], z[l] and δ[l]. The overloads without a workspace keep one per network and take it for the length of a call (a concurrent call makes its own); pass one per thread to avoid even that.");
        using (writer.Open("public sealed class BatchWorkspace"))
        {
            foreach (ScratchPlan.Buffer buffer in ScratchPlan.For(spec).Training)
            {
                writer.Line($"internal readonly float[] {Field(buffer.Name)} = new float[BatchBlockSize * {buffer.SizeConstant}];");
            }
        }
    }

    private static void EmitForwardBatch(CodeWriter writer, NetworkSpec spec, CancellationToken cancellationToken)
    {
        writer.Line();
        writer.Summary("Computes ŷ for every sample of a batch: inputs are row-major [N × InputSize], outputs [N × OutputSize]. Safe from many threads; allocates nothing after the first batch call unless calls overlap.");
        writer.Doc("<param name=\"inputs\">N samples, one row each.</param>");
        writer.Doc("<param name=\"outputs\">Receives N outputs, one row each.</param>");
        writer.Doc("<exception cref=\"global::System.ArgumentException\">A span is not a whole number of rows, or the two disagree on N.</exception>");
        using (writer.Open($"public void ForwardBatch({ReadOnlySpan} inputs, {Span} outputs)"))
        {
            writer.Line("BatchWorkspace workspace = TakeWorkspace();");
            writer.Line("ForwardBatch(inputs, outputs, workspace);");
            writer.Line("_batchWorkspace = workspace;");
        }

        writer.Line();
        writer.Summary("Like ForwardBatch(inputs, outputs), with scratch from the given workspace (one per thread).");
        writer.Doc("<param name=\"inputs\">N samples, one row each.</param>");
        writer.Doc("<param name=\"outputs\">Receives N outputs, one row each.</param>");
        writer.Doc("<param name=\"workspace\">Scratch that no other thread is using.</param>");
        writer.Doc("<exception cref=\"global::System.ArgumentException\">A span is not a whole number of rows, or the two disagree on N.</exception>");
        using (writer.Open($"public void ForwardBatch({ReadOnlySpan} inputs, {Span} outputs, BatchWorkspace workspace)"))
        {
            writer.Line("global::System.ArgumentNullException.ThrowIfNull(workspace);");
            writer.Line($"int count = {Guard}.RequireRows(inputs, InputSize, nameof(inputs));");
            writer.Line($"{Guard}.Require(outputs, count * OutputSize, nameof(outputs));");
            writer.Line($"{ReadOnlySpan} p = Parameters;");
            using (writer.Open("for (int start = 0; start < count; start += BatchBlockSize)"))
            {
                writer.Line("int n = global::System.Math.Min(BatchBlockSize, count - start);");
                writer.Line($"{ReadOnlySpan} x = inputs.Slice(start * InputSize, n * InputSize);");
                foreach (LayerSpec layer in spec.Layers)
                {
                    string a = ScratchPlan.A(layer.Index);
                    writer.Line(layer.Index == spec.Layers.Count
                        ? $"{Span} {a} = outputs.Slice(start * OutputSize, n * OutputSize);"
                        : $"{Span} {a} = new {Span}(workspace.{Field(a)}, 0, n * {LayerCode.SizeConstant(layer)});");
                }

                foreach (LayerSpec layer in spec.Layers)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    writer.Line();
                    EmitLayerForward(writer, spec, layer, keepsZ: false);
                }
            }
        }
    }

    private static void EmitBackwardBatch(CodeWriter writer, NetworkSpec spec, CancellationToken cancellationToken)
    {
        writer.Line();
        writer.Summary($"Runs a batch forward and backward, adds the gradient of the batch's mean loss J = (1/N) Σ C_i into gradient (same layout as Parameters) and returns J ({spec.Loss}).");
        writer.Doc("<param name=\"inputs\">N samples, row-major [N × InputSize].</param>");
        writer.Doc("<param name=\"targets\">N targets, row-major [N × OutputSize].</param>");
        writer.Doc($"<param name=\"gradient\">Accumulates ∂J/∂θ; exactly {spec.ParameterCount} values.</param>");
        writer.Doc("<returns>The mean loss J of the batch.</returns>");
        writer.Doc("<exception cref=\"global::System.ArgumentException\">A span has the wrong length.</exception>");
        using (writer.Open($"public float BackwardBatch({ReadOnlySpan} inputs, {ReadOnlySpan} targets, {Span} gradient)"))
        {
            writer.Line("BatchWorkspace workspace = TakeWorkspace();");
            writer.Line("float loss = BackwardBatch(inputs, targets, gradient, workspace);");
            writer.Line("_batchWorkspace = workspace;");
            writer.Line("return loss;");
        }

        writer.Line();
        writer.Summary("Like BackwardBatch(inputs, targets, gradient), with scratch from the given workspace (one per thread).");
        writer.Doc("<param name=\"inputs\">N samples, row-major [N × InputSize].</param>");
        writer.Doc("<param name=\"targets\">N targets, row-major [N × OutputSize].</param>");
        writer.Doc($"<param name=\"gradient\">Accumulates ∂J/∂θ; exactly {spec.ParameterCount} values.</param>");
        writer.Doc("<param name=\"workspace\">Scratch that no other thread is using.</param>");
        writer.Doc("<returns>The mean loss J of the batch.</returns>");
        writer.Doc("<exception cref=\"global::System.ArgumentException\">A span has the wrong length.</exception>");
        using (writer.Open($"public float BackwardBatch({ReadOnlySpan} inputs, {ReadOnlySpan} targets, {Span} gradient, BatchWorkspace workspace)"))
        {
            writer.Line("global::System.ArgumentNullException.ThrowIfNull(workspace);");
            writer.Line($"int count = {Guard}.RequireRows(inputs, InputSize, nameof(inputs));");
            writer.Line($"{Guard}.Require(targets, count * OutputSize, nameof(targets));");
            writer.Line($"{Guard}.Require(gradient, ParameterCount, nameof(gradient));");
            writer.Line($"{ReadOnlySpan} p = Parameters;");
            writer.Line();
            writer.Comment("J = (1/N) Σ C_i. BP2–BP4 are linear in δ, so scaling δ[L] by 1/N carries the mean into every term.");
            writer.Line("float scale = 1f / count;");
            writer.Line("double loss = 0d;");
            using (writer.Open("for (int start = 0; start < count; start += BatchBlockSize)"))
            {
                writer.Line("int n = global::System.Math.Min(BatchBlockSize, count - start);");
                writer.Line($"{ReadOnlySpan} x = inputs.Slice(start * InputSize, n * InputSize);");
                writer.Line($"{ReadOnlySpan} y = targets.Slice(start * OutputSize, n * OutputSize);");
                foreach (ScratchPlan.Buffer buffer in ScratchPlan.For(spec).Training)
                {
                    writer.Line($"{Span} {buffer.Name} = new {Span}(workspace.{Field(buffer.Name)}, 0, n * {buffer.SizeConstant});");
                }

                foreach (LayerSpec layer in spec.Layers)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    writer.Line();
                    EmitLayerForward(writer, spec, layer, ScratchPlan.KeepsPreActivation(spec, layer));
                }

                writer.Line();
                EmitOutputError(writer, spec);
                for (int i = spec.Layers.Count - 1; i >= 0; i--)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    writer.Line();
                    EmitLayerBackward(writer, spec, spec.Layers[i], i > 0 ? spec.Layers[i - 1] : null);
                }
            }

            writer.Line();
            writer.Line("return (float)(loss / count);");
        }
    }

    private static void EmitLayerForward(CodeWriter writer, NetworkSpec spec, LayerSpec layer, bool keepsZ)
    {
        int l = layer.Index;
        string a = ScratchPlan.A(l);
        string sums = keepsZ ? ScratchPlan.Z(l) : a;
        string input = l == 1 ? "x" : ScratchPlan.A(l - 1);
        writer.Comment($"{LayerCode.Describe(layer)}: Z[{l}] = {(l == 1 ? "X" : $"A[{l - 1}]")}·W[{l}]ᵀ + b[{l}], then A[{l}] = {ActivationFormulas.Equation(layer.Activation, $"Z[{l}]")} row by row");
        writer.Line($"{Dense}.ForwardBatch({LayerCode.WeightsSlice(layer, "p")}, {LayerCode.BiasesSlice(layer, "p")}, {input}, {sums}, n);");
        foreach (string statement in ActivationFormulas.ApplyToLayer(layer.Activation, sums, a, spec.LeakySlope, LayerCode.SizeConstant(layer)))
        {
            writer.Line(statement);
        }
    }

    /// <summary>BP1 row by row (the loss needs each sample's own target), then g' over the whole block where it applies.</summary>
    private static void EmitOutputError(CodeWriter writer, NetworkSpec spec)
    {
        int l = spec.OutputLayer.Index;
        string Row(string buffer) => $"{buffer}.Slice(s * OutputSize, OutputSize)";
        var bp1 = OutputErrorEmitter.For(spec);
        writer.Comment($"BP1, {bp1.Equation}; per sample, scaled by 1/N.");
        using (writer.Open("for (int s = 0; s < n; s++)"))
        {
            writer.Line($"loss += {bp1.Call(Row(ScratchPlan.Z(l)), Row(ScratchPlan.A(l)), Row("y"), Row(ScratchPlan.Delta(l)), "scale")};");
        }

        if (bp1.Derivative is not null)
        {
            writer.Line(bp1.Derivative);
        }
    }

    private static void EmitLayerBackward(CodeWriter writer, NetworkSpec spec, LayerSpec layer, LayerSpec? below)
    {
        int l = layer.Index;
        string delta = ScratchPlan.Delta(l);
        string input = l == 1 ? "x" : ScratchPlan.A(l - 1);
        writer.Comment($"{LayerCode.Describe(layer)}: BP3 ∂J/∂b[{l}] = Σ_s δ[{l}]_s, BP4 ∂J/∂W[{l}] = δ[{l}]ᵀ·{(l == 1 ? "X" : $"A[{l - 1}]")}");
        writer.Line($"{Dense}.AccumulateGradient({delta}, {input}, {LayerCode.WeightsSlice(layer, "gradient")}, {LayerCode.BiasesSlice(layer, "gradient")}, n);");
        if (below is null)
        {
            return;
        }

        int h = below.Index;
        writer.Comment($"BP2: δ[{h}] = δ[{l}]·W[{l}] ⊙ g'(z[{h}]), with {ActivationFormulas.DerivativeEquation(below.Activation, h, spec.LeakySlope)}.");
        writer.Line($"{Dense}.BackpropagateError({LayerCode.WeightsSlice(layer, "p")}, {delta}, {ScratchPlan.Delta(h)}, n);");
        string? derivative = ActivationFormulas.MultiplyDerivative(below.Activation, ScratchPlan.Delta(h), ScratchPlan.A(h), ScratchPlan.Z(h), spec.LeakySlope);
        if (derivative is not null)
        {
            writer.Line(derivative);
        }
    }
}
