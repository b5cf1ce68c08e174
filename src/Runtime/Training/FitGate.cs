using System;
using System.Runtime.CompilerServices;
using System.Threading;

namespace StaticNet;

/// <summary>
/// One <see cref="Trainer.Fit"/> at a time per network: two at once would interleave their steps on the same
/// parameters (and share the network's batch workspace). Keyed on the network instance, so two trainers of one
/// network are caught too; the table holds its keys weakly, so it keeps no network alive.
/// </summary>
internal static class FitGate
{
    private static readonly ConditionalWeakTable<IBatchNetwork, Flag> Running = new();

    /// <summary>Marks <paramref name="network"/> as training until the entry is disposed.</summary>
    /// <exception cref="InvalidOperationException">Another Fit on this network has not returned yet.</exception>
    public static Entry Enter(IBatchNetwork network)
    {
        Flag flag = Running.GetOrCreateValue(network);
        if (Interlocked.CompareExchange(ref flag.Value, 1, 0) != 0)
        {
            throw new InvalidOperationException(
                $"Another Trainer.Fit is already training this {network.GetType().Name}; one Fit at a time per network. " +
                "Wait for it to return, or train a separate network instance (each Fit needs its own network and its own optimizer).");
        }

        return new Entry(flag);
    }

    /// <summary>Whether a Fit holds the network; a class so that the table can hold it.</summary>
    internal sealed class Flag
    {
        public int Value;
    }

    /// <summary>Releases the network when the Fit ends, however it ends.</summary>
    public readonly struct Entry : IDisposable
    {
        private readonly Flag _flag;

        internal Entry(Flag flag) => _flag = flag;

        public void Dispose() => Volatile.Write(ref _flag.Value, 0);
    }
}
