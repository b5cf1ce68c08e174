using System;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.Loader;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Emit;
using Xunit;

namespace StaticNet.Generator.Tests;

/// <summary>
/// The scalar form written for a compilation without System.Runtime.Intrinsics computes what the vector form
/// computes, within float rounding: both are compiled, loaded and run through the same training steps, forward pass
/// and gradient on this machine.
/// </summary>
public sealed class ScalarFormEquivalenceTests
{
    private const string Probe = """
        public static class Probe
        {
            // Twenty fused SGD steps on one sample, then the outputs, the loss and the gradient: one array to compare.
            public static float[] Run()
            {
                var network = new NETWORK(seed: 7);
                var x = new float[NETWORK.InputSize];
                for (int i = 0; i < x.Length; i++) { x[i] = 0.37f * i - 0.5f; }
                var target = new float[NETWORK.OutputSize];
                target[0] = 1f;
                for (int step = 0; step < 20; step++) { network.TrainStep(x, target, 0.05f); }
                var y = new float[NETWORK.OutputSize];
                network.Forward(x, y);
                var gradient = new float[NETWORK.ParameterCount];
                float loss = network.Backward(x, target, gradient);
                var all = new float[y.Length + 1 + gradient.Length];
                y.CopyTo(all, 0);
                all[y.Length] = loss;
                gradient.CopyTo(all, y.Length + 1);
                return all;
            }
        }
        """;

    [Theory]
    [InlineData(nameof(Sources.Defaults), "Demo.DefaultNet")]
    [InlineData(nameof(Sources.PerLayerActivations), "Demo.MixedNet")]
    [InlineData(nameof(Sources.ClassInGlobalNamespace), "XorNet")]
    [InlineData(nameof(Sources.Dropout), "Demo.DropoutNet")]
    public void ScalarForm_TrainsAndPredictsAsTheVectorForm(string source, string network)
    {
        string declaration = CompilationCapabilitiesTests.SourceNamed(source);
        string vector = GeneratorHarness.Run(CompilationCapabilitiesTests.CSharp9, declaration).Source(network + ".g.cs");
        string scalar = CompilationCapabilitiesTests.GenerateIntoNetstandard21(declaration).Source(network + ".g.cs");
        Assert.NotEqual(vector, scalar);

        float[] expected = RunProbe(declaration, vector, network);
        float[] actual = RunProbe(declaration, scalar, network);

        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.True(
                Math.Abs(expected[i] - actual[i]) <= 1e-6f + (1e-5f * Math.Abs(expected[i])),
                $"value {i}: vector form {expected[i]:R}, scalar form {actual[i]:R}");
        }
    }

    /// <summary>
    /// A deterministic network's scalar form (what the netstandard2.1 build compiles) computes the bits of its vector
    /// form: the same training steps, outputs, loss and gradient, compared bit for bit.
    /// </summary>
    [Theory]
    [InlineData("[Network(4, 5, 3, Deterministic = true)]", "Demo.LockstepNet")]
    [InlineData("[Network(6, 12, 9, 4, Hidden = Activation.GELU, Output = Activation.Softmax, Loss = Loss.CrossEntropy, Deterministic = true)]", "Demo.LockstepNet")]
    [InlineData("[Network(8, 12, 3, Hidden = Activation.Tanh, Output = Activation.Identity, Loss = Loss.Huber, Deterministic = true)]", "Demo.LockstepNet")]
    public void DeterministicScalarForm_GivesTheBitsOfTheVectorForm(string attribute, string network)
    {
        string declaration = "using StaticNet;\n\nnamespace Demo\n{\n    " + attribute + "\n    public partial class LockstepNet { }\n}\n";
        string vector = GeneratorHarness.Run(CompilationCapabilitiesTests.CSharp9, declaration).Source(network + ".g.cs");
        string scalar = CompilationCapabilitiesTests.GenerateIntoNetstandard21(declaration).Source(network + ".g.cs");
        Assert.NotEqual(vector, scalar);

        float[] expected = RunProbe(declaration, vector, network);
        float[] actual = RunProbe(declaration, scalar, network);

        Assert.Equal(expected.Select(BitConverter.SingleToInt32Bits), actual.Select(BitConverter.SingleToInt32Bits));
    }

    /// <summary>Compiles the declaration, the generated file and the probe, loads the assembly in a context of its own and runs the probe.</summary>
    private static float[] RunProbe(string declaration, string generated, string network)
    {
        CSharpCompilation compilation = GeneratorHarness.CreateCompilation()
            .AddSyntaxTrees(
                CSharpSyntaxTree.ParseText(declaration, CompilationCapabilitiesTests.CSharp9, "/src/Test0.cs"),
                CSharpSyntaxTree.ParseText(generated, CompilationCapabilitiesTests.CSharp9, "/generated/Network.g.cs"),
                CSharpSyntaxTree.ParseText(Probe.Replace("NETWORK", "global::" + network, StringComparison.Ordinal), CompilationCapabilitiesTests.CSharp9, "/src/Probe.cs"));
        using var image = new MemoryStream();
        EmitResult emitted = compilation.Emit(image);
        Assert.True(emitted.Success, GeneratorRun.Describe(emitted.Diagnostics.Where(diagnostic => diagnostic.Severity == DiagnosticSeverity.Error)));

        image.Position = 0;
        var context = new AssemblyLoadContext(network, isCollectible: true);
        try
        {
            Assembly assembly = context.LoadFromStream(image);
            return (float[])assembly.GetType("Probe", throwOnError: true)!.GetMethod("Run")!.Invoke(null, null)!;
        }
        finally
        {
            context.Unload();
        }
    }
}
