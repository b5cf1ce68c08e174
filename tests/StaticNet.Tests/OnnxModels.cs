using System.IO;
using StaticNet.OnnxFormat;

namespace StaticNet.Tests;

/// <summary>
/// Models the tests edit: a network saved through the public <c>Onnx.Save</c> and parsed back with the test project's
/// own copy of the ONNX messages, so the tests need nothing internal to StaticNet.Onnx.
/// </summary>
internal static class OnnxModels
{
    /// <summary>The model <c>Onnx.Save</c> writes for <paramref name="network"/>, as a message the test may change.</summary>
    public static ModelProto Export(INetwork network)
    {
        var exported = new MemoryStream();
        Onnx.Save(network, exported);
        return ModelProto.Parser.ParseFrom(exported.ToArray());
    }
}
