using System.Linq;
using Xunit;

namespace StaticNet.Generator.Tests;

/// <summary>
/// Targeted checks of single generated members. Snapshots catch any change; these say which values matter and why,
/// so a reviewed snapshot change cannot silently break the parameter layout.
/// </summary>
public sealed class GeneratedMemberTests
{
    private const string DefaultsHintName = "Demo.DefaultNet.g.cs";

    [Fact]
    public void Defaults_HintNameIsNamespaceDotTypeDotGCs()
    {
        GeneratorRun run = GeneratorHarness.Run(Sources.Defaults);

        Assert.Equal(new[] { DefaultsHintName }, run.HintNames);
    }

    // 4-5-3: W[1] is 5×4 at 0, b[1] at 20; W[2] is 3×5 at 25, b[2] at 40; (4+1)·5 + (5+1)·3 = 43 parameters.
    [Theory]
    [InlineData("InputSize", "public const int InputSize = 4;")]
    [InlineData("OutputSize", "public const int OutputSize = 3;")]
    [InlineData("ParameterCount", "public const int ParameterCount = 43;")]
    [InlineData("LayerCount", "public const int LayerCount = 2;")]
    [InlineData("Layer1Size", "public const int Layer1Size = 5;")]
    [InlineData("Layer1WeightsOffset", "public const int Layer1WeightsOffset = 0;")]
    [InlineData("Layer1WeightsLength", "public const int Layer1WeightsLength = 20;")]
    [InlineData("Layer1BiasesOffset", "public const int Layer1BiasesOffset = 20;")]
    [InlineData("Layer2Size", "public const int Layer2Size = 3;")]
    [InlineData("Layer2WeightsOffset", "public const int Layer2WeightsOffset = 25;")]
    [InlineData("Layer2WeightsLength", "public const int Layer2WeightsLength = 15;")]
    [InlineData("Layer2BiasesOffset", "public const int Layer2BiasesOffset = 40;")]
    [InlineData("LayerSizes", "public static global::System.ReadOnlySpan<int> LayerSizes => new int[] { 4, 5, 3 };")]
    public void Defaults_ConstantsDescribeTheParameterLayout(string member, string expected)
    {
        string source = GeneratorHarness.Run(Sources.Defaults).Source(DefaultsHintName);

        Assert.Equal(expected, GeneratedMembers.Find(source, member));
    }

    [Fact]
    public void Defaults_BothConstructorsAreGeneratedAndTheParameterlessOneUsesSeedZero()
    {
        string source = GeneratorHarness.Run(Sources.Defaults).Source(DefaultsHintName);

        // The buffer is seeded from 0 in its field initializer, so the parameterless constructor has nothing to do.
        Assert.Equal(
            "public DefaultNet()\n{\n}\npublic DefaultNet(int seed)\n{\n    Initialize(seed);\n}",
            GeneratedMembers.Find(source, "DefaultNet"));
        Assert.Contains("private readonly float[] _parameters = CreateParameters(seed: 0);", source);
    }

