using System;
using StaticNet.Samples.Iris;
using StaticNet.Tests.Networks;
using Xunit;

namespace StaticNet.Tests;

/// <summary>The generated constants, layout, views and initialisation.</summary>
public class GeneratedApiTests
{
    [Fact]
    public void Constants_DescribeThe_4_5_3_Network()
    {
        Assert.Equal(4, DefaultNet.InputSize);
        Assert.Equal(3, DefaultNet.OutputSize);
        Assert.Equal(43, DefaultNet.ParameterCount);
        Assert.Equal(2, DefaultNet.LayerCount);
        Assert.Equal(new[] { 4, 5, 3 }, DefaultNet.LayerSizes.ToArray());
        Assert.Equal((0, 20, 20, 5), (DefaultNet.Layer1WeightsOffset, DefaultNet.Layer1WeightsLength, DefaultNet.Layer1BiasesOffset, DefaultNet.Layer1Size));
        Assert.Equal((25, 15, 40, 3), (DefaultNet.Layer2WeightsOffset, DefaultNet.Layer2WeightsLength, DefaultNet.Layer2BiasesOffset, DefaultNet.Layer2Size));

        INetwork network = new DefaultNet();
        Assert.Equal((4, 3, 43), (network.InputSize, network.OutputSize, network.ParameterCount));
        Assert.Equal(43, network.Parameters.Length);
    }

    [Fact]
    public void LayerViews_AliasTheParameterBuffer_InPyTorchOrder()
    {
        var network = new DefaultNet();
        network.Layer2Weights[2] = 7f; // element 2 of W[2]'s block, in the order GetWeightOrder(2) names
        network.Layer2Biases[1] = -2f;
        Assert.Equal(7f, network.Parameters[25 + 2]);
        Assert.Equal(-2f, network.Parameters[41]);
        Assert.Equal(20, network.Layer1Weights.Length);
        Assert.Equal(3, network.Layer2Biases.Length);
    }

    [Fact]
    public void Weights_JoinInputKToUnitJ_AsBackpropMdSays()
    {
        // W[1][j,k] joins input k to unit j: with one non-zero weight W[1][2,1] only unit 2 sees input 1. In PyTorch's
        // order it is at j·3 + k; this 4-unit layer keeps W by columns, where it is at k·4 + j.
        var network = new LectureLinearLayer();
        network.Parameters.Clear();
        var weights = new float[12];
        weights[(2 * LectureLinearLayer.InputSize) + 1] = 3f;
        network.SetWeights(1, weights);
        Assert.Equal(WeightOrder.ColumnMajor, network.GetWeightOrder(1));
        Assert.Equal(3f, network.Layer1Weights[(1 * 4) + 2]);

        var output = new float[4];
        network.Forward(new[] { 0f, 5f, 0f }, output);
        Assert.Equal(new[] { 0f, 0f, 15f, 0f }, output);
    }

    [Fact]
    public void Initialization_IsDeterministic_AndWithinXavierOrHeBounds()
    {
        Assert.Equal(new DefaultNet(3).Parameters.ToArray(), new DefaultNet(3).Parameters.ToArray());
        Assert.Equal(new DefaultNet().Parameters.ToArray(), new DefaultNet(0).Parameters.ToArray());
        Assert.NotEqual(new DefaultNet(3).Parameters.ToArray(), new DefaultNet(4).Parameters.ToArray());

        var sigmoid = new DefaultNet(3);
        float xavier = MathF.Sqrt(6f / (4 + 5));
        Assert.All(sigmoid.Layer1Weights.ToArray(), w => Assert.InRange(w, -xavier, xavier));
        Assert.All(sigmoid.Layer1Biases.ToArray(), b => Assert.Equal(0f, b));

        var relu = new IrisNet(3);
        float he = MathF.Sqrt(6f / 4);
        float[] weights = relu.Layer1Weights.ToArray();
        Assert.All(weights, w => Assert.InRange(w, -he, he));

        // Uniform on [-he, he] has standard deviation he/√3: a sloppy scheme (all zeros, all equal) fails this.
        double mean = 0, variance = 0;
        foreach (float w in weights)
        {
            mean += w / weights.Length;
        }

        foreach (float w in weights)
        {
            variance += (w - mean) * (w - mean) / weights.Length;
        }

        Assert.InRange(Math.Sqrt(variance), 0.5 * he / Math.Sqrt(3), 1.5 * he / Math.Sqrt(3));
    }

    [Fact]
    public void Initialize_ResetsToTheSeededState()
    {
        var network = new DefaultNet(8);
        float[] expected = network.Parameters.ToArray();
        network.Parameters.Fill(1f);
        network.Initialize(8);
        Assert.Equal(expected, network.Parameters.ToArray());
    }

    [Fact]
    public void UserConstructor_IsKept_AndTheSeedConstructorStillGenerated()
    {
        Assert.Equal(new NetWithOwnConstructor(7).Parameters.ToArray(), new NetWithOwnConstructor().Parameters.ToArray());
    }

    [Fact]
    public void PrimaryConstructorNetwork_StartsFromSeedZero()
    {
        var network = new NetWithPrimaryConstructor("brain");
        float[] fromField = network.Parameters.ToArray();
        network.Initialize(0);
        Assert.Equal("brain", network.Name);
        Assert.Equal(network.Parameters.ToArray(), fromField);
        Assert.Contains(fromField, value => value != 0f);
    }

    [Fact]
    public void Loss_MatchesTheConfiguredLossFunction()
    {
        INetwork crossEntropy = new IrisNet();
        float[] output = { 0.7f, 0.2f, 0.1f };
        float[] target = { 1f, 0f, 0f };
        Assert.Equal(-MathF.Log(0.7f), crossEntropy.Loss(output, target), 1e-6f);
        Assert.Equal(-MathF.Log(0.7f), new IrisNet().ComputeLoss(output, target), 1e-6f);

        INetwork meanSquared = new DefaultNet();
        Assert.Equal(0.5f * (0.09f + 0.04f + 0.01f), meanSquared.Loss(output, target), 1e-6f);
    }

    [Fact]
    public void Backward_ReturnsTheLossOfForward_AndAccumulates()
    {
        var network = new IrisNet(2);
        float[] input = { 0.3f, -1.2f, 0.8f, 0.1f };
        float[] target = { 0f, 1f, 0f };
        var output = new float[3];
        network.Forward(input, output);

        var once = new float[IrisNet.ParameterCount];
        float loss = network.Backward(input, target, once);
        Assert.Equal(network.ComputeLoss(output, target), loss, 1e-6f);

        var twice = new float[IrisNet.ParameterCount];
        network.Backward(input, target, twice);
        network.Backward(input, target, twice);
        for (int i = 0; i < once.Length; i++)
        {
            Assert.Equal(2f * once[i], twice[i], 1e-6f);
        }
    }
}
