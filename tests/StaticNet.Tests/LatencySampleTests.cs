using System;
using System.IO;
using StaticNet.Samples.Latency;
using Xunit;

namespace StaticNet.Tests;

/// <summary>samples/Latency: the controller learns its teacher, balances the pole and its loop allocates nothing.</summary>
public class LatencySampleTests
{
    [Fact]
    public void Teacher_TrainedNetworkGivesTheTeachersForceToWithinTwoPercent()
    {
        var network = new BalancerNet(seed: Teacher.Seed);
        (float loss, _) = Teacher.Train(network);

        // Fresh states (another seed than training): mean |network − teacher| as a fraction of the motor's maximum.
        var random = new DeterministicRandom(123);
        Span<float> readings = stackalloc float[4];
        Span<float> force = stackalloc float[1];
        double difference = 0;
        const int Count = 2000;
        for (int i = 0; i < Count; i++)
        {
            CartPole state = Teacher.RandomState(ref random);
            Sensors.Read(state, readings, ref random, noiseLevel: 0f);
            network.Forward(readings, force);
            difference += Math.Abs(force[0] - Teacher.Force(state));
        }

        Assert.True(loss < 1e-4f, $"final training loss {loss}");
        Assert.True(difference / Count < 0.02, $"mean |network − teacher| {difference / Count}");
    }

    [Fact]
    public void Controller_ShippedWeights_KeepThePoleUpThroughPushes_WithoutAllocating()
    {
        var network = new BalancerNet();
        SafeTensors.Load(network, Path.Combine(AppContext.BaseDirectory, "Data", "balancer.safetensors"));
        var plant = new CartPole { Angle = 0.05f };
        var noise = new DeterministicRandom(1);
        new Controller(network, new LatencyRecorder(0)).Run(ref plant, ref noise, 2_000, 0.01f);

        // Three identical rounds from the same state, keeping the smallest allocation: on a loaded machine tiered
        // compilation may replace a method in the middle of the loop, and its bookkeeping can allocate on this thread
        // once, while an allocation of the loop itself shows in every round.
        const int Ticks = 30_000;
        Controller controller = null!;
        long allocated = long.MaxValue;
        for (int round = 0; round < 3; round++)
        {
            CartPole roundPlant = plant;
            DeterministicRandom roundNoise = noise;
            controller = new Controller(network, new LatencyRecorder(Ticks));
            long before = GC.GetAllocatedBytesForCurrentThread();
            controller.Run(ref roundPlant, ref roundNoise, Ticks, 0.01f);
            allocated = Math.Min(allocated, GC.GetAllocatedBytesForCurrentThread() - before);
        }

        // 30,000 ticks are five simulated minutes with 60 pushes; the pole never passes 12°.
        Assert.Equal(0, allocated);
        Assert.Equal(0, controller.Falls);
        Assert.InRange(controller.LargestAngle, 0.01f, CartPole.FallAngle);
        Assert.Equal(Ticks, controller.Recorder.Count);
        Assert.True(controller.TeacherDifference / Ticks < 0.02, $"mean |network − teacher| {controller.TeacherDifference / Ticks}");
    }

    [Fact]
    public void LatencyRecorder_GivesNearestRankPercentiles()
    {
        var recorder = new LatencyRecorder(200);
        for (int ticks = 200; ticks >= 1; ticks--)
        {
            recorder.Record(ticks);
        }

        (double[] nanoseconds, double mean) = recorder.Summarise([50, 99, 99.9, 100]);
        double tick = 1e9 / System.Diagnostics.Stopwatch.Frequency;

        // Ranks ⌈0.5·200⌉ = 100, ⌈0.99·200⌉ = 198, ⌈0.999·200⌉ = 200 and 200; the mean of 1…200 is 100.5.
        Assert.Equal(new[] { 100 * tick, 198 * tick, 200 * tick, 200 * tick }, nanoseconds);
        Assert.Equal(100.5 * tick, mean, 9);
    }
}
