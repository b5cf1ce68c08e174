using System;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.Arm;
using System.Runtime.Intrinsics.X86;
using StaticNet.CompilerServices;
using StaticNet.Kernels;
using Xunit;

namespace StaticNet.Tests;

/// <summary>
/// The width dispatcher: CI's runtime settings take the kernels down every width, and the element-wise tail rule
/// (the last one to three elements in one Vector128 built in registers) holds wherever an element falls. CI runs these
/// under each setting.
/// </summary>
public sealed class SimdWidthTests
{
    [Fact]
    public void Bits_IsTheWidthTheRuntimeSettingsSelect()
    {
        int expected = Setting("DOTNET_EnableHWIntrinsic") == "0" ? 32
            : AdvSimd.IsSupported ? 128
            : !X86Base.IsSupported ? 32
            : Setting("DOTNET_EnableAVX") == "0" ? 128
            : Setting("DOTNET_PreferredVectorBitWidth") == "128" && Setting("DOTNET_EnableAVX512") == "0" ? 128
            : Avx512F.IsSupported ? 512
            : Fma.IsSupported ? 256
            : 128;

        Assert.Equal(expected, SimdWidth.Bits);
    }

    [Fact]
    public void Sigmoid_GivesEveryElementTheVectorForm_InTheBodyAndInTheTail()
    {
        // Up to 16 + 8 + 4 + 3 elements: every loop of the widest path and every tail length.
        for (int length = 1; length <= 31; length++)
        {
            float[] z = new float[length];
            for (int i = 0; i < length; i++)
            {
                z[i] = (i * 0.37f) - 4.1f;
            }

            float[] a = new float[length];
            ActivationKernels.Sigmoid(z, a);

            for (int i = 0; i < length; i++)
            {
                // Lane by lane every width computes the same operations; only the scalar width uses MathF.Exp.
                float expected = SimdWidth.Bits == 32 ? NetworkMath.Sigmoid(z[i]) : VectorActivations.Sigmoid(Vector128.Create(z[i])).GetElement(0);
                Assert.True(expected == a[i], $"length {length}, element {i}: {a[i]} instead of {expected}");
            }
        }
    }

    private static string? Setting(string name) => Environment.GetEnvironmentVariable(name);
}
