namespace StaticNet.Kernels;

/// <summary>σ(z) = 1 / (1 + e^−z); its derivative δ ⊙ a(1 − a) is read from the activations a.</summary>
internal readonly partial struct SigmoidOperator : IActivationOperator
{
    public float Invoke(float z) => ScalarFunctions.Sigmoid(z);

    public float Invoke(float delta, float a) => delta * (a - (a * a));
}
