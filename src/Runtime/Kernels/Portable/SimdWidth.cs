using System.Runtime.CompilerServices;

namespace StaticNet.Kernels;

/// <summary>
/// The portable build's stand-in for the vector builds' lane abstraction: every portable kernel is scalar, so all it
/// keeps is the rounding rule of a multiply-add, an instance member called on <c>default(TSimd)</c> (netstandard2.1
/// has no static abstract members), which the JIT specialises per struct as it would a static one.
/// </summary>
/// <typeparam name="TVector">The lane type; always <see cref="float"/> here.</typeparam>
internal interface ISimd<TVector>
    where TVector : struct
{
    /// <summary>left · right + addend with this lane type's rounding.</summary>
    float MultiplyAdd(float left, float right, float addend);
}

/// <summary>One float per "vector": the only width of the portable build.</summary>
internal readonly struct SimdScalar : ISimd<float>
{
    /// <summary>Two roundings, as the vector builds' scalar width computes without FMA.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public float MultiplyAdd(float left, float right, float addend) => (left * right) + addend;
}

/// <summary>
/// One float per "vector" under the rules of deterministic networks (every multiply-add fused, in software): the lane
/// type <see cref="SimdWidth.DispatchFused{TKernel}"/> runs kernels with.
/// </summary>
internal readonly struct FusedScalar : ISimd<float>
{
    /// <summary>One rounding, exact in software (<see cref="SoftwareFusedMultiplyAdd"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public float MultiplyAdd(float left, float right, float addend) => SoftwareFusedMultiplyAdd.Compute(left, right, addend);
}

/// <summary>A kernel and its arguments, which <see cref="SimdWidth"/> runs; the same contract as in the vector builds.</summary>
internal interface IWidthKernel
{
    /// <summary>Runs the kernel with <typeparamref name="TVector"/> lanes (here always one float).</summary>
    void Run<TVector, TSimd>()
        where TVector : struct
        where TSimd : struct, ISimd<TVector>;
}

/// <summary>
/// The width dispatcher of the netstandard2.1 build, where the portable path is chosen: netstandard2.1 has no
/// System.Runtime.Intrinsics, and Unity's Mono and IL2CPP accelerate no vector type, so every kernel entry point
/// runs the scalar kernels of this folder. Their accumulation order is the one the vector builds' generic kernels
/// take at their scalar width (<c>DOTNET_EnableHWIntrinsic=0</c>), so the two compute the same sums in the same order.
/// </summary>
internal static class SimdWidth
{
    /// <summary>The width the kernels take, in bits: 32, one float.</summary>
    public static int Bits => 32;

    /// <summary>Runs <paramref name="kernel"/> one float at a time.</summary>
    /// <param name="kernel">The kernel and its arguments.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Dispatch<TKernel>(ref TKernel kernel)
        where TKernel : struct, IWidthKernel => kernel.Run<float, SimdScalar>();

    /// <summary>Runs <paramref name="kernel"/> one float at a time with every multiply-add fused (deterministic networks).</summary>
    /// <param name="kernel">The kernel and its arguments.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void DispatchFused<TKernel>(ref TKernel kernel)
        where TKernel : struct, IWidthKernel => kernel.Run<float, FusedScalar>();
}
