using System.Linq;
using StaticNet.Generator.Model;
using StaticNet.Generator.Planning;
using Xunit;

namespace StaticNet.Generator.Tests;

// Inside the namespace, so that they win over the runtime's StaticNet.Activation and StaticNet.Loss.
using Activation = StaticNet.Generator.Model.Activation;
using Loss = StaticNet.Generator.Model.Loss;

/// <summary>
/// The planning stage on its own, as the Regex generator tests its tree analysis: every decision that shapes the
/// generated code (strategy per layer and pass, kept pre-activations, scratch layout, alignment, BP1 form) for specs
/// built directly, without parsing or emitting.
/// </summary>
public sealed class PlanTests
{
    [Fact]
    public void Tiny453Sigmoid_EveryLayerInRegisters_NoInferenceScratch_UnrolledMeanSquaredError()
    {
        NetworkPlan plan = Plan(new[] { 4, 5, 3 }, Activation.Sigmoid, Activation.Sigmoid, Loss.MeanSquaredError);

        Assert.Equal(new[] { LayerStrategy.Registers, LayerStrategy.Registers }, plan.Layers.Select(l => l.Inference));
        Assert.Equal(new[] { LayerStrategy.Registers, LayerStrategy.Registers }, plan.Layers.Select(l => l.Training));
        Assert.Equal(new[] { false, true }, plan.Layers.Select(l => l.ReadsInputFromRegisters));
        Assert.All(plan.Layers, l => Assert.False(l.KeepsPreActivation));
        Assert.False(plan.AlignsParameters);
        Assert.Empty(plan.Scratch.Inference);
        Assert.Equal(new[] { "a1", "a2" }, Names(plan.Scratch.Activations));
        Assert.Equal(new[] { "a1", "delta1", "delta2" }, Names(plan.Scratch.BackwardLayers));
        Assert.Equal(5 + 3 + 5 + 3, plan.Scratch.TrainingLength);
        Assert.Equal(new OutputErrorPlan(OutputErrorForm.MeanSquaredError, ReadsLogits: false, AppliesDerivativeAfter: true, UnrolledForOneSample: true), plan.OutputError);
    }

    [Fact]
    public void ReLUHiddenLayer_InRegistersForInference_ButStraightLineForTraining_BecauseItKeepsZ()
    {
        NetworkPlan plan = Plan(new[] { 4, 8, 3 }, Activation.ReLU, Activation.Softmax, Loss.CrossEntropy);

        LayerPlan hidden = plan.Layer(1), output = plan.Layer(2);
        Assert.Equal(LayerStrategy.Registers, hidden.Inference);
        Assert.Equal(LayerStrategy.StraightLine, hidden.Training);
        Assert.True(hidden.KeepsPreActivation);

        // Softmax couples its units, so it is never in registers; as the output it keeps its logits for the loss.
        Assert.Equal(LayerStrategy.StraightLine, output.Inference);
        Assert.True(output.KeepsPreActivation);
        Assert.True(output.ReadsInputFromRegisters);
        Assert.Equal(new[] { "z1", "a1", "z2", "a2" }, Names(plan.Scratch.Activations));
        Assert.Equal(new[] { "z1", "a1", "delta1", "delta2" }, Names(plan.Scratch.BackwardLayers));
        Assert.Equal(OutputErrorForm.SoftmaxCrossEntropy, plan.OutputError.Form);
        Assert.True(plan.OutputError.ReadsLogits);
        Assert.False(plan.OutputError.UnrolledForOneSample);
    }

