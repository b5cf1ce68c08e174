using System;
using System.Runtime.CompilerServices;

namespace StaticNet.Kernels;

/// <summary>
/// One float under the rules of deterministic networks, for the code every build shares (<see cref="PortableMath"/>,
/// <c>DeterministicNetworkMath</c>): here the one form of each operator at one float with the hardware's fused
/// multiply-add; the netstandard2.1 build's <c>Kernels/Portable/Deterministic/FusedFloat.cs</c> gives the same bits
/// without intrinsics.
/// </summary>
internal static class FusedFloat
{
    /// <summary>left · right + addend with one rounding.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float MultiplyAdd(float left, float right, float addend) => MathF.FusedMultiplyAdd(left, right, addend);

    /// <summary>e^x as every lane of the deterministic kernels computes it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Exp(float x) => ActivationFunctions.Exp<Fused<float, SimdScalar>, float>(x);

    /// <summary>f(x) by the operator's one form with fused multiply-adds.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Apply<TOperator>(TOperator f, float x)
        where TOperator : struct, IUnaryOperator => f.Evaluate<Fused<float, SimdScalar>, float>(x);

    /// <summary>δ ⊙ g'(v) by the derivative's one form with fused multiply-adds.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Apply<TOperator>(TOperator g, float delta, float value)
        where TOperator : struct, IDerivativeOperator => g.Evaluate<Fused<float, SimdScalar>, float>(delta, value);
}