    [Fact]
    public void Defaults_SmallLayersAreUnrolledByColumnsInRegistersWithConstantOffsets()
    {
        string source = GeneratorHarness.Run(Sources.Defaults).Source(DefaultsHintName);
        string forward = GeneratedMembers.Find(source, "Forward");
        string training = GeneratedMembers.Find(source, "ForwardLayers");
        const string Columns = "global::StaticNet.CompilerServices.VectorArithmetic.";

        foreach (string method in new[] { forward, training })
        {
            Assert.DoesNotContain("for (", method);
            Assert.DoesNotContain("DenseKernels", method);
            Assert.DoesNotContain("ActivationKernels", method);

            // W[2] (3 × 5) by columns: b[2] is the column at 40, column k at 25 + 3k; σ runs on the sums' vector.
            Assert.Contains($"global::System.Runtime.Intrinsics.Vector128<float> z2From0 = {Columns}Load128(ref weights, 40);", method);
            Assert.Contains("global::System.Runtime.Intrinsics.Vector128<float> a2From0 = global::StaticNet.CompilerServices.VectorActivations.Sigmoid(z2From0);", method);
        }

        // Forward keeps a[1] in locals, so it needs no scratch at all; training stores a[l] for backpropagation.
        Assert.DoesNotContain("stackalloc", forward);
        Assert.Contains($"z2From0 = {Columns}MultiplyAdd({Columns}Load128(ref weights, 37), global::System.Runtime.Intrinsics.Vector128.Create(a1_4), z2From0);", forward);
        Assert.Contains("a1_4 = a1From0[4];", forward);
        Assert.Contains("output[2] = a2From0[2];", forward);
        Assert.Contains($"z2From0 = {Columns}MultiplyAdd({Columns}Load128(ref weights, 37), global::System.Runtime.Intrinsics.Vector128.Create(a1[4]), z2From0);", training);
        Assert.Contains("a2[2] = a2From0[2];", training);

        // The scalar form reads the same columns: unit 0 of layer 2 is p[25 + 3k] · a[1]_k + b[2][0], a balanced tree.
        Assert.Contains("output[0] = global::StaticNet.CompilerServices.NetworkMath.Sigmoid(p[25] * a1_0 + p[28] * a1_1 + p[31] * a1_2 + (p[34] * a1_3 + p[37] * a1_4 + p[40]));", forward);
        Assert.Contains("a2[0] = global::StaticNet.CompilerServices.NetworkMath.Sigmoid(p[25] * a1[0] + p[28] * a1[1] + p[31] * a1[2] + (p[34] * a1[3] + p[37] * a1[4] + p[40]));", training);
    }

    [Fact]
    public void Defaults_TrainStepKeepsActivationsAndErrorsInLocals()
    {
        string source = GeneratorHarness.Run(Sources.Defaults).Source(DefaultsHintName);
        string step = GeneratedMembers.Find(source, "TrainStep");
        const string Columns = "global::StaticNet.CompilerServices.VectorArithmetic.";

        // No scratch between the passes: a step's loads of W wait for the previous step's stores, so every stack round
        // trip lengthens the one chain the step is.
        Assert.DoesNotContain("stackalloc", step);
        Assert.DoesNotContain("DescendLayers", source);
        Assert.Contains($"z2From0 = {Columns}MultiplyAdd({Columns}Load128(ref weights, 37), global::System.Runtime.Intrinsics.Vector128.Create(a1_4), z2From0);", step);
        Assert.Contains("float error2_2 = a2_2 - target[2], delta2_2 = error2_2 * a2_2 * (1f - a2_2);", step);
        Assert.Contains("float delta1_4 = (p[37] * delta2_0 + p[38] * delta2_1 + p[39] * delta2_2) * a1_4 * (1f - a1_4);", step);

        // BP2 of layer 1 reads W[2] before the step of layer 2 moves it.
        Assert.True(step.IndexOf("float delta1_0 =", System.StringComparison.Ordinal) < step.IndexOf("ref float origin", System.StringComparison.Ordinal));
    }

