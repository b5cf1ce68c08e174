using System.Runtime.CompilerServices;

namespace StaticNet.Kernels;

/// <summary>SiLU(z) = z·σ(z); δ ⊙ σ(z)(1 + z(1 − σ(z))) from the pre-activations.</summary>
internal readonly partial struct SiLUOperator : IActivationOperator
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public float Invoke(float z) => ScalarFunctions.Silu(z);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public float Invoke(float delta, float z) => ScalarFunctions.SiluDerivative(delta, z);
}
