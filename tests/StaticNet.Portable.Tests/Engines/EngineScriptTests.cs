using System;
using System.Reflection;
using Xunit;

namespace StaticNet.Tests;

/// <summary>
/// The Unity and Godot scripts of docs/unity.md, run frame by frame as the engines run them, against the portable
/// (netstandard2.1) build: each learns its teacher's steering (the mean loss falls more than twentyfold) and a frame
/// allocates nothing.
/// </summary>
public sealed class EngineScriptTests
{
    [Fact]
    public void UnityAgent_LearnsToSteer_AndAFrameAllocatesNothing()
    {
        var agent = new SteeringAgent();
        Action update = (Action)Delegate.CreateDelegate(typeof(Action), agent, typeof(SteeringAgent).GetMethod("Update", BindingFlags.Instance | BindingFlags.NonPublic)!);

        AssertLearnsWithoutAllocating(update, () => agent.LastLoss);
    }

    [Fact]
    public void GodotNode_LearnsToSteer_AndAFrameAllocatesNothing()
    {
        var node = new SteeringNode();

        AssertLearnsWithoutAllocating(() => node._Process(1.0 / 60), () => node.LastLoss);
    }

    private static void AssertLearnsWithoutAllocating(Action frame, Func<float> loss)
    {
        double first = MeanLoss(frame, loss, frames: 120);
        for (int i = 0; i < 3000; i++)
        {
            frame();
        }

        double last = MeanLoss(frame, loss, frames: 120);
        Assert.True(last < first / 20, $"mean loss over 120 frames: {first:G4} at the start, {last:G4} after 50 s of frames");

        long fewest = long.MaxValue;
        for (int read = 0; read < 3; read++)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < 600; i++)
            {
                frame();
            }

            fewest = Math.Min(fewest, GC.GetAllocatedBytesForCurrentThread() - before);
        }

        Assert.Equal(0, fewest);
    }

    private static double MeanLoss(Action frame, Func<float> loss, int frames)
    {
        double sum = 0;
        for (int i = 0; i < frames; i++)
        {
            frame();
            sum += loss();
        }

        return sum / frames;
    }
}
