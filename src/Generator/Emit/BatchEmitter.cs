using System.Threading;
using StaticNet.Generator.Model;
using StaticNet.Generator.Planning;

namespace StaticNet.Generator.Emit;

/// <summary>
/// Writes the mini-batch API: <c>ForwardBatch</c> and <c>BackwardBatch</c> over row-major [N × size] spans, and the
/// <c>BatchWorkspace</c> they reuse. This file holds the methods and their block loop; each layer's code in a block,
/// one blocked matrix-matrix product per layer and pass (Z = X·Wᵀ + b, ∂W += δᵀ·A, δ[l−1] = δ[l]·W) on the weights as
/// stored, comes from <see cref="ForwardLayerEmitter"/>, <see cref="OutputErrorEmitter"/> and <see cref="LayerGradientEmitter"/>,
/// which the one-sample methods use too.
/// </summary>
internal static class BatchEmitter
{
    /// <summary>
    /// Samples per block: enough rows to keep the kernels' register tiles full, few enough that a block's activations
    /// (64 × a few hundred floats) stay in L2 between the forward and the backward pass.
    /// </summary>
    public const int BlockSize = 64;

    private const string Span = PublicApi.Span;
    private const string ReadOnlySpan = PublicApi.ReadOnlySpan;

    public static void Emit(CodeWriter writer, NetworkPlan plan, CancellationToken cancellationToken)
    {
        EmitWorkspace(writer, plan);
        EmitForwardBatch(writer, plan, cancellationToken);
        EmitBackwardBatch(writer, plan, cancellationToken);
    }

    /// <summary>The BatchBlockSize constant, part of the API that the shell of an invalid network declares too.</summary>
    public static void EmitBlockSize(CodeWriter writer)
    {
        writer.Line();
        writer.Summary("How many samples the batch methods process at a time; a longer batch runs block by block.");
        writer.Line($"public const int BatchBlockSize = {BlockSize};");
    }

    private static string Field(string buffer) => char.ToUpperInvariant(buffer[0]) + buffer.Substring(1);

    private static void EmitWorkspace(CodeWriter writer, NetworkPlan plan)
    {
        EmitBlockSize(writer);
        writer.Line();
        writer.Comment("Created on the first batch call and reused by every later one; null while a call has taken it.");
        writer.Line("private BatchWorkspace? _batchWorkspace;");
        writer.Line();
        writer.Comment("Taken, not shared: a call on another thread meanwhile finds null and works in a workspace of its own, so the");
        writer.Comment("overloads without a workspace are safe from any number of threads and allocate only when two calls overlap.");
        writer.Line("private BatchWorkspace TakeWorkspace() => global::System.Threading.Interlocked.Exchange(ref _batchWorkspace, null) ?? new BatchWorkspace();");
        writer.Line();
        writer.Summary("Scratch of the batch methods: one block of a[l], z[l] and δ[l]. The overloads without a workspace keep one per network and take it for the length of a call (a concurrent call makes its own); pass one per thread to avoid even that.");
        using (writer.Open(PublicApi.BatchWorkspace))
        {
            foreach (ScratchPlan.Buffer buffer in plan.Scratch.Training)
            {
                writer.Line($"internal readonly float[] {Field(Names.Of(buffer))} = new float[BatchBlockSize * {Names.SizeConstant(buffer)}];");
            }
        }
    }

