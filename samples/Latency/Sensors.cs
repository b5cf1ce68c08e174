using System;

namespace StaticNet.Samples.Latency;

/// <summary>
/// What the controller sees of the cart-pole: each quantity divided by the largest value it takes in normal
/// operation, so that the network's inputs are about ±1, plus optional measurement noise.
/// </summary>
public static class Sensors
{
    /// <summary>The scale of each reading: position, velocity, angle, angular velocity.</summary>
    public static ReadOnlySpan<float> Ranges => [CartPole.TrackHalfLength, 3f, 0.25f, 2.5f];

    /// <summary>Writes the four scaled readings of <paramref name="state"/> into <paramref name="readings"/>.</summary>
    public static void Read(in CartPole state, Span<float> readings, ref DeterministicRandom noise, float noiseLevel)
    {
        ReadOnlySpan<float> ranges = Ranges;
        readings[0] = (state.Position / ranges[0]) + noise.NextSymmetric(noiseLevel);
        readings[1] = (state.Velocity / ranges[1]) + noise.NextSymmetric(noiseLevel);
        readings[2] = (state.Angle / ranges[2]) + noise.NextSymmetric(noiseLevel);
        readings[3] = (state.AngularVelocity / ranges[3]) + noise.NextSymmetric(noiseLevel);
    }
}
