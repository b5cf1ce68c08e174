using System;
using System.Diagnostics;

namespace StaticNet.Samples.Latency;

/// <summary>
/// The controller the network learns to imitate: linear state feedback (gains found by simulation to keep the pole
/// up through pushes) through a saturating motor, F = 10 N · tanh(K·s / 10 N). The network is trained on random
/// states the sample makes itself, with the teacher's force as the target.
/// </summary>
public static class Teacher
{
    /// <summary>The seed of the training states, the initialisation and the shuffles.</summary>
    public const int Seed = 9;

    // Position, velocity, angle, angular velocity: the position gain pushes the cart away first, so that the pole
    // tilts back towards the centre (the usual non-minimum-phase move of an inverted pendulum).
    private static ReadOnlySpan<float> Gains => [1f, 2f, 25f, 4f];

    /// <summary>The teacher's force for <paramref name="state"/>, as a fraction of <see cref="CartPole.MaxForce"/>.</summary>
    public static float Force(in CartPole state)
    {
        ReadOnlySpan<float> k = Gains;
        float u = (k[0] * state.Position) + (k[1] * state.Velocity) + (k[2] * state.Angle) + (k[3] * state.AngularVelocity);
        return MathF.Tanh(u / CartPole.MaxForce);
    }

    /// <summary>
    /// Trains <paramref name="network"/> on <paramref name="count"/> random states spanning the sensor ranges and
    /// returns the final training loss and how long training took.
    /// </summary>
    public static (float Loss, TimeSpan Elapsed) Train(BalancerNet network, int count = 4096, int epochs = 60)
    {
        long start = Stopwatch.GetTimestamp();
        var random = new DeterministicRandom(Seed);
        var features = new float[count * 4];
        var targets = new float[count];
        for (int s = 0; s < count; s++)
        {
            CartPole state = RandomState(ref random);
            Sensors.Read(state, features.AsSpan(s * 4, 4), ref random, noiseLevel: 0f);
            targets[s] = Force(state);
        }

        var options = new TrainerOptions { Epochs = epochs, BatchSize = 32, Seed = Seed };
        TrainingResult result = new Trainer(network, new Adam(learningRate: 0.005f), options).Fit(new Dataset(features, 4, targets, 1));
        return (result.History[^1].TrainLoss, Stopwatch.GetElapsedTime(start));
    }

    /// <summary>A state drawn uniformly from the box the sensors' ranges span.</summary>
    public static CartPole RandomState(ref DeterministicRandom random)
    {
        ReadOnlySpan<float> ranges = Sensors.Ranges;
        return new CartPole
        {
            Position = random.NextSymmetric(ranges[0]),
            Velocity = random.NextSymmetric(ranges[1]),
            Angle = random.NextSymmetric(ranges[2]),
            AngularVelocity = random.NextSymmetric(ranges[3]),
        };
    }
}
