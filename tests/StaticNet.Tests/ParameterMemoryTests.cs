using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using StaticNet.Benchmarks;
using StaticNet.CompilerServices;
using Xunit;

namespace StaticNet.Tests;

/// <summary>Generated networks keep their parameters on a cache-line boundary, and that view never moves.</summary>
public class ParameterMemoryTests
{
    [Fact]
    public void GeneratedParameters_StartOnA64ByteBoundary_AndStayThereAcrossCompactingCollections()
    {
        // Networks with a SIMD-kernel layer; fully unrolled ones (4-5-3, 4-4-4) read floats one at a time and keep a plain array.
        var networks = new INetwork[] { new Tanh16(2), new Tanh64(3), new Mnist784(4) };
        foreach (INetwork network in networks)
        {
            nint before = AddressOf(network.Parameters);
            Assert.Equal(0, before % ParameterMemory.Alignment);
            Assert.Equal(network.ParameterCount, network.Parameters.Length);

            // Garbage and a compacting collection would move an ordinary array; the pinned buffer stays put.
            for (int i = 0; i < 1000; i++)
            {
                _ = new float[100];
            }

            GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
            Assert.Equal(before, AddressOf(network.Parameters));
        }
    }

    [Fact]
    public void View_SkipsToTheBoundary_AndKeepsTheValuesWritten()
    {
        float[] buffer = ParameterMemory.Allocate(37);
        Span<float> view = ParameterMemory.View(buffer, 37);
        for (int i = 0; i < view.Length; i++)
        {
            view[i] = i + 0.5f;
        }

        Assert.Equal(0, AddressOf(view) % ParameterMemory.Alignment);
        Assert.Equal(37, view.Length);
        Assert.Equal(37 + 15, buffer.Length);
        Assert.Equal(36.5f, ParameterMemory.View(buffer, 37)[36]);
    }

    [Fact]
    public void Allocate_RejectsANegativeCount()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => ParameterMemory.Allocate(-1));
        Assert.Equal("count", error.ParamName);
    }

    private static nint AddressOf(Span<float> span) =>
        (nint)Unsafe.ByteOffset(ref Unsafe.NullRef<float>(), ref MemoryMarshal.GetReference(span));
}
