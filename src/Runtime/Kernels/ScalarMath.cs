using System;
using System.Runtime.CompilerServices;

namespace StaticNet.Kernels;

/// <summary>The e^x and ln x a loss or softmax uses: the platform's, or the project's own, the same on every platform.</summary>
/// <remarks>
/// Instance members called on <c>default(TMath)</c>, not static abstract ones, so that the netstandard2.1 build
/// compiles the same loss code; the JIT specialises each struct instantiation all the same.
/// </remarks>
internal interface IScalarMath
{
    float Exp(float x);

    float Log(float x);
}

/// <summary><see cref="MathF.Exp"/> and <see cref="MathF.Log(float)"/>: the platform's C library decides the last bit.</summary>
internal readonly struct PlatformMath : IScalarMath
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public float Exp(float x) => MathF.Exp(x);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public float Log(float x) => MathF.Log(x);
}
