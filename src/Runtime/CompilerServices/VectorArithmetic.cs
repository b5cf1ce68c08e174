using System.ComponentModel;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using StaticNet.Kernels;

namespace StaticNet.CompilerServices;

/// <summary>
/// The vector arithmetic of generated code for layers stored by columns, in every build that has vectors and for every
/// C# version generated code compiles with: a·b + c, in one rounding where the hardware fuses it
/// (<c>MultiplyAddEstimate</c> does the same, but only from .NET 9), and unchecked loads and stores at a float offset
/// (<c>LoadUnsafe</c> takes its offset as <c>nuint</c>, which C# 8 cannot write, and its source as <c>ref readonly</c>).
/// </summary>
/// <remarks>
/// The loads and stores check nothing: the generated code that calls them knows every offset as a constant and keeps
/// each access inside the parameter buffer, whose overhang after the last parameter covers the last vector.
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class VectorArithmetic
{
    /// <summary>a·b + c for four values.</summary>
    /// <param name="left">a.</param>
    /// <param name="right">b.</param>
    /// <param name="addend">c.</param>
    /// <returns>a·b + c, fused where the hardware fuses.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> MultiplyAdd(Vector128<float> left, Vector128<float> right, Vector128<float> addend) =>
        VectorMath.MultiplyAdd(left, right, addend);

    /// <summary>a·b + c for eight values.</summary>
    /// <param name="left">a.</param>
    /// <param name="right">b.</param>
    /// <param name="addend">c.</param>
    /// <returns>a·b + c, fused where the hardware fuses.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> MultiplyAdd(Vector256<float> left, Vector256<float> right, Vector256<float> addend) =>
        VectorMath.MultiplyAdd(left, right, addend);

    /// <summary>Four floats from <paramref name="origin"/> + <paramref name="offset"/>, unchecked.</summary>
    /// <param name="origin">The first float of the buffer.</param>
    /// <param name="offset">The offset of the first float to load.</param>
    /// <returns>The four floats.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Load128(ref float origin, int offset) => Vector128.LoadUnsafe(ref origin, (nuint)offset);

    /// <summary>Eight floats from <paramref name="origin"/> + <paramref name="offset"/>, unchecked.</summary>
    /// <param name="origin">The first float of the buffer.</param>
    /// <param name="offset">The offset of the first float to load.</param>
    /// <returns>The eight floats.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Load256(ref float origin, int offset) => Vector256.LoadUnsafe(ref origin, (nuint)offset);

    /// <summary>Stores four floats at <paramref name="origin"/> + <paramref name="offset"/>, unchecked.</summary>
    /// <param name="origin">The first float of the buffer.</param>
    /// <param name="offset">The offset of the first float to store.</param>
    /// <param name="value">The floats.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(ref float origin, int offset, Vector128<float> value) => value.StoreUnsafe(ref origin, (nuint)offset);

    /// <summary>Stores eight floats at <paramref name="origin"/> + <paramref name="offset"/>, unchecked.</summary>
    /// <param name="origin">The first float of the buffer.</param>
    /// <param name="offset">The offset of the first float to store.</param>
    /// <param name="value">The floats.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(ref float origin, int offset, Vector256<float> value) => value.StoreUnsafe(ref origin, (nuint)offset);
}
