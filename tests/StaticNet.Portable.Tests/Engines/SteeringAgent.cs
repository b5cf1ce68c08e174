// <docs:unity-agent>
using StaticNet;
using UnityEngine;

/// <summary>
/// A body on a line that learns, one TrainStep per frame, to steer like a PD controller: observation (offset to the
/// target, velocity) → thrust. Nothing is allocated after construction, so the game never waits for the collector.
/// </summary>
public sealed class SteeringAgent : MonoBehaviour
{
    private readonly SteeringNet _net = new SteeringNet(seed: 1);
    private readonly float[] _observation = new float[SteeringNet.InputSize];
    private readonly float[] _teacher = new float[SteeringNet.OutputSize];
    private readonly float[] _thrust = new float[SteeringNet.OutputSize];
    private float _position;
    private float _velocity;
    private float _target = 1f;
    private int _frame;

    /// <summary>The loss of the last frame's training step.</summary>
    public float LastLoss { get; private set; }

    private void Update()
    {
        _observation[0] = _target - _position;
        _observation[1] = _velocity;
        _teacher[0] = (4f * _observation[0]) - (2f * _observation[1]);       // what the teacher would do
        LastLoss = _net.TrainStep(_observation, _teacher, learningRate: 0.02f); // learn from this frame
        _net.Forward(_observation, _thrust);                                   // act with what was learnt
        _velocity += _thrust[0] * Time.deltaTime;
        _position += _velocity * Time.deltaTime;
        if (++_frame % 240 == 0)
        {
            _target = -_target;                                                // a new goal every 4 seconds
        }
    }
}

[Network(2, 16, 1, Hidden = Activation.Tanh, Output = Activation.Identity, Loss = Loss.MeanSquaredError)]
public partial class SteeringNet
{
}
// </docs:unity-agent>
