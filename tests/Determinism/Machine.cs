using System.Runtime.InteropServices;

namespace StaticNet.Determinism;

/// <summary>The machine line of the output (not compared): what vectors and FMA the runtime has, and which runtime it is.</summary>
internal static class Machine
{
    public static string Describe()
    {
#if NETSTANDARD2_1
        // The portable build: no intrinsics, every fused multiply-add in software.
        return $"portable netstandard2.1 build; software FMA; {RuntimeInformation.FrameworkDescription}";
#else
        return $"vectors: 512 {System.Runtime.Intrinsics.Vector512.IsHardwareAccelerated}, 256 {System.Runtime.Intrinsics.Vector256.IsHardwareAccelerated}, " +
               $"128 {System.Runtime.Intrinsics.Vector128.IsHardwareAccelerated}; " +
               $"FMA {System.Runtime.Intrinsics.X86.Fma.IsSupported || System.Runtime.Intrinsics.Arm.AdvSimd.IsSupported}; " +
               $"{RuntimeInformation.FrameworkDescription}; dynamic code {System.Runtime.CompilerServices.RuntimeFeature.IsDynamicCodeCompiled}";
#endif
    }
}
