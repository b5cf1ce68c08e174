using System.Runtime.CompilerServices;

namespace StaticNet.Kernels;

/// <summary>ELU(z) = z for z &gt; 0, otherwise e^z − 1 (α = 1); δ ⊙ (1 or e^z) from the pre-activations.</summary>
internal readonly partial struct ELUOperator : IActivationOperator
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public float Invoke(float z) => ScalarFunctions.Elu(z);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public float Invoke(float delta, float z) => ScalarFunctions.EluDerivative(delta, z);
}
