using System.Runtime.CompilerServices;

namespace StaticNet.Kernels;

/// <summary>Softplus(z) = log(1 + e^z) (β = 1, z itself above 20 as PyTorch); δ ⊙ σ(z) from the pre-activations.</summary>
internal readonly partial struct SoftplusOperator : IActivationOperator
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public float Invoke(float z) => ScalarFunctions.Softplus(z);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public float Invoke(float delta, float z) => ScalarFunctions.SoftplusDerivative(delta, z);
}
