using StaticNet.Generator.Model;

namespace StaticNet.Generator.Emit;

/// <summary>Phrases the generated XML docs share.</summary>
internal static class DocText
{
    /// <summary>"exactly 4 values", "1 value": the length a span parameter must have.</summary>
    public static string Values(int count, bool exactly = true) =>
        (exactly ? "exactly " : string.Empty) + count + (count == 1 ? " value" : " values");

    /// <summary>The parameter and exception docs of a one-sample pass (Forward, Predict).</summary>
    public static void EmitSampleDocs(CodeWriter writer, NetworkSpec spec)
    {
        writer.Doc($"<param name=\"input\">x, {Values(spec.InputSize)}.</param>");
        writer.Doc($"<param name=\"output\">Receives ŷ, {Values(spec.OutputSize)}.</param>");
        writer.Doc("<exception cref=\"global::System.ArgumentException\">A span has the wrong length.</exception>");
    }
}
