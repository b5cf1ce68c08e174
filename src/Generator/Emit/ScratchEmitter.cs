using System.Collections.Generic;
using StaticNet.Generator.Planning;

namespace StaticNet.Generator.Emit;

/// <summary>Declares a method's scratch as the plan lays it out: one stack (or per-thread) block, sliced per buffer.</summary>
internal static class ScratchEmitter
{
    /// <summary>The parameter list of a helper that takes the input and the given buffers: <c>ReadOnlySpan&lt;float&gt; input, Span&lt;float&gt; a1, …</c>.</summary>
    public static List<string> SpanParameters(IEnumerable<ScratchPlan.Buffer> buffers)
    {
        var parameters = new List<string> { "global::System.ReadOnlySpan<float> input" };
        foreach (ScratchPlan.Buffer buffer in buffers)
        {
            parameters.Add("global::System.Span<float> " + Names.Of(buffer));
        }

        return parameters;
    }

    public static void Emit(CodeWriter writer, ScratchPlan plan, IReadOnlyList<ScratchPlan.Buffer> buffers, string lengthConstant)
    {
        if (buffers.Count == 0)
        {
            return;
        }

        string source = plan.UsesThreadScratch
            ? $"new {PublicApi.Span}(t_scratch ??= new float[TrainingScratchLength], 0, {lengthConstant})"
            : $"stackalloc float[{lengthConstant}]";
        writer.Line($"{PublicApi.Span} scratch = {source};");
        int offset = 0;
        foreach (ScratchPlan.Buffer buffer in buffers)
        {
            writer.Line($"{PublicApi.Span} {Names.Of(buffer)} = scratch.Slice({offset}, {Names.SizeConstant(buffer)});");
            offset += buffer.Length;
        }
    }

    /// <summary>The training scratch and the forward pass that fills it, shared by every method that backpropagates one sample.</summary>
    internal static void EmitScratchAndForward(CodeWriter writer, NetworkPlan plan)
    {
        Emit(writer, plan.Scratch, plan.Scratch.Training, "TrainingScratchLength");
        var forwardArguments = new List<string> { "input" };
        foreach (ScratchPlan.Buffer buffer in plan.Scratch.Activations)
        {
            forwardArguments.Add(Names.Of(buffer));
        }

        if (plan.Spec.HasDropout)
        {
            writer.Comment("One dropout round per call: this sample's masks, fresh on every call (DropoutMasks).");
            writer.Line($"long {DropoutEmitter.Round} = NextDropoutRound();");
            forwardArguments.Add(DropoutEmitter.Round);
        }

        writer.Line($"ForwardLayers({string.Join(", ", forwardArguments)});");
    }

    /// <summary>The input and the buffers a backward helper reads (a[l], δ[l], z[l] where kept), then <paramref name="rest"/>.</summary>
    internal static List<string> BackwardLayersArguments(NetworkPlan plan, params string[] rest)
    {
        var arguments = new List<string> { "input" };
        foreach (ScratchPlan.Buffer buffer in plan.Scratch.BackwardLayers)
        {
            arguments.Add(Names.Of(buffer));
        }

        arguments.AddRange(rest);
        return arguments;
    }
}
