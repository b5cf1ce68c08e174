using System;
using System.Diagnostics;

namespace StaticNet.Samples.Latency;

/// <summary>
/// The control loop: per tick, read the sensors, run the network (timed), apply its force, advance the simulation;
/// a push every 5 simulated seconds, and a fresh start whenever the pole falls. Allocates nothing.
/// </summary>
public sealed class Controller
{
    private const int TicksBetweenPushes = 500;
    private readonly BalancerNet _network;

    /// <summary>Drives the cart-pole with <paramref name="network"/>, timing each call into <paramref name="recorder"/>.</summary>
    public Controller(BalancerNet network, LatencyRecorder recorder)
    {
        _network = network;
        Recorder = recorder;
    }

    /// <summary>The Forward durations.</summary>
    public LatencyRecorder Recorder { get; }

    /// <summary>How many times the pole fell or the cart left the track.</summary>
    public int Falls { get; private set; }

    /// <summary>The largest |pole angle| seen, radians.</summary>
    public float LargestAngle { get; private set; }

    /// <summary>The sum over ticks of |network force − teacher force|, as fractions of the maximum force.</summary>
    public double TeacherDifference { get; private set; }

    /// <summary>Runs <paramref name="ticks"/> control periods.</summary>
    public void Run(ref CartPole plant, ref DeterministicRandom noise, int ticks, float noiseLevel)
    {
        Span<float> readings = stackalloc float[4];
        Span<float> force = stackalloc float[1];
        for (int tick = 1; tick <= ticks; tick++)
        {
            Sensors.Read(plant, readings, ref noise, noiseLevel);
            long before = Stopwatch.GetTimestamp();
            _network.Forward(readings, force);
            long after = Stopwatch.GetTimestamp();
            Recorder.Record(after - before);

            float command = Math.Clamp(force[0], -1f, 1f);
            TeacherDifference += MathF.Abs(command - Teacher.Force(plant));
            plant.Step(command * CartPole.MaxForce);
            LargestAngle = MathF.Max(LargestAngle, MathF.Abs(plant.Angle));
            if (tick % TicksBetweenPushes == 0)
            {
                plant.Velocity += noise.NextSymmetric(0.5f);
                plant.AngularVelocity += noise.NextSymmetric(0.5f);
            }

            if (plant.HasFailed)
            {
                Falls++;
                plant = new CartPole { Angle = 0.05f };
            }
        }
    }
}