    [Fact]
    public void ColumnLayers_UseOnlyVectorWidthsTheHardwareAccelerates()
    {
        string forward = GeneratedMembers.Find(GeneratorHarness.Run(Sources.Defaults).Source(DefaultsHintName), "Forward");
        const string Intrinsics = "global::System.Runtime.Intrinsics.";
        const string Columns = "global::StaticNet.CompilerServices.VectorArithmetic.";

        // Five units: one Vector256 where AVX makes it hardware, else two Vector128 (units 0-3 and 4), else scalar.
        // A default NativeAOT build for x64 has no AVX, and an emulated Vector256 is 30 times slower than scalar code.
        string fiveUnits = forward.Substring(0, forward.IndexOf("// Layer 2", System.StringComparison.Ordinal));
        Assert.Equal(
            new[] { $"if ({Intrinsics}Vector256.IsHardwareAccelerated)", $"else if ({Intrinsics}Vector128.IsHardwareAccelerated)", "else" },
            Lines(fiveUnits).Where(line => line.StartsWith("if (", System.StringComparison.Ordinal) || line.StartsWith("else", System.StringComparison.Ordinal)));
        Assert.Contains($"{Intrinsics}Vector256<float> z1From0 = {Columns}Load256(ref weights, 20);", fiveUnits);
        Assert.Contains($"{Intrinsics}Vector128<float> z1From4 = {Columns}Load128(ref weights, 24);", fiveUnits);
        Assert.Contains($"{Intrinsics}Vector128<float> a1From4 = global::StaticNet.CompilerServices.VectorActivations.Sigmoid(z1From4);", fiveUnits);
        Assert.Contains("a1_4 = global::StaticNet.CompilerServices.NetworkMath.Sigmoid(p[4] * input[0] + p[9] * input[1] + p[14] * input[2] + (p[19] * input[3] + p[24]));", fiveUnits);

        // Three units never need more than one Vector128.
        string threeUnits = forward.Substring(fiveUnits.Length);
        Assert.DoesNotContain("Vector256", threeUnits);
        Assert.Contains($"if ({Intrinsics}Vector128.IsHardwareAccelerated)", threeUnits);
    }

    [Fact]
    public void ColumnGradients_LoadTheNextColumnBeforeStoring_AndNeverWritePastTheGradient()
    {
        string backward = GeneratedMembers.Find(GeneratorHarness.Run(Sources.Defaults).Source(DefaultsHintName), "BackwardLayers");
        const string Columns = "global::StaticNet.CompilerServices.VectorArithmetic.";
        int test = backward.IndexOf("if (global::System.Runtime.Intrinsics.Vector128.IsHardwareAccelerated)", System.StringComparison.Ordinal);
        int fallback = backward.IndexOf("gradient[25] += delta2_0 * a1_0;", System.StringComparison.Ordinal);
        Assert.True(test >= 0 && fallback > test, "the scalar rows follow the vector ones as the else branch");

        // Column 1 of W[2] is loaded before column 0 is stored: column 0's fourth lane is column 1's first.
        int loadNext = backward.IndexOf($"column1 = {Columns}Load128(ref origin, 28);", System.StringComparison.Ordinal);
        int storeFirst = backward.IndexOf($"{Columns}Store(ref origin, 25, ", System.StringComparison.Ordinal);
        Assert.True(loadNext >= 0 && storeFirst > loadNext);

        // b[2] ends the caller's gradient (43 floats): three floats, not a Vector128 reaching gradient[43].
        Assert.Contains("float column5_0 = gradient[40], column5_1 = gradient[41], column5_2 = gradient[42];", backward);
        Assert.Contains("gradient[42] = column5_2 + delta2_2;", backward);
        Assert.DoesNotContain("ref origin, 40", backward);

        // b[1] (five floats at 20) is followed by W[2]: one Vector128 and a float, never a Vector256 into W[2].
        Assert.Contains($"{Columns}Store(ref origin, 20, column4 + global::System.Runtime.Intrinsics.Vector256.GetLower(delta1From0));", backward);
        Assert.Contains("gradient[24] = column4_4 + delta1_4;", backward);
        Assert.DoesNotContain($"{Columns}Load256(ref origin, 20)", backward);
    }

    private static System.Collections.Generic.IEnumerable<string> Lines(string text) =>
        text.Split('\n').Select(line => line.Trim());

