using System.Runtime.CompilerServices;

namespace StaticNet.Kernels;

/// <summary>
/// One float under the rules of deterministic networks in the netstandard2.1 build: the software fused multiply-add
/// and the operators' twins of their vector one form (<see cref="FusedScalarFunctions"/>), the bits the vector builds'
/// <c>Kernels/Deterministic/FusedFloat.cs</c> gives, with the same members.
/// </summary>
internal static class FusedFloat
{
    /// <summary>left · right + addend with one rounding.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float MultiplyAdd(float left, float right, float addend) => SoftwareFusedMultiplyAdd.Compute(left, right, addend);

    /// <summary>e^x as every lane of the deterministic kernels computes it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Exp(float x) => FusedScalarFunctions.Exp(x);

    /// <summary>f(x) by the operator's twin of its one form.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Apply<TOperator>(TOperator f, float x)
        where TOperator : struct, IUnaryOperator => f.EvaluateFused(x);

    /// <summary>δ ⊙ g'(v) by the derivative's twin of its one form.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Apply<TOperator>(TOperator g, float delta, float value)
        where TOperator : struct, IDerivativeOperator => g.EvaluateFused(delta, value);
}
