namespace StaticNet.Generator.Emit;

/// <summary>Phrases the generated XML docs share.</summary>
internal static class DocText
{
    /// <summary>"exactly 4 values", "1 value": the length a span parameter must have.</summary>
    public static string Values(int count, bool exactly = true) =>
        (exactly ? "exactly " : string.Empty) + count + (count == 1 ? " value" : " values");
}