    [Fact]
    public void Dropout_AddsAMaskPerHiddenLayer_AndKeepsABeforeDropoutCopyOnlyWhereGPrimeReadsA()
    {
        // Tanh reads g' from a: a[1] holds the dropped activations the next layer reads, so g' needs a copy before.
        NetworkPlan tanh = Plan(new[] { 4, 5, 5, 3 }, Activation.Tanh, Activation.Identity, Loss.MeanSquaredError, dropout: 0.2f);
        Assert.Equal(new[] { true, true, false }, tanh.Layers.Select(l => l.HasDropout));
        Assert.Equal(new[] { "a1", "mask1", "beforeDropout1", "a2", "mask2", "beforeDropout2", "a3" }, Names(tanh.Scratch.Activations));
        Assert.Equal(new[] { "a1", "mask1", "beforeDropout1", "a2", "mask2", "beforeDropout2", "delta1", "delta2", "delta3" }, Names(tanh.Scratch.BackwardLayers));

        // ReLU reads g' from z: the mask is all it adds. Strategies do not change.
        NetworkPlan relu = Plan(new[] { 4, 8, 3 }, Activation.ReLU, Activation.Softmax, Loss.CrossEntropy, dropout: 0.5f);
        NetworkPlan plain = Plan(new[] { 4, 8, 3 }, Activation.ReLU, Activation.Softmax, Loss.CrossEntropy);
        Assert.False(relu.Layer(1).KeepsActivationBeforeDropout);
        Assert.Equal(new[] { "z1", "a1", "mask1", "z2", "a2" }, Names(relu.Scratch.Activations));
        Assert.Equal(plain.Scratch.TrainingLength + 8, relu.Scratch.TrainingLength);
        Assert.Equal(plain.Layers.Select(l => (l.Inference, l.Training)), relu.Layers.Select(l => (l.Inference, l.Training)));
        Assert.Equal(Names(plain.Scratch.Inference), Names(relu.Scratch.Inference));
    }

    [Fact]
    public void Mnist784_KernelsEverywhere_AlignedParameters_StackScratch()
    {
        NetworkPlan plan = Plan(new[] { 784, 128, 10 }, Activation.ReLU, Activation.Softmax, Loss.CrossEntropy);

        Assert.All(plan.Layers, l => Assert.Equal(LayerStrategy.Kernel, l.Inference));
        Assert.All(plan.Layers, l => Assert.False(l.IsUnrolled));
        Assert.True(plan.AlignsParameters);
        Assert.Equal(new[] { "a1" }, Names(plan.Scratch.Inference));
        Assert.Equal(128, plan.Scratch.InferenceLength);
        Assert.False(plan.Scratch.UsesThreadScratch);
    }

    [Theory]
    [InlineData(8, 8, true)]    // 64 weights: the largest unrolled layer
    [InlineData(13, 5, false)]  // 65 weights: a kernel
    public void UnrollWeightLimit_IsInclusive(int inputs, int units, bool unrolled)
    {
        NetworkPlan plan = Plan(new[] { inputs, units }, Activation.Identity, Activation.Identity, Loss.MeanSquaredError);

        Assert.Equal(unrolled, plan.Layer(1).IsUnrolled);
        Assert.Equal(64, NetworkPlan.UnrollWeightLimit);
    }

    [Fact]
    public void NineUnits_AreUnrolledButNotInRegisters()
    {
        NetworkPlan plan = Plan(new[] { 2, 9, 1 }, Activation.Tanh, Activation.Sigmoid, Loss.MeanSquaredError);

        Assert.Equal(LayerStrategy.StraightLine, plan.Layer(1).Inference);
        Assert.Equal(new[] { "a1" }, Names(plan.Scratch.Inference));
        Assert.False(plan.Layer(2).ReadsInputFromRegisters);
    }

    [Fact]
    public void SmallLayerBeforeAKernelLayer_IsNotInRegisters_BecauseTheKernelReadsMemory()
    {
        NetworkPlan plan = Plan(new[] { 4, 8, 100 }, Activation.Tanh, Activation.Identity, Loss.MeanSquaredError);

        Assert.Equal(LayerStrategy.StraightLine, plan.Layer(1).Inference);
        Assert.Equal(LayerStrategy.Registers, plan.Layer(1).Training);
        Assert.Equal(LayerStrategy.Kernel, plan.Layer(2).Inference);
        Assert.True(plan.AlignsParameters);

        // Mean squared error on a kernel-sized output goes through the runtime helper, then g' (none for identity).
        Assert.False(plan.OutputError.UnrolledForOneSample);
    }

    [Fact]
    public void BinaryCrossEntropyOutput_KeepsItsLogits_SoTrainingLeavesRegisters()
    {
        NetworkPlan plan = Plan(new[] { 2, 3, 1 }, Activation.Sigmoid, Activation.Sigmoid, Loss.BinaryCrossEntropy);

        Assert.Equal(LayerStrategy.Registers, plan.Layer(2).Inference);
        Assert.Equal(LayerStrategy.StraightLine, plan.Layer(2).Training);
        Assert.True(plan.Layer(2).KeepsPreActivation);
        Assert.False(plan.Layer(1).KeepsPreActivation);
        Assert.Equal(new OutputErrorPlan(OutputErrorForm.SigmoidBinaryCrossEntropy, ReadsLogits: true, AppliesDerivativeAfter: false, UnrolledForOneSample: false), plan.OutputError);
    }

