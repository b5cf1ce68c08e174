using System.Runtime.Intrinsics.X86;

namespace StaticNet.Kernels;

/// <summary>
/// The processor facts a kernel's tile shape depends on and that no <c>IsSupported</c> flag states: how many FMAs of
/// the widest vector a core starts per cycle differs between cores with the same instruction sets.
/// </summary>
internal static class CpuFamily
{
    /// <summary>
    /// Whether this is an AMD family 0x19 core (Zen 3 and Zen 4; of them only Zen 4 has AVX-512), whose 512-bit FMA
    /// takes both 256-bit pipes.
    /// </summary>
    public static readonly bool IsZen4 = IsAmdFamily(0x19);

    private static bool IsAmdFamily(int family)
    {
        if (!X86Base.IsSupported)
        {
            return false;
        }

        // Leaf 0: the vendor string "AuthenticAMD" in EBX, EDX, ECX ("Auth", "enti", "cAMD").
        (_, int ebx, int ecx, int edx) = X86Base.CpuId(0, 0);
        if (ebx != 0x68747541 || edx != 0x69746E65 || ecx != 0x444D4163)
        {
            return false;
        }

        // Leaf 1: the family is the base family (bits 8–11) plus, when that is 0xF, the extended family (bits 20–27).
        (int eax, _, _, _) = X86Base.CpuId(1, 0);
        int baseFamily = (eax >> 8) & 0xF;
        int displayed = baseFamily == 0xF ? baseFamily + ((eax >> 20) & 0xFF) : baseFamily;
        return displayed == family;
    }
}
