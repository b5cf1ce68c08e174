using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.Arm;
using System.Runtime.Intrinsics.X86;

namespace StaticNet.Kernels;

/// <summary>
/// a·b + c, fused only where the hardware fuses. Elsewhere <c>FusedMultiplyAdd</c> is computed one element at a time
/// in software (x64 without FMA: a default NativeAOT build, or <c>DOTNET_EnableAVX=0</c>), dozens of times slower
/// than the multiply and add it replaces. The tests are constants to the JIT and NativeAOT, so no branch remains.
/// </summary>
internal static class VectorMath
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> MultiplyAdd(Vector128<float> left, Vector128<float> right, Vector128<float> addend) =>
        Fma.IsSupported || AdvSimd.IsSupported ? Vector128.FusedMultiplyAdd(left, right, addend) : (left * right) + addend;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> MultiplyAdd(Vector256<float> left, Vector256<float> right, Vector256<float> addend) =>
        Fma.IsSupported ? Vector256.FusedMultiplyAdd(left, right, addend) : (left * right) + addend;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> MultiplyAdd(Vector512<float> left, Vector512<float> right, Vector512<float> addend) =>
        Avx512F.IsSupported ? Vector512.FusedMultiplyAdd(left, right, addend) : (left * right) + addend;
}
