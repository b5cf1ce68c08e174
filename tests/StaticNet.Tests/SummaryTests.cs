using StaticNet.Samples.Iris;
using StaticNet.Tests.Networks;
using Xunit;

namespace StaticNet.Tests;

/// <summary>The generated ToString and Summary: the architecture as text, constant, so reading it allocates nothing.</summary>
public sealed class SummaryTests
{
    [Fact]
    public void ToString_NamesSizesActivationsLossAndParameterCount()
    {
        // <docs:summary>
        var network = new IrisNet(seed: 1);
        string line = network.ToString();
        // "IrisNet: 4-8-3, ReLU, Softmax, loss CrossEntropy, 67 parameters"
        string table = network.Summary();
        // </docs:summary>
        Assert.Equal("IrisNet: 4-8-3, ReLU, Softmax, loss CrossEntropy, 67 parameters", line);
        Assert.Equal(
            "IrisNet\n" +
            "layer   units  activation          parameters\n" +
            "input       4\n" +
            "1           8  ReLU                        40\n" +
            "2           3  Softmax                     27\n" +
            "loss CrossEntropy, 67 parameters",
            table);
    }

    [Fact]
    public void Summary_ShowsTheLeakySlope_PerLayerActivations_AndThousandsSeparators()
    {
        Assert.Equal("Arch24: 12-25-3, LeakyReLU (-0.5), Softmax, loss CrossEntropy, 403 parameters", new Arch24(1).ToString());
        Assert.Equal("Arch40: 6-10-9-8-7-2, GELU, SiLU, ELU, Softplus, Identity, loss MeanSquaredError, 328 parameters", new Arch40(1).ToString());
        Assert.EndsWith(", 3,151 parameters", new Arch21(1).Summary());
    }

    [Fact]
    public void ToStringAndSummary_ReturnTheSameStringEveryTime()
    {
        var network = new Arch41(1);
        Assert.Same(network.ToString(), network.ToString());
        Assert.Same(network.Summary(), network.Summary());
        Assert.Contains("loss Huber", network.Summary());
    }
}
