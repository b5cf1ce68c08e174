using System;
using System.Threading;

namespace StaticNet.Tests;

/// <summary>What a hot path allocates per call once warm, for the allocation tests of both test projects.</summary>
internal static class SteadyStateAllocation
{
    private const int Calls = 1000;

    private const int Rounds = 5;

    /// <summary>
    /// Bytes allocated by <paramref name="action"/> over <see cref="Calls"/> calls in steady state: after a warm-up
    /// call (JIT, lazy state), rounds of calls are measured until one allocates nothing, at most
    /// <see cref="Rounds"/> of them. A real per-call allocation shows in every round and fails the test; what the runtime
    /// allocates once on this thread when tiered compilation swaps in optimised code mid-round (a type initialiser
    /// that the new code path reaches first) shows in one round only.
    /// </summary>
    public static long AllocatedBytes(Action action)
    {
        action();
        long allocated = 0;
        for (int round = 0; round < Rounds; round++)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < Calls; i++)
            {
                action();
            }

            allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            if (allocated == 0)
            {
                return 0;
            }

            // Give the tiering thread time to finish installing optimised code before the next round.
            Thread.Sleep(50);
        }

        return allocated;
    }
}
