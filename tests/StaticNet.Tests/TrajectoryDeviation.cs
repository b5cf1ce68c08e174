using System;
using Xunit;

namespace StaticNet.Tests;

/// <summary>
/// Compares a training in C# with one PyTorch recorded, step by step: each step's loss and every parameter after the
/// step must agree to a tolerance, and the largest deviations are kept for the test output.
/// </summary>
internal sealed class TrajectoryDeviation
{
    private readonly string _name;
    private readonly float _tolerance;
    private float[]? _parameters; // the network's parameters in PyTorch's order, refilled at every step

    public TrajectoryDeviation(string name, float tolerance)
    {
        _name = name;
        _tolerance = tolerance;
    }

    /// <summary>The largest |loss − PyTorch's loss| so far.</summary>
    public float WorstLoss { get; private set; }

    /// <summary>The largest |θᵢ − PyTorch's θᵢ| so far.</summary>
    public float WorstParameter { get; private set; }

    /// <summary>Asserts the loss of <paramref name="step"/>'s batch, computed before the step, against PyTorch's.</summary>
    public void CheckLoss(int step, float loss, float expected)
    {
        float difference = Math.Abs(loss - expected);
        WorstLoss = Math.Max(WorstLoss, difference);
        Assert.True(difference <= _tolerance, $"{_name}, step {step}: loss {loss:R}, PyTorch {expected:R}");
    }

    /// <summary>
    /// Asserts every parameter of <paramref name="network"/> after <paramref name="step"/> against PyTorch's, read in
    /// PyTorch's order: the network may keep a layer's W by columns, the recorded trajectory holds nn.Linear's rows.
    /// </summary>
    public void CheckParameters(int step, INetwork network, float[] expected)
    {
        Assert.Equal(expected.Length, network.ParameterCount);
        _parameters ??= new float[network.ParameterCount];
        network.CopyParametersTo(_parameters);
        for (int i = 0; i < _parameters.Length; i++)
        {
            float difference = Math.Abs(_parameters[i] - expected[i]);
            WorstParameter = Math.Max(WorstParameter, difference);
            Assert.True(difference <= _tolerance, $"{_name}, step {step}, parameter {i}: {_parameters[i]:R}, PyTorch {expected[i]:R}");
        }
    }

    /// <summary>The largest deviations over <paramref name="steps"/> steps, for the test output.</summary>
    public string Summary(int steps) => $"{_name}: max |Δθ| {WorstParameter:G3}, max |Δloss| {WorstLoss:G3} over {steps} steps";
}