    [Fact]
    public void SoftmaxWithMeanSquaredError_UsesTheJacobianForm()
    {
        NetworkPlan plan = Plan(new[] { 3, 4, 2 }, Activation.Tanh, Activation.Softmax, Loss.MeanSquaredError);

        Assert.Equal(new OutputErrorPlan(OutputErrorForm.SoftmaxMeanSquaredError, ReadsLogits: false, AppliesDerivativeAfter: false, UnrolledForOneSample: false), plan.OutputError);
        Assert.True(plan.Layer(2).KeepsPreActivation);
    }

    [Fact]
    public void WideLayer_MovesTrainingScratchToAPerThreadArray()
    {
        NetworkPlan wide = Plan(new[] { 1, 9000, 1 }, Activation.Tanh, Activation.Identity, Loss.MeanSquaredError);
        NetworkPlan narrow = Plan(new[] { 1, 2000, 1 }, Activation.Tanh, Activation.Identity, Loss.MeanSquaredError);

        Assert.Equal(9000 + 1 + 9000 + 1, wide.Scratch.TrainingLength);
        Assert.True(wide.Scratch.UsesThreadScratch);
        Assert.True(narrow.Scratch.TrainingLength <= ScratchPlan.StackLimit);
        Assert.False(narrow.Scratch.UsesThreadScratch);
    }

    [Fact]
    public void LeakyReLUHiddenLayers_KeepZ_AndBackwardLayersTakeThemInOrder()
    {
        NetworkPlan plan = Plan(new[] { 3, 4, 4, 2 }, Activation.LeakyReLU, Activation.Identity, Loss.MeanSquaredError);

        Assert.Equal(new[] { true, true, false }, plan.Layers.Select(l => l.KeepsPreActivation));
        Assert.Equal(new[] { "z1", "a1", "z2", "a2", "delta1", "delta2", "delta3" }, Names(plan.Scratch.BackwardLayers));
        Assert.Equal(new[] { "z1", "a1", "z2", "a2", "a3", "delta1", "delta2", "delta3" }, Names(plan.Scratch.Training));
    }

    [Theory]
    [InlineData(new[] { 4, 5, 3 }, nameof(Activation.Sigmoid), nameof(Activation.Sigmoid), nameof(Loss.MeanSquaredError), 0f, true)]
    [InlineData(new[] { 2, 8, 8, 1 }, nameof(Activation.Tanh), nameof(Activation.Identity), nameof(Loss.MeanSquaredError), 0f, true)]
    [InlineData(new[] { 4, 5, 3 }, nameof(Activation.Sigmoid), nameof(Activation.Sigmoid), nameof(Loss.MeanSquaredError), 0.2f, false)] // dropout masks live in scratch
    [InlineData(new[] { 4, 5, 3 }, nameof(Activation.ReLU), nameof(Activation.Sigmoid), nameof(Loss.MeanSquaredError), 0f, false)] // ReLU keeps z[1]
    [InlineData(new[] { 4, 5, 3 }, nameof(Activation.Tanh), nameof(Activation.Softmax), nameof(Loss.CrossEntropy), 0f, false)] // BP1 is a runtime helper
    [InlineData(new[] { 4, 5, 3 }, nameof(Activation.Tanh), nameof(Activation.Sigmoid), nameof(Loss.Huber), 0f, false)]
    [InlineData(new[] { 4, 9, 3 }, nameof(Activation.Tanh), nameof(Activation.Sigmoid), nameof(Loss.MeanSquaredError), 0f, false)] // 9 units: past a Vector256
    [InlineData(new[] { 64, 64, 64 }, nameof(Activation.Tanh), nameof(Activation.Tanh), nameof(Loss.MeanSquaredError), 0f, false)] // kernel layers
    public void TrainStepInRegisters_OnlyWhenEveryLayerTrainsInRegistersAndBP1IsWrittenPerUnit(int[] sizes, string hidden, string output, string loss, float dropout, bool expected)
    {
        NetworkPlan plan = Plan(sizes, System.Enum.Parse<Activation>(hidden), System.Enum.Parse<Activation>(output), System.Enum.Parse<Loss>(loss), dropout);

        Assert.Equal(expected, plan.TrainStepInRegisters);
    }

