namespace StaticNet.Generator.Model;

/// <summary>Mirror of <c>StaticNet.Activation</c>: the generator must not reference the runtime, so the values are kept equal by hand.</summary>
internal enum ActivationKind
{
    Identity = 0,
    Sigmoid = 1,
    Tanh = 2,
    ReLU = 3,
    LeakyReLU = 4,
    Softmax = 5,
}
