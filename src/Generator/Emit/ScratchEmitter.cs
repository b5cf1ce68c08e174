using System.Collections.Generic;
using StaticNet.Generator.Planning;

namespace StaticNet.Generator.Emit;

/// <summary>Declares a method's scratch as the plan lays it out: one stack (or per-thread) block, sliced per buffer.</summary>
internal static class ScratchEmitter
{
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
            writer.Line($"{PublicApi.Span} {buffer.Name} = scratch.Slice({offset}, {buffer.SizeConstant});");
            offset += buffer.Length;
        }
    }
}