    private static void EmitForwardBatch(CodeWriter writer, NetworkPlan plan, CancellationToken cancellationToken)
    {
        NetworkSpec spec = plan.Spec;
        writer.Line();
        writer.Summary("Computes ŷ for every sample of a batch: inputs are row-major [N × InputSize], outputs [N × OutputSize]. Safe from many threads; allocates nothing after the first batch call unless calls overlap.");
        writer.Doc("<param name=\"inputs\">N samples, one row each.</param>");
        writer.Doc("<param name=\"outputs\">Receives N outputs, one row each.</param>");
        writer.Doc("<exception cref=\"global::System.ArgumentException\">A span is not a whole number of rows, or the two disagree on N.</exception>");
        using (writer.Open(PublicApi.ForwardBatch))
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
        using (writer.Open(PublicApi.ForwardBatchWithWorkspace))
        {
            writer.Line("global::System.ArgumentNullException.ThrowIfNull(workspace);");
            writer.Line($"int count = {RuntimeContract.RequireRows}(inputs, InputSize, nameof(inputs));");
            writer.Line($"{RuntimeContract.Require}(outputs, count * OutputSize, nameof(outputs));");
            writer.Line($"{ReadOnlySpan} p = Parameters;");
            using (writer.Open("for (int start = 0; start < count; start += BatchBlockSize)"))
            {
                writer.Line("int n = global::System.Math.Min(BatchBlockSize, count - start);");
                writer.Line($"{ReadOnlySpan} x = inputs.Slice(start * InputSize, n * InputSize);");
                foreach (LayerSpec layer in spec.Layers)
                {
                    string a = Names.A(layer.Index);
                    writer.Line(layer.Index == spec.Layers.Count
                        ? $"{Span} {a} = outputs.Slice(start * OutputSize, n * OutputSize);"
                        : $"{Span} {a} = new {Span}(workspace.{Field(a)}, 0, n * {LayerCode.SizeConstant(layer)});");
                }

                foreach (LayerPlan layer in plan.Layers)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    writer.Line();
                    ForwardLayerEmitter.EmitBatchLayer(writer, plan, layer, keepsZ: false);
                }
            }
        }
    }

    private static void EmitBackwardBatch(CodeWriter writer, NetworkPlan plan, CancellationToken cancellationToken)
    {
        NetworkSpec spec = plan.Spec;
        writer.Line();
        writer.Summary($"Runs a batch forward and backward, adds the gradient of the batch's mean loss J = (1/N) Σ C_i into gradient (same layout as Parameters) and returns J ({spec.Loss}).");
        writer.Doc("<param name=\"inputs\">N samples, row-major [N × InputSize].</param>");
        writer.Doc("<param name=\"targets\">N targets, row-major [N × OutputSize].</param>");
        writer.Doc($"<param name=\"gradient\">Accumulates ∂J/∂θ; exactly {spec.ParameterCount} values.</param>");
        writer.Doc("<returns>The mean loss J of the batch.</returns>");
        writer.Doc("<exception cref=\"global::System.ArgumentException\">A span has the wrong length.</exception>");
        using (writer.Open(PublicApi.BackwardBatch))
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
        if (spec.HasDropout)
        {
            writer.Line($"{PublicApi.BackwardBatchWithWorkspace} => BackwardBatch(inputs, targets, gradient, workspace, NextDropoutRound(), 0);");
            writer.Line();
            writer.Summary("BackwardBatch with the dropout masks of round dropoutRound for the samples firstSample, firstSample + 1, … of a batch (ParallelBackward's parts).");
            using (writer.Open(PrivateBackwardBatchWithRound))
            {
                EmitBackwardBatchBody(writer, plan, cancellationToken);
            }
        }
        else
        {
            using (writer.Open(PublicApi.BackwardBatchWithWorkspace))
            {
                EmitBackwardBatchBody(writer, plan, cancellationToken);
            }
        }

        EmitParallelBatchNetwork(writer, spec);
    }

    private const string PrivateBackwardBatchWithRound =
        "private float BackwardBatch(" + ReadOnlySpan + " inputs, " + ReadOnlySpan + " targets, " + Span + " gradient, BatchWorkspace workspace, long " + DropoutEmitter.Round + ", long firstSample)";

    /// <summary>The blocks of BackwardBatch: forward (with dropout's masks where the network has them), BP1, BP2–BP4.</summary>
    private static void EmitBackwardBatchBody(CodeWriter writer, NetworkPlan plan, CancellationToken cancellationToken)
    {
        writer.Line("global::System.ArgumentNullException.ThrowIfNull(workspace);");
        writer.Line($"int count = {RuntimeContract.RequireRows}(inputs, InputSize, nameof(inputs));");
        writer.Line($"{RuntimeContract.Require}(targets, count * OutputSize, nameof(targets));");
        writer.Line($"{RuntimeContract.Require}(gradient, ParameterCount, nameof(gradient));");
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
            foreach (ScratchPlan.Buffer buffer in plan.Scratch.Training)
            {
                writer.Line($"{Span} {Names.Of(buffer)} = new {Span}(workspace.{Field(Names.Of(buffer))}, 0, n * {Names.SizeConstant(buffer)});");
            }

            foreach (LayerPlan layer in plan.Layers)
            {
                cancellationToken.ThrowIfCancellationRequested();
                writer.Line();
                ForwardLayerEmitter.EmitBatchLayer(writer, plan, layer, layer.KeepsPreActivation);
                DropoutEmitter.EmitApply(writer, layer, "firstSample + start");
            }

            writer.Line();
            OutputErrorEmitter.EmitBatchOutputError(writer, plan);
            for (int i = plan.Layers.Count - 1; i >= 0; i--)
            {
                cancellationToken.ThrowIfCancellationRequested();
                writer.Line();
                LayerGradientEmitter.EmitBatchLayer(writer, plan, plan.Layers[i], i > 0 ? plan.Layers[i - 1] : null);
            }
        }

        writer.Line();
        writer.Line("return (float)(loss / count);");
    }

    /// <summary>
    /// IParallelBatchNetwork: the workspace overload behind an object-typed workspace, for ParallelBackward, and with
    /// dropout the overload that takes a part's round and first sample.
    /// </summary>
    private static void EmitParallelBatchNetwork(CodeWriter writer, NetworkSpec spec)
    {
        writer.Line();
        writer.Line($"{PublicApi.InterfaceCreateBatchWorkspace} => new BatchWorkspace();");
        writer.Line();
        writer.Line($"{PublicApi.InterfaceBackwardBatchWithWorkspace} =>");
        using (writer.Indent())
        {
            string message = Literals.String("The workspace must come from CreateBatchWorkspace of this network type.");
            writer.Line($"BackwardBatch(inputs, targets, gradient, workspace as BatchWorkspace ?? throw new global::System.ArgumentException({message}, nameof(workspace)));");
        }

        if (spec.HasDropout)
        {
            writer.Line();
            writer.Line($"{InterfaceBackwardBatchWithRound} =>");
            using (writer.Indent())
            {
                string message = Literals.String("The workspace must come from CreateBatchWorkspace of this network type.");
                writer.Line($"BackwardBatch(inputs, targets, gradient, workspace as BatchWorkspace ?? throw new global::System.ArgumentException({message}, nameof(workspace)), {DropoutEmitter.Round}, firstSample);");
            }
        }
    }

    private const string InterfaceBackwardBatchWithRound =
        "float " + RuntimeContract.IParallelBatchNetwork + ".BackwardBatch(" + ReadOnlySpan + " inputs, " + ReadOnlySpan + " targets, " + Span + " gradient, object workspace, long " + DropoutEmitter.Round + ", long firstSample)";
}