    [Theory]
    [InlineData(new[] { 2, 2, 1 }, 4)]
    [InlineData(new[] { 4, 4, 4 }, 4)]
    [InlineData(new[] { 4, 5, 3 }, 8)]
    [InlineData(new[] { 4, 8, 6, 3 }, 8)]
    [InlineData(new[] { 16, 4, 3 }, 4)] // 4 × 16 = 64 weights: still unrolled
    [InlineData(new[] { 17, 4, 3 }, 0)] // 68 weights: loops, so no constant columns
    [InlineData(new[] { 4, 9, 3 }, 0)] // 9 units: wider than a Vector256
    public void ConstantColumnLanes_OnlyForFrozenNetworksOfTinyLayers(int[] sizes, int lanes)
    {
        NetworkPlan plan = Plan(sizes, Activation.Tanh, Activation.Sigmoid, Loss.MeanSquaredError);
        Assert.Equal(0, plan.ConstantColumnLanes); // not frozen

        int count = plan.Spec.ParameterCount;
        NetworkPlan frozen = NetworkPlan.For(plan.Spec with { TrainedParameters = new FloatValues(new float[count]) });
        Assert.Equal(lanes, frozen.ConstantColumnLanes);
    }

    [Fact]
    public void ParameterLayout_IsPyTorchsLinearOrder_AndTheParsedSpecUsesIt()
    {
        ParameterLayout layout = ParameterLayout.Of(new[] { 4, 5, 3 });

        Assert.Equal(new LayerLayout(1, 4, 5, WeightsOffset: 0, WeightsLength: 20, BiasesOffset: 20), layout.Layers[0]);
        Assert.Equal(new LayerLayout(2, 5, 3, WeightsOffset: 25, WeightsLength: 15, BiasesOffset: 40), layout.Layers[1]);
        Assert.Equal(43, layout.ParameterCount);
        Assert.Equal(layout.Layers, Plan(new[] { 4, 5, 3 }, Activation.ReLU, Activation.Softmax, Loss.CrossEntropy).Spec.Layers.Select(l => l.Layout));
    }

    [Fact]
    public void ParameterLayout_OfSizesNoNetworkCanHave_ClampsAndSaturatesButCountsExactly()
    {
        // What the shell of a network rejected by SN0006/SN0007 states: no negative constant, no overflow.
        ParameterLayout layout = ParameterLayout.Of(new[] { -3, 1 << 20, 1 << 20, 2 });

        Assert.Equal(new[] { 0, 1 << 20, 1 << 20, 2 }, layout.Sizes);
        Assert.Equal(int.MaxValue, layout.Layers[1].WeightsLength);
        Assert.Equal(int.MaxValue, layout.Layers[2].WeightsOffset);
        Assert.Equal(int.MaxValue, layout.ParameterCount);
        Assert.Equal((1L << 20) + ((1L << 20) + 1) * (1L << 20) + ((1L << 20) + 1) * 2, layout.TotalParameters);
    }

    /// <summary>The buffers as generated code names them (the plan holds kinds and layers; Emit spells them).</summary>
    private static string[] Names(System.Collections.Generic.IEnumerable<ScratchPlan.Buffer> buffers) => buffers.Select(Emit.Names.Of).ToArray();

    /// <summary>A spec built directly: every hidden layer with <paramref name="hidden"/>, the last with <paramref name="output"/>.</summary>
    private static NetworkPlan Plan(int[] sizes, Activation hidden, Activation output, Loss loss, float dropout = 0f)
    {
        ParameterLayout layout = ParameterLayout.Of(sizes);
        var layers = new LayerSpec[sizes.Length - 1];
        for (int l = 1; l < sizes.Length; l++)
        {
            bool isOutput = l == sizes.Length - 1;
            layers[l - 1] = new LayerSpec(layout.Layers[l - 1], isOutput ? output : hidden) { Dropout = isOutput ? 0f : dropout };
        }

        var type = new TypeHierarchy("Demo", EquatableArray<TypeDeclarationSpec>.Empty, new TypeDeclarationSpec("class", "Net"));
        var spec = new NetworkSpec(type, new EquatableArray<int>(sizes), new EquatableArray<LayerSpec>(layers), loss, 0.01f, new UserConstructors(false, false, false));
        return NetworkPlan.For(spec);
    }
}
