// <docs:godot-node>
using Godot;
using StaticNet;

/// <summary>The same learner as a Godot node: _Process runs one TrainStep and one Forward per frame.</summary>
public partial class SteeringNode : Node
{
    private readonly GodotSteeringNet _net = new GodotSteeringNet(seed: 1);
    private readonly float[] _observation = new float[GodotSteeringNet.InputSize];
    private readonly float[] _teacher = new float[GodotSteeringNet.OutputSize];
    private readonly float[] _thrust = new float[GodotSteeringNet.OutputSize];
    private float _position;
    private float _velocity;
    private float _target = 1f;

    /// <summary>The loss of the last frame's training step.</summary>
    public float LastLoss { get; private set; }

    public override void _Process(double delta)
    {
        _observation[0] = _target - _position;
        _observation[1] = _velocity;
        _teacher[0] = (4f * _observation[0]) - (2f * _observation[1]);
        LastLoss = _net.TrainStep(_observation, _teacher, learningRate: 0.02f);
        _net.Forward(_observation, _thrust);
        _velocity += _thrust[0] * (float)delta;
        _position += _velocity * (float)delta;
    }
}

[Network(2, 16, 1, Hidden = Activation.Tanh, Output = Activation.Identity, Loss = Loss.MeanSquaredError)]
public partial class GodotSteeringNet
{
}
// </docs:godot-node>
