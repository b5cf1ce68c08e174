using System.Linq;

namespace StaticNet.Generator.Emit;

/// <summary>
/// The generator↔runtime contract in one place: every type and member of the StaticNet runtime that generated code
/// names, fully qualified. A rename in the runtime is a change here, and <c>RuntimeContractTests</c> checks by
/// reflection that each name below exists in StaticNet.dll with a member of that name.
/// </summary>
internal static class RuntimeContract
{
    private const string Root = "global::StaticNet.";

    // The support only generated code calls: public, because the code lives in the user's assembly, and hidden from
    // IntelliSense in its own namespace, so that nothing a user writes against sits beside it.
    private const string Support = Root + "CompilerServices.";

    // Interfaces every network implements.
    public const string INetwork = Root + "INetwork";
    public const string IBatchNetwork = Root + "IBatchNetwork";
    public const string IParallelBatchNetwork = Root + "IParallelBatchNetwork";

    // How each layer's weights are laid out in Parameters (INetwork.GetWeightOrder).
    public const string WeightOrder = Root + "WeightOrder";

    // Argument checks: the ArgumentExceptions that name expected and actual lengths.
    public const string SpanLength = Support + "SpanLength";
    public const string Require = SpanLength + ".Require";
    public const string RequireOptional = SpanLength + ".RequireOptional";
    public const string RequireRows = SpanLength + ".RequireRows";

    // Parameter storage and initialisation.
    public const string ParameterMemory = Support + "ParameterMemory";
    public const string AllocateParameters = ParameterMemory + ".Allocate";
    public const string AlignedView = ParameterMemory + ".View";
    public const string ParameterInitializer = Support + "ParameterInitializer";
    public const string HeBound = ParameterInitializer + ".HeBound";
    public const string XavierBound = ParameterInitializer + ".XavierBound";
    public const string Uniform = ParameterInitializer + ".Uniform";
    public const string UniformColumnMajor = ParameterInitializer + ".UniformColumnMajor";
    public const string DeterministicRandom = Root + "DeterministicRandom";

    // Scalar activations, softmax and its Jacobian-vector product.
    public const string NetworkMath = Support + "NetworkMath";

    // Losses and the fused BP1 helpers, one per OutputErrorForm, named like the form.
    public const string Losses = Support + "Losses";
    public const string OutputError = Support + "OutputError";

    // Kernels: layer products, whole-layer activations and their derivatives, register-level σ and tanh.
    public const string DenseKernels = Support + "DenseKernels";
    public const string ActivationKernels = Support + "ActivationKernels";
    public const string VectorActivations = Support + "VectorActivations";

    // Layers stored by columns (never in a deterministic network, so without counterparts): the batch kernels over
    // column-major W, and the multiply-add of the one-sample column code.
    public const string ForwardByColumns = DenseKernels + ".ForwardByColumns";
    public const string ForwardBatchByColumns = DenseKernels + ".ForwardBatchByColumns";
    public const string AccumulateGradientByColumns = DenseKernels + ".AccumulateGradientByColumns";
    public const string BackpropagateErrorByColumns = DenseKernels + ".BackpropagateErrorByColumns";
    public const string VectorArithmetic = Support + "VectorArithmetic";
    public const string MultiplyAdd = VectorArithmetic + ".MultiplyAdd";

    // Inverted dropout in training: the masks and their factor in BP2.
    public const string DropoutMasks = Support + "DropoutMasks";

    // The same members for networks declared Deterministic = true: sums in one order and one rounding at every width,
    // the package's own exp and log (Emit/DeterministicRuntime redirects the names above to these).
    public const string DeterministicNetworkMath = Support + "DeterministicNetworkMath";
    public const string DeterministicLosses = Support + "DeterministicLosses";
    public const string DeterministicOutputError = Support + "DeterministicOutputError";
    public const string DeterministicDenseKernels = Support + "DeterministicDenseKernels";
    public const string DeterministicActivationKernels = Support + "DeterministicActivationKernels";
    public const string DeterministicVectorActivations = Support + "DeterministicVectorActivations";

    /// <summary>Each numerical runtime class and its deterministic counterpart, which has the same members.</summary>
    internal static readonly (string Default, string Deterministic)[] DeterministicCounterparts =
    {
        (NetworkMath, DeterministicNetworkMath), (Losses, DeterministicLosses), (OutputError, DeterministicOutputError),
        (DenseKernels, DeterministicDenseKernels), (ActivationKernels, DeterministicActivationKernels), (VectorActivations, DeterministicVectorActivations),
    };

