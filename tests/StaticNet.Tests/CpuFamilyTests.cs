using System;
using System.IO;
using System.Linq;
using StaticNet.Kernels;
using Xunit;

namespace StaticNet.Tests;

/// <summary>The CPUID reading that picks Gemm's 512-bit tile, checked against what the Linux kernel reports.</summary>
public class CpuFamilyTests
{
    [Fact]
    public void IsZen4_AgreesWithProcCpuinfo()
    {
        if (!OperatingSystem.IsLinux())
        {
            // Elsewhere there is no second opinion to read; CPUID is the only source, and only x86 has it.
            Assert.True(!CpuFamily.IsZen4 || System.Runtime.Intrinsics.X86.X86Base.IsSupported);
            return;
        }

        string[] lines = File.ReadAllLines("/proc/cpuinfo");
        string? vendor = Field(lines, "vendor_id"), family = Field(lines, "cpu family");
        if (vendor is null || family is null)
        {
            // ARM64 Linux prints neither field: no x86 family at all.
            Assert.False(CpuFamily.IsZen4);
            return;
        }

        // The kernel prints the displayed family in decimal: 25 is 0x19.
        bool expected = vendor == "AuthenticAMD" && family == "25";
        Assert.Equal(expected, CpuFamily.IsZen4);
    }

    private static string? Field(string[] lines, string name) =>
        lines.Where(line => line.StartsWith(name, StringComparison.Ordinal) && line.Contains(':'))
            .Select(line => line.Substring(line.IndexOf(':') + 1).Trim())
            .FirstOrDefault();
}
