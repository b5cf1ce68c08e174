using System;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.Arm;
using System.Runtime.Intrinsics.X86;

namespace StaticNet.Kernels;

/// <summary>
/// The .NET 9 vector members the kernels call, for the net8.0 build. Each computes what .NET 10's member computes:
/// FusedMultiplyAdd is one rounding per lane (the hardware instruction, else <see cref="MathF.FusedMultiplyAdd"/> per
/// lane, as .NET 10's software fallback does); MinNative and MaxNative are the platform instruction (minps/maxps:
/// the second operand where either is NaN), CopySign takes the sign bit of <c>sign</c>.
/// </summary>
internal static class VectorPolyfills
{
    extension(Vector128)
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector128<float> FusedMultiplyAdd(Vector128<float> left, Vector128<float> right, Vector128<float> addend) =>
            Fma.IsSupported ? Fma.MultiplyAdd(left, right, addend)
            : AdvSimd.IsSupported ? AdvSimd.FusedMultiplyAdd(addend, left, right)
            : Vector128.Create(
                MathF.FusedMultiplyAdd(left.GetElement(0), right.GetElement(0), addend.GetElement(0)),
                MathF.FusedMultiplyAdd(left.GetElement(1), right.GetElement(1), addend.GetElement(1)),
                MathF.FusedMultiplyAdd(left.GetElement(2), right.GetElement(2), addend.GetElement(2)),
                MathF.FusedMultiplyAdd(left.GetElement(3), right.GetElement(3), addend.GetElement(3)));

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector128<float> MinNative(Vector128<float> left, Vector128<float> right) =>
            Sse.IsSupported ? Sse.Min(left, right) : AdvSimd.IsSupported ? AdvSimd.Min(left, right) : Vector128.Min(left, right);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector128<float> MaxNative(Vector128<float> left, Vector128<float> right) =>
            Sse.IsSupported ? Sse.Max(left, right) : AdvSimd.IsSupported ? AdvSimd.Max(left, right) : Vector128.Max(left, right);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector128<float> CopySign(Vector128<float> value, Vector128<float> sign) =>
            Vector128.ConditionalSelect(Vector128.Create(-0f), sign, value);
    }

    extension(Vector256)
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector256<float> FusedMultiplyAdd(Vector256<float> left, Vector256<float> right, Vector256<float> addend) =>
            Fma.IsSupported ? Fma.MultiplyAdd(left, right, addend)
            : Vector256.Create(
                Vector128.FusedMultiplyAdd(left.GetLower(), right.GetLower(), addend.GetLower()),
                Vector128.FusedMultiplyAdd(left.GetUpper(), right.GetUpper(), addend.GetUpper()));

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector256<float> MinNative(Vector256<float> left, Vector256<float> right) =>
            Avx.IsSupported ? Avx.Min(left, right) : Vector256.Min(left, right);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector256<float> MaxNative(Vector256<float> left, Vector256<float> right) =>
            Avx.IsSupported ? Avx.Max(left, right) : Vector256.Max(left, right);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector256<float> CopySign(Vector256<float> value, Vector256<float> sign) =>
            Vector256.ConditionalSelect(Vector256.Create(-0f), sign, value);
    }

    extension(Vector512)
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector512<float> FusedMultiplyAdd(Vector512<float> left, Vector512<float> right, Vector512<float> addend) =>
            Avx512F.IsSupported ? Avx512F.FusedMultiplyAdd(left, right, addend)
            : Vector512.Create(
                Vector256.FusedMultiplyAdd(left.GetLower(), right.GetLower(), addend.GetLower()),
                Vector256.FusedMultiplyAdd(left.GetUpper(), right.GetUpper(), addend.GetUpper()));

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector512<float> MinNative(Vector512<float> left, Vector512<float> right) =>
            Avx512F.IsSupported ? Avx512F.Min(left, right) : Vector512.Min(left, right);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector512<float> MaxNative(Vector512<float> left, Vector512<float> right) =>
            Avx512F.IsSupported ? Avx512F.Max(left, right) : Vector512.Max(left, right);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector512<float> CopySign(Vector512<float> value, Vector512<float> sign) =>
            Vector512.ConditionalSelect(Vector512.Create(-0f), sign, value);
    }
}