    // A frozen network's Predict: its layers computed from the weights in the column layout.
    public const string FrozenLayers = Support + "FrozenLayers";
    public const string Activation = Root + "Activation";

    /// <summary>Every runtime type above, for the contract test.</summary>
    internal static readonly string[] Types =
    {
        INetwork, IBatchNetwork, IParallelBatchNetwork, WeightOrder, SpanLength, ParameterMemory, ParameterInitializer, DeterministicRandom, NetworkMath,
        Losses, OutputError, DenseKernels, ActivationKernels, VectorActivations, VectorArithmetic, FrozenLayers, Activation, DropoutMasks,
        DeterministicNetworkMath, DeterministicLosses, DeterministicOutputError, DeterministicDenseKernels, DeterministicActivationKernels,
        DeterministicVectorActivations,
    };

    /// <summary>Every static method the generated code calls, as Type.Method, for the contract test.</summary>
    internal static readonly string[] Methods = WithDeterministicCounterparts(new[]
    {
        Require, RequireOptional, RequireRows, AllocateParameters, AlignedView, HeBound, XavierBound, Uniform,
        NetworkMath + ".Sigmoid", NetworkMath + ".Tanh", NetworkMath + ".ReLU", NetworkMath + ".LeakyReLU",
        NetworkMath + ".SoftmaxInPlace", NetworkMath + ".SoftmaxBackward",
        Losses + ".MeanSquaredError", Losses + ".CrossEntropy", Losses + ".BinaryCrossEntropy",
        OutputError + ".SoftmaxCrossEntropy", OutputError + ".SigmoidBinaryCrossEntropy",
        OutputError + ".SoftmaxMeanSquaredError", OutputError + ".MeanSquaredError",
        Losses + ".Huber", Losses + ".MeanAbsoluteError", OutputError + ".Huber", OutputError + ".SoftmaxHuber",
        OutputError + ".MeanAbsoluteError", OutputError + ".SoftmaxMeanAbsoluteError",
        DenseKernels + ".Forward", DenseKernels + ".ForwardBatch", DenseKernels + ".AccumulateGradient", DenseKernels + ".BackpropagateError",
        ActivationKernels + ".Sigmoid", ActivationKernels + ".Tanh", ActivationKernels + ".ReLU", ActivationKernels + ".LeakyReLU",
        ActivationKernels + ".SoftmaxRows", ActivationKernels + ".MultiplySigmoidDerivative", ActivationKernels + ".MultiplyTanhDerivative",
        ActivationKernels + ".MultiplyReLUDerivative", ActivationKernels + ".MultiplyLeakyReLUDerivative",
        VectorActivations + ".Sigmoid", VectorActivations + ".Tanh",
        NetworkMath + ".GELU", NetworkMath + ".MultiplyGELUDerivative", ActivationKernels + ".GELU", ActivationKernels + ".MultiplyGELUDerivative", VectorActivations + ".GELU",
        NetworkMath + ".SiLU", NetworkMath + ".MultiplySiLUDerivative", ActivationKernels + ".SiLU", ActivationKernels + ".MultiplySiLUDerivative", VectorActivations + ".SiLU",
        NetworkMath + ".ELU", NetworkMath + ".MultiplyELUDerivative", ActivationKernels + ".ELU", ActivationKernels + ".MultiplyELUDerivative", VectorActivations + ".ELU",
        NetworkMath + ".Softplus", NetworkMath + ".MultiplySoftplusDerivative", ActivationKernels + ".Softplus", ActivationKernels + ".MultiplySoftplusDerivative", VectorActivations + ".Softplus",
        FrozenLayers + ".Forward", FrozenLayers + ".WriteColumns",
        DropoutMasks + ".Apply", DropoutMasks + ".Multiply",
    }).Concat(new[] { UniformColumnMajor, ForwardByColumns, ForwardBatchByColumns, AccumulateGradientByColumns, BackpropagateErrorByColumns, MultiplyAdd, VectorArithmetic + ".Load128", VectorArithmetic + ".Load256", VectorArithmetic + ".Store" }).ToArray();

    /// <summary>The methods, and for each one of a class with a deterministic counterpart, the counterpart's method too.</summary>
    private static string[] WithDeterministicCounterparts(string[] methods)
    {
        var all = new System.Collections.Generic.List<string>(methods);
        foreach (string method in methods)
        {
            foreach ((string defaultType, string deterministicType) in DeterministicCounterparts)
            {
                if (method.StartsWith(defaultType + ".", System.StringComparison.Ordinal))
                {
                    all.Add(deterministicType + method.Substring(defaultType.Length));
                }
            }
        }

        return all.ToArray();
    }
}