    [Theory]
    [InlineData("[Network(1, 8, 100, Hidden = Activation.Tanh)]", "a1", false)] // the next layer is a kernel, which reads a span
    [InlineData("[Network(2, 9, 1, Hidden = Activation.Tanh)]", "a1", false)] // nine units do not fit one Vector256
    [InlineData("[Network(2, 8, 1, Hidden = Activation.Tanh)]", "a1", true)]
    [InlineData("[Network(2, 3, Output = Activation.Softmax, Loss = Loss.CrossEntropy)]", "a1", false)] // softmax is not element-wise
    [InlineData("[Network(2, 3, 2, Hidden = Activation.ReLU)]", "a1", true)]
    public void RegisterLayers_OnlyWhereEveryReaderTakesElements(string attribute, string activation, bool inRegisters)
    {
        string source = GeneratorHarness.Run("using StaticNet;\n" + attribute + "\npublic partial class Net { }").Source("Net.g.cs");
        string forward = GeneratedMembers.Find(source, "Forward");

        Assert.Equal(inRegisters, forward.Contains($"float {activation}_0"));
        Assert.Equal(!inRegisters, forward.Contains($"scratch.Slice(0, Layer1Size)") || forward.Contains("output[0] = p[") || forward.Contains("SoftmaxInPlace"));
    }

    [Fact]
    public void ReLULayers_InRegistersForInference_ButKeepZForTraining()
    {
        string source = GeneratorHarness.Run("using StaticNet;\n[Network(2, 3, 2, Hidden = Activation.ReLU, Output = Activation.LeakyReLU, LeakySlope = 0.25f)]\npublic partial class Net { }").Source("Net.g.cs");

        // ReLU' is read from z[1], so ForwardLayers stores z[1]; Forward has no use for it. Both layers keep W by
        // columns: W[1] column k at 3k, b[1] at 6; W[2] column k at 9 + 2k, b[2] at 15.
        string forward = GeneratedMembers.Find(source, "Forward");
        Assert.Contains("float a1_0, a1_1, a1_2;", forward);
        Assert.Contains("a1_0 = global::StaticNet.CompilerServices.NetworkMath.ReLU(p[0] * input[0] + p[3] * input[1] + p[6]);", forward);
        Assert.Contains("output[1] = global::StaticNet.CompilerServices.NetworkMath.LeakyReLU(p[10] * a1_0 + p[12] * a1_1 + (p[14] * a1_2 + p[16]), 0.25f);", forward);
        string training = GeneratedMembers.Find(source, "ForwardLayers");
        Assert.Contains("z1[0] = p[0] * input[0] + p[3] * input[1] + p[6];", training);
        Assert.Contains("z1[2] = z1From0[2];", training);
    }

    [Fact]
    public void DeepNetwork_LayersOverSixtyFourWeightsUseTheSimdKernels()
    {
        string forward = GeneratedMembers.Find(GeneratorHarness.Run(Sources.DeepReLUSoftmax).Source("Demo.MnistNet.g.cs"), "ForwardLayers");

        // 784 → 128 and 128 → 64: whole Vector512s of units, so W is stored by columns and summed by the column kernel;
        // the 10-unit output layer keeps PyTorch's rows and the row kernel.
        Assert.Contains(
            "global::StaticNet.CompilerServices.DenseKernels.ForwardByColumns(p.Slice(Layer1WeightsOffset, Layer1WeightsLength), p.Slice(Layer1BiasesOffset, Layer1Size), input, z1);",
            forward);
        Assert.Contains(
            "global::StaticNet.CompilerServices.DenseKernels.Forward(p.Slice(Layer3WeightsOffset, Layer3WeightsLength), p.Slice(Layer3BiasesOffset, Layer3Size), a2, z3);",
            forward);
        Assert.Contains("global::StaticNet.CompilerServices.ActivationKernels.ReLU(z1, a1);", forward);
        Assert.Contains("global::StaticNet.CompilerServices.NetworkMath.SoftmaxInPlace(a3);", forward);
    }

