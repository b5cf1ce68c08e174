using System;
using Xunit;

namespace StaticNet.Tests;

/// <summary>Each limit of <see cref="ReadOptions"/> refuses a value that would reject every file, naming it.</summary>
public class ReadOptionsTests
{
    [Fact]
    public void Defaults_AreTheDocumentedLimits()
    {
        ReadOptions options = ReadOptions.Default;
        Assert.Equal(10_000, options.MaxClassCount);
        Assert.Equal(256L << 20, options.MaxDecompressedBytes);
        Assert.Equal(1L << 30, options.MaxDatasetBytes);
        Assert.Equal(10_000, options.MaxTensorCount);
    }

    [Fact]
    public void APositiveLimit_IsKept()
    {
        var options = new ReadOptions { MaxClassCount = 1, MaxDecompressedBytes = 2, MaxDatasetBytes = 3, MaxTensorCount = 4 };
        Assert.Equal((1, 2L, 3L, 4), (options.MaxClassCount, options.MaxDecompressedBytes, options.MaxDatasetBytes, options.MaxTensorCount));
    }

    [Theory]
    [InlineData(nameof(ReadOptions.MaxClassCount), 0)]
    [InlineData(nameof(ReadOptions.MaxClassCount), -5)]
    [InlineData(nameof(ReadOptions.MaxDecompressedBytes), -1)]
    [InlineData(nameof(ReadOptions.MaxDatasetBytes), 0)]
    [InlineData(nameof(ReadOptions.MaxTensorCount), -100)]
    public void ALimitBelowOne_Throws_NamingTheLimitAndTheValue(string limit, int value)
    {
        var exception = Assert.Throws<ArgumentOutOfRangeException>(() => limit switch
        {
            nameof(ReadOptions.MaxClassCount) => new ReadOptions { MaxClassCount = value },
            nameof(ReadOptions.MaxDecompressedBytes) => new ReadOptions { MaxDecompressedBytes = value },
            nameof(ReadOptions.MaxDatasetBytes) => new ReadOptions { MaxDatasetBytes = value },
            _ => new ReadOptions { MaxTensorCount = value },
        });
        Assert.Equal(limit, exception.ParamName);
        Assert.Contains($"{limit} must be at least 1", exception.Message, StringComparison.Ordinal);
        Assert.Contains($"got {value}", exception.Message, StringComparison.Ordinal);
    }
}
