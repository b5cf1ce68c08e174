using System;
using StaticNet.Tests.Networks;
using Xunit;

namespace StaticNet.Tests;

/// <summary>A wrong span length is an ArgumentException naming the parameter, the expected and the actual length.</summary>
public class ArgumentValidationTests
{
    private readonly DefaultNet _network = new(seed: 1);

    [Fact]
    public void Forward_WrongInputLength_NamesParameterAndLengths()
    {
        var exception = Assert.Throws<ArgumentException>(() => _network.Forward(new float[3], new float[3]));
        Assert.Equal("input", exception.ParamName);
        Assert.Contains("must have length 4", exception.Message);
        Assert.Contains("has length 3", exception.Message);
    }

    [Fact]
    public void Forward_WrongOutputLength_Throws()
    {
        var exception = Assert.Throws<ArgumentException>(() => _network.Forward(new float[4], new float[4]));
        Assert.Equal("output", exception.ParamName);
        Assert.Contains("must have length 3, but has length 4", exception.Message);
    }

    [Fact]
    public void TrainStep_WrongLengths_NameParameterAndLengths_AndLeaveParametersUnchanged()
    {
        float[] before = _network.Parameters.ToArray();
        var input = Assert.Throws<ArgumentException>(() => _network.TrainStep(new float[5], new float[3], 0.1f));
        Assert.Equal("input", input.ParamName);
        Assert.Contains("must have length 4, but has length 5", input.Message);
        var target = Assert.Throws<ArgumentException>(() => _network.TrainStep(new float[4], new float[2], 0.1f));
        Assert.Equal("target", target.ParamName);
        Assert.Contains("must have length 3, but has length 2", target.Message);
        Assert.Equal(before, _network.Parameters.ToArray());
    }

    [Fact]
    public void Backward_WrongLengths_Throw()
    {
        Assert.Equal("target", Assert.Throws<ArgumentException>(() => _network.Backward(new float[4], new float[2], new float[43])).ParamName);
        var gradient = Assert.Throws<ArgumentException>(() => _network.Backward(new float[4], new float[3], new float[42]));
        Assert.Equal("gradient", gradient.ParamName);
        Assert.Contains("must have length 43, but has length 42", gradient.Message);
        var inputGradient = Assert.Throws<ArgumentException>(() => _network.Backward(new float[4], new float[3], new float[43], new float[5]));
        Assert.Equal("inputGradient", inputGradient.ParamName);
        Assert.Contains("4 (or 0 to skip it)", inputGradient.Message);
    }

    [Fact]
    public void Backpropagate_WrongLengths_Throw()
    {
        Assert.Equal("outputGradient", Assert.Throws<ArgumentException>(() => _network.Backpropagate(new float[4], new float[1], new float[43], default)).ParamName);
        Assert.Equal("gradient", Assert.Throws<ArgumentException>(() => _network.Backpropagate(new float[4], new float[3], new float[44], default)).ParamName);
    }

    [Fact]
    public void FailedCall_LeavesGradientUntouched()
    {
        var gradient = new float[DefaultNet.ParameterCount];
        Assert.Throws<ArgumentException>(() => _network.Backward(new float[4], new float[3], gradient, new float[1]));
        Assert.All(gradient, value => Assert.Equal(0f, value));
    }

    [Fact]
    public void Optimizers_RejectMismatchedGradient()
    {
        var parameters = new float[10];
        Assert.Equal("gradient", Assert.Throws<ArgumentException>(() => new Sgd(0.1f).Step(parameters, new float[9])).ParamName);
        var adam = new Adam();
        adam.Step(parameters, new float[10]);
        Assert.Equal("gradient", Assert.Throws<ArgumentException>(() => adam.Step(parameters, new float[11])).ParamName);

        // Another parameter count is another vector: a state error (one optimizer per parameter vector), not a bad argument.
        Assert.Throws<InvalidOperationException>(() => adam.Step(new float[11], new float[11]));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Sgd(0f));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Adam(beta1: 1f));
    }
}
