using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace StaticNet.Kernels;

/// <summary>A kernel body written once over <see cref="ISimd{TVector}"/>, which <see cref="SimdWidth"/> runs at the width it chose.</summary>
internal interface IWidthKernel
{
    /// <summary>Runs the kernel with <typeparamref name="TVector"/> lanes.</summary>
    void Run<TVector, TSimd>()
        where TVector : struct
        where TSimd : struct, ISimd<TVector>;
}

/// <summary>
/// The one place the runtime decides how wide its kernels compute: Vector512 where AVX-512F exists (even where the
/// runtime prefers 256-bit vectors, because the wider FMA is still faster for these kernels), otherwise Vector256
/// where it is hardware and FMA exists, otherwise Vector128 where it is hardware (NEON on ARM64, x64 without AVX),
/// otherwise one float at a time. Every kernel entry point, and the frozen layers, go through
/// <see cref="Dispatch{TKernel}"/>; a build without hardware intrinsics would choose its portable path here.
/// </summary>
/// <remarks>
/// Each test is a constant to the JIT (at tier 1 and for kernels compiled fully optimised at once) and to NativeAOT
/// for the instruction set it targets, so every instantiation of <see cref="Dispatch{TKernel}"/> folds to the one
/// call of its width: the kernel and its <see cref="ISimd{TVector}"/> are struct type arguments, specialised and
/// inlined, with no interface or indirect call left. The runtime knobs CI uses to take each path are
/// <c>DOTNET_EnableAVX512=0</c>, <c>DOTNET_PreferredVectorBitWidth=128</c>, <c>DOTNET_EnableAVX=0</c> and
/// <c>DOTNET_EnableHWIntrinsic=0</c>.
/// </remarks>
internal static class SimdWidth
{
    /// <summary>The width the kernels take on this machine and runtime configuration, in bits (32: scalar code).</summary>
    public static int Bits
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => Avx512F.IsSupported ? 512
            : Fma.IsSupported && Vector256.IsHardwareAccelerated ? 256
            : Vector128.IsHardwareAccelerated ? 128
            : 32;
    }

    /// <summary>Runs <paramref name="kernel"/> at <see cref="Bits"/>.</summary>
    /// <param name="kernel">The kernel and its arguments.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Dispatch<TKernel>(ref TKernel kernel)
        where TKernel : struct, IWidthKernel
    {
        if (Bits == 512)
        {
            kernel.Run<Vector512<float>, Simd512>();
        }
        else if (Bits == 256)
        {
            kernel.Run<Vector256<float>, Simd256>();
        }
        else if (Bits == 128)
        {
            kernel.Run<Vector128<float>, Simd128>();
        }
        else
        {
            kernel.Run<float, SimdScalar>();
        }
    }

    /// <summary>
    /// Runs <paramref name="kernel"/> at <see cref="Bits"/> under the rules of deterministic networks
    /// (<see cref="Fused{TVector, TSimd}"/>): the same width, every lane computing the same bits at any width.
    /// </summary>
    /// <param name="kernel">The kernel and its arguments.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void DispatchFused<TKernel>(ref TKernel kernel)
        where TKernel : struct, IWidthKernel
    {
        var fused = new FusedKernel<TKernel>(kernel);
        Dispatch(ref fused);
    }

    /// <summary>A kernel run with <see cref="Fused{TVector, TSimd}"/> lanes of the chosen width.</summary>
    private readonly struct FusedKernel<TKernel>(TKernel kernel) : IWidthKernel
        where TKernel : struct, IWidthKernel
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Run<TVector, TSimd>()
            where TVector : struct
            where TSimd : struct, ISimd<TVector> => kernel.Run<TVector, Fused<TVector, TSimd>>();
    }
}
