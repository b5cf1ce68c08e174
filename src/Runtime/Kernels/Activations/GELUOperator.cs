using System.Runtime.CompilerServices;

namespace StaticNet.Kernels;

/// <summary>GELU(z) = z·½·(1 + erf(z/√2)) (PyTorch's nn.GELU() default); δ ⊙ (Φ(z) + z·φ(z)) from the pre-activations.</summary>
internal readonly partial struct GELUOperator : IActivationOperator
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public float Invoke(float z) => ScalarFunctions.Gelu(z);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public float Invoke(float delta, float z) => ScalarFunctions.GeluDerivative(delta, z);
}
