using System.Runtime.InteropServices;

namespace StaticNet;

/// <summary>Architectures the Linux file calls lay out by hand, as constants every target framework can switch on.</summary>
internal static class LinuxArchitecture
{
    /// <summary><c>Architecture.RiscV64</c> (9), a member net8.0's enum lacks while a net8.0 build may run on a riscv64 runtime.</summary>
    public const Architecture RiscV64 = (Architecture)9;

    /// <summary><c>Architecture.LoongArch64</c> (6), a member netstandard2.1's enum lacks.</summary>
    public const Architecture LoongArch64 = (Architecture)6;
}
