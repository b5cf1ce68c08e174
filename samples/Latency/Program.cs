using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using StaticNet;
using StaticNet.Samples.Latency;

// A 100 Hz balancing loop: each tick reads the cart-pole's sensors, runs the network once and applies its force.
// Every Forward call is timed; the loop must not allocate or collect. See README.md for the options.
long mainEntered = Stopwatch.GetTimestamp();
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
Options options = Options.Parse(args);

var network = new BalancerNet();
if (options.Train)
{
    (float loss, TimeSpan elapsed) = Teacher.Train(network);
    Console.WriteLine($"trained on 4,096 generated states in {elapsed.TotalMilliseconds:F0} ms, final mean loss {loss:E2}");
    if (options.SavePath is not null)
    {
        SafeTensors.Save(network, options.SavePath);
        Console.WriteLine($"saved the weights to {options.SavePath}");
    }
}
else
{
    SafeTensors.Load(network, Path.Combine(AppContext.BaseDirectory, "Data", "balancer.safetensors"));
}

// The first inference: it includes loading the weights and, under the JIT, compiling Forward.
const float NoiseLevel = 0.01f;
var plant = new CartPole { Angle = 0.05f };
var noise = new DeterministicRandom(1);
Span<float> readings = stackalloc float[4];
Span<float> force = stackalloc float[1];
Sensors.Read(plant, readings, ref noise, NoiseLevel);
long firstCallStart = Stopwatch.GetTimestamp();
network.Forward(readings, force);
long firstInference = Stopwatch.GetTimestamp();
long firstInferenceUnixNanoseconds = (DateTime.UtcNow - DateTime.UnixEpoch).Ticks * 100;
Console.WriteLine($"{(RuntimeFeature.IsDynamicCodeSupported ? "JIT" : "NativeAOT")}; Vector512 {Vector512.IsHardwareAccelerated}, Vector256 {Vector256.IsHardwareAccelerated}, Vector128 {Vector128.IsHardwareAccelerated}, FMA {System.Runtime.Intrinsics.X86.Fma.IsSupported || System.Runtime.Intrinsics.Arm.AdvSimd.IsSupported}");
Console.WriteLine($"first inference: {Stopwatch.GetElapsedTime(mainEntered, firstInference).TotalMilliseconds:F2} ms after Main started (the call itself {Stopwatch.GetElapsedTime(firstCallStart, firstInference).TotalMicroseconds:F0} µs)");
if (options.LaunchedAtUnixNanoseconds is long launched)
{
    Console.WriteLine($"first inference: {(firstInferenceUnixNanoseconds - launched) / 1e6:F2} ms after launch (--launched-at)");
}

if (options.FirstInferenceOnly)
{
    return 0;
}

// Warm-up, not recorded: under the JIT, Forward is recompiled with full optimisation after its first calls.
var warmUp = Stopwatch.StartNew();
var controller = new Controller(network, new LatencyRecorder(0));
while (warmUp.ElapsedMilliseconds < options.WarmUpMilliseconds)
{
    controller.Run(ref plant, ref noise, 10_000, NoiseLevel);
}

controller = new Controller(network, new LatencyRecorder(options.Ticks));
plant = new CartPole { Angle = 0.05f };
int gen0 = GC.CollectionCount(0), gen1 = GC.CollectionCount(1), gen2 = GC.CollectionCount(2);
long allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
controller.Run(ref plant, ref noise, options.Ticks, NoiseLevel);
long allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
int collections = GC.CollectionCount(0) - gen0 + (GC.CollectionCount(1) - gen1) + (GC.CollectionCount(2) - gen2);

(double[] percentiles, double mean) = controller.Recorder.Summarise([50, 90, 99, 99.9, 100]);
double timerOverhead = TimerOverheadNanoseconds();
Console.WriteLine();
Console.WriteLine($"{options.Ticks:N0} ticks ({options.Ticks * CartPole.TimeStep / 60:F0} simulated minutes, a push every 5 s), after {options.WarmUpMilliseconds} ms of warm-up");
Console.WriteLine($"  Forward latency, ns:  p50 {percentiles[0]:F0}   p90 {percentiles[1]:F0}   p99 {percentiles[2]:F0}   p99.9 {percentiles[3]:F0}   max {percentiles[4]:F0}   mean {mean:F1}");
Console.WriteLine($"  (each includes one Stopwatch.GetTimestamp, median {timerOverhead:F0} ns on its own)");
Console.WriteLine($"  allocated during the loop: {allocated} bytes; garbage collections: {collections}");
Console.WriteLine($"  falls: {controller.Falls}; largest pole angle {controller.LargestAngle * 180 / MathF.PI:F1}°; mean |network − teacher| force {controller.TeacherDifference / options.Ticks * CartPole.MaxForce:F3} N");

if (allocated != 0 || collections != 0)
{
    Console.Error.WriteLine("The loop allocated or collected: a real-time loop must do neither.");
    return 1;
}

return 0;

// The cost of one timestamp, measured the way the loop measures Forward: back-to-back readings.
static double TimerOverheadNanoseconds()
{
    var recorder = new LatencyRecorder(100_000);
    for (int i = 0; i < 100_000; i++)
    {
        long before = Stopwatch.GetTimestamp();
        recorder.Record(Stopwatch.GetTimestamp() - before);
    }

    return recorder.Summarise([50]).Nanoseconds[0];
}
