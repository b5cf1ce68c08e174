namespace StaticNet.Generator.Tests;

/// <summary>User code shared by several test classes, written as a user would write it.</summary>
internal static class Sources
{
    /// <summary>Every default: sigmoid hidden and output layers, mean squared error; small enough to be fully unrolled.</summary>
    public const string Defaults = """
        using StaticNet;

        namespace Demo;

        [Network(4, 5, 3)]
        public partial class DefaultNet
        {
        }
        """;

    /// <summary>The classic MNIST shape: layers with more than 64 weights are emitted as loops.</summary>
    public const string DeepReLUSoftmax = """
        using StaticNet;

        namespace Demo;

        [Network(784, 128, 64, 10, Hidden = Activation.ReLU, Output = Activation.Softmax, Loss = Loss.CrossEntropy)]
        public partial class MnistNet
        {
        }
        """;

    /// <summary>784-128-10: big, but the emitted file must stay small because big layers are loops.</summary>
    public const string Mnist784x128x10 = """
        using StaticNet;

        namespace Demo;

        [Network(784, 128, 10, Hidden = Activation.ReLU, Output = Activation.Softmax, Loss = Loss.CrossEntropy)]
        public partial class Mnist128Net
        {
        }
        """;

    /// <summary>A block-scoped namespace and two partial containing types with different accessibilities.</summary>
    public const string NestedInPartialTypes = """
        using StaticNet;

        namespace Game.Bots
        {
            public partial class Outer
            {
                internal partial class Inner
                {
                    [Network(3, 4, 2)]
                    private partial class Brain
                    {
                    }
                }
            }
        }
        """;

    /// <summary>Per-layer activations with a custom LeakyReLU slope, which must appear as a float literal.</summary>
    public const string SmoothActivations = """
        using StaticNet;

        namespace Demo;

        [Network(3, 4, 5, 20, 2, Activations = new[] { Activation.GELU, Activation.SiLU, Activation.ELU, Activation.Softplus })]
        public partial class SmoothNet
        {
        }
        """;

    public const string PerLayerActivations = """
        using StaticNet;

        namespace Demo;

        [Network(3, 4, 4, 2, Activations = new[] { Activation.Tanh, Activation.LeakyReLU, Activation.Identity }, LeakySlope = 0.2f)]
        public partial class MixedNet
        {
        }
        """;

    /// <summary>
    /// Dropout on two hidden layers with their own rates: tanh in registers (g' from a, so a[1] is kept before
    /// dropout), ReLU by the kernels (g' from z), and an unrolled output layer reading the dropped activations.
    /// </summary>
    public const string Dropout = """
        using StaticNet;

        namespace Demo;

        [Network(3, 6, 24, 2, Activations = new[] { Activation.Tanh, Activation.ReLU, Activation.Identity }, Dropouts = new[] { 0.25f, 0.5f })]
        public partial class DropoutNet
        {
        }
        """;

    /// <summary>A class in the global namespace, with a sigmoid/BCE output.</summary>
    public const string ClassInGlobalNamespace = """
        using StaticNet;

        [Network(2, 3, 1, Output = Activation.Sigmoid, Loss = Loss.BinaryCrossEntropy)]
        public partial class XorNet { }
        """;
}
