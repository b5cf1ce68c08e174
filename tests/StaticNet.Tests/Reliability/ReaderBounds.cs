using System;
using System.Diagnostics;
using System.IO;
using System.Threading.Tasks;
using Xunit;

namespace StaticNet.Tests.Reliability;

/// <summary>What one rejected read cost: the exception, the bytes allocated on the reading thread, the time taken.</summary>
internal readonly record struct Rejection(InvalidDataException Exception, long Allocated, TimeSpan Elapsed)
{
    public override string ToString() =>
        $"{Allocated:N0} bytes allocated, {Elapsed.TotalMilliseconds:N0} ms, {Exception.Message.Length:N0}-character message: {Exception.Message[..Math.Min(160, Exception.Message.Length)]}";
}

/// <summary>
/// The oracles every reader of issue 18 must meet on bad input: <see cref="InvalidDataException"/> (nothing else),
/// the parameters byte-identical, allocation at most 10 × the input + 16 MB, a message under 10,000 characters, and
/// an answer in bounded time (a load that never returns fails the test instead of hanging it).
/// </summary>
internal static class ReaderBounds
{
    public const int MaxMessageLength = 10_000;

    /// <summary>The allocation bound for an input of <paramref name="inputBytes"/> bytes.</summary>
    public static long MaxAllocated(long inputBytes) => (10 * inputBytes) + (16L << 20);

    /// <summary>
    /// Runs <paramref name="load"/> on <paramref name="network"/> and checks that it is rejected within the oracles;
    /// returns what the rejection cost, for the test's output.
    /// </summary>
    public static Rejection Rejects(INetwork network, long inputBytes, Action load, TimeSpan? timeout = null)
    {
        int[] before = SafeTensorsTestFiles.Bits(network.Parameters);

        // On a thread of its own, so that a load that never ends fails the test rather than hanging the run.
        var task = Task.Factory.StartNew(
            () =>
            {
                long allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
                var clock = Stopwatch.StartNew();
                try
                {
                    load();
                }
                catch (InvalidDataException exception)
                {
                    return new Rejection(exception, GC.GetAllocatedBytesForCurrentThread() - allocatedBefore, clock.Elapsed);
                }

                throw new Xunit.Sdk.XunitException("the input was loaded, but it should have been rejected");
            },
            TaskCreationOptions.LongRunning);

        Assert.True(task.Wait(timeout ?? TimeSpan.FromSeconds(30)), "the load did not return within the time limit (it hangs)");
        Rejection rejection = task.Result;
        Assert.Equal(before, SafeTensorsTestFiles.Bits(network.Parameters));
        Assert.True(rejection.Exception.Message.Length < MaxMessageLength, $"a message of {rejection.Exception.Message.Length:N0} characters");
        Assert.True(rejection.Allocated <= MaxAllocated(inputBytes), $"{rejection.Allocated:N0} bytes allocated for {inputBytes:N0} bytes of input");
        return rejection;
    }
}
