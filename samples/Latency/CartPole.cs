using System;

namespace StaticNet.Samples.Latency;

/// <summary>
/// The classic cart-pole (Barto, Sutton and Anderson 1983): a 1 kg cart on a track with a 0.1 kg, 1 m pole hinged on
/// it, pushed by a motor of at most 10 N. Euler steps of <see cref="TimeStep"/>; angles in radians, positive when the
/// pole leans towards +x.
/// </summary>
public struct CartPole
{
    /// <summary>The control period, seconds (100 Hz).</summary>
    public const float TimeStep = 0.01f;

    /// <summary>The motor's largest force, newtons.</summary>
    public const float MaxForce = 10f;

    /// <summary>Beyond this angle the pole counts as fallen (12°).</summary>
    public const float FallAngle = 0.21f;

    /// <summary>The track ends this far from its centre, metres.</summary>
    public const float TrackHalfLength = 2.4f;

    private const float Gravity = 9.8f, CartMass = 1f, PoleMass = 0.1f, HalfPoleLength = 0.5f;
    private const float TotalMass = CartMass + PoleMass, PoleMassLength = PoleMass * HalfPoleLength;

    /// <summary>Cart position, metres from the centre of the track.</summary>
    public float Position;

    /// <summary>Cart velocity, m/s.</summary>
    public float Velocity;

    /// <summary>Pole angle from upright, radians.</summary>
    public float Angle;

    /// <summary>Pole angular velocity, rad/s.</summary>
    public float AngularVelocity;

    /// <summary>Whether the pole has fallen or the cart has run off the track.</summary>
    public readonly bool HasFailed => MathF.Abs(Angle) > FallAngle || MathF.Abs(Position) > TrackHalfLength;

    /// <summary>Advances the simulation by one <see cref="TimeStep"/> under <paramref name="force"/> newtons.</summary>
    public void Step(float force)
    {
        (float sin, float cos) = MathF.SinCos(Angle);
        float temp = (force + (PoleMassLength * AngularVelocity * AngularVelocity * sin)) / TotalMass;
        float angularAcceleration = ((Gravity * sin) - (cos * temp)) / (HalfPoleLength * ((4f / 3f) - (PoleMass * cos * cos / TotalMass)));
        float acceleration = temp - (PoleMassLength * angularAcceleration * cos / TotalMass);
        Position += TimeStep * Velocity;
        Velocity += TimeStep * acceleration;
        Angle += TimeStep * AngularVelocity;
        AngularVelocity += TimeStep * angularAcceleration;
    }
}