    [Fact]
    public void DeepNetwork_ParameterCountSumsEveryLayer()
    {
        string source = GeneratorHarness.Run(Sources.DeepReLUSoftmax).Source("Demo.MnistNet.g.cs");

        // (784+1)·128 + (128+1)·64 + (64+1)·10 = 100,480 + 8,256 + 650.
        Assert.Equal("public const int ParameterCount = 109386;", GeneratedMembers.Find(source, "ParameterCount"));
        Assert.Equal("public const int Layer3WeightsOffset = 108736;", GeneratedMembers.Find(source, "Layer3WeightsOffset"));
    }

    [Fact]
    public void CrossEntropyBackward_ComputesTheLossFromLogits()
    {
        string backward = GeneratedMembers.Find(GeneratorHarness.Run(Sources.DeepReLUSoftmax).Source("Demo.MnistNet.g.cs"), "Backward");

        // The fused helper takes the logits z3 (for a finite loss) and the softmax a3 (for δ = ŷ·Σy − y).
        Assert.Contains("float loss = global::StaticNet.CompilerServices.OutputError.SoftmaxCrossEntropy(z3, a3, target, delta3, 1f);", backward);
    }

    [Fact]
    public void CustomLeakySlope_IsEmittedAsAnInvariantFloatLiteral()
    {
        string source = GeneratorHarness.Run(Sources.PerLayerActivations).Source("Demo.MixedNet.g.cs");

        Assert.Contains("global::StaticNet.CompilerServices.ActivationKernels.LeakyReLU(z2, a2, 0.2f);", GeneratedMembers.Find(source, "ForwardLayers"));
        Assert.Contains("global::StaticNet.CompilerServices.ParameterInitializer.HeBound(4, 0.2f)", GeneratedMembers.Find(source, "InitializeParameters"));
    }

    [Fact]
    public void UserDeclaredSeedConstructor_IsNotGeneratedAgain()
    {
        // A second (int seed) constructor would be error CS0111; the user's one wins.
        GeneratorRun run = GeneratorHarness.Run("""
            using StaticNet;

            namespace Demo;

            [Network(2, 1)]
            public partial class SeededNet
            {
                public SeededNet(int seed)
                {
                    Initialize(seed + 1);
                }
            }
            """);

        Assert.Empty(run.CompilationErrors);
        Assert.Equal("public SeededNet()\n{\n}", GeneratedMembers.Find(run.Source("Demo.SeededNet.g.cs"), "SeededNet"));
    }

    [Fact]
    public void UserDeclaredParameterlessConstructor_IsNotGeneratedAgain()
    {
        GeneratorRun run = GeneratorHarness.Run("""
            using StaticNet;

            namespace Demo;

            [Network(2, 1)]
            public partial class DefaultSeededNet
            {
                public DefaultSeededNet() : this(42)
                {
                }
            }
            """);

        Assert.Empty(run.CompilationErrors);
        Assert.Equal(
            "public DefaultSeededNet(int seed)\n{\n    Initialize(seed);\n}",
            GeneratedMembers.Find(run.Source("Demo.DefaultSeededNet.g.cs"), "DefaultSeededNet"));
    }

    [Fact]
    public void UserDeclaredToStringAndSummary_AreNotGeneratedAgain()
    {
        // The generated ToString and Summary would be error CS0111 beside the user's; the user's win.
        GeneratorRun run = GeneratorHarness.Run("""
            using StaticNet;

            namespace Demo;

            [Network(2, 1)]
            public partial class NamedNet
            {
                public override string ToString() => "mine";

                public string Summary() => "also mine";
            }

            [Network(2, 1)]
            public partial class PlainNet
            {
            }
            """);

        Assert.Empty(run.CompilationErrors);
        Assert.DoesNotContain("ToString()", run.Source("Demo.NamedNet.g.cs"));
        Assert.DoesNotContain("Summary()", run.Source("Demo.NamedNet.g.cs"));
        Assert.Contains("public override string ToString()", run.Source("Demo.PlainNet.g.cs"));
        Assert.Contains("public string Summary()", run.Source("Demo.PlainNet.g.cs"));
    }
}
