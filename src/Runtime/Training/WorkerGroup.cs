using System;
using System.Runtime.ExceptionServices;
using System.Threading;

namespace StaticNet;

/// <summary>
/// Fork-join on dedicated background threads: <see cref="Run"/> has the caller and the helpers that wake in time run
/// one piece of work, each with its own participant number, and returns when every helper that joined has finished.
/// Helpers share out the work's items themselves, so joining is optional: a helper that wakes after the caller has
/// closed the round stays out, and the caller never waits for a thread that is not yet running (on a loaded machine
/// waking one can take longer than the work). Dedicated threads rather than the thread pool, because a training step
/// must not wait for a pool that other work has saturated. After the threads are started, a round allocates nothing.
/// </summary>
internal sealed class WorkerGroup
{
    /// <summary>The flag in <see cref="_gate"/> that closes a round to late helpers; the bits below count the helpers in it.</summary>
    private const int Closed = 1 << 30;

    private readonly SemaphoreSlim[] _start;
    // Released once per round by the last helper out, only when the caller is waiting for it. A semaphore rather than
    // a ManualResetEventSlim: the latter allocates a 24-byte lock object the first time a caller actually blocks on it,
    // which on a loaded machine is some later round (seen as a 24-byte failure of the allocation test in a full run).
    // A SemaphoreSlim creates its lock with itself; only a thread's very first block anywhere allocates (measured).
    private readonly SemaphoreSlim _done = new(0);
    private IWork? _work;
    private int _gate = Closed;
    private Exception? _failure;
    private volatile bool _stopped;

    public WorkerGroup(int helpers)
    {
        _start = new SemaphoreSlim[helpers];
        for (int i = 0; i < helpers; i++)
        {
            _start[i] = new SemaphoreSlim(0);
            int participant = i + 1;
            new Thread(() => Loop(participant)) { IsBackground = true, Name = $"StaticNet worker {participant}" }.Start();
        }
    }

    /// <summary>The work of one round; participants share out its items themselves (an Interlocked counter).</summary>
    internal interface IWork
    {
        void Run(int participant);
    }

    /// <summary>Runs <paramref name="work"/> on the caller (participant 0) and on up to <paramref name="participants"/> − 1 helpers; rethrows the first failure.</summary>
    public void Run(IWork work, int participants)
    {
        int helpers = Math.Clamp(participants - 1, 0, _start.Length);
        _work = work;
        _failure = null;
        Volatile.Write(ref _gate, 0);
        for (int i = 0; i < helpers; i++)
        {
            _start[i].Release();
        }

        try
        {
            work.Run(0);
        }
        catch (Exception exception)
        {
            Interlocked.CompareExchange(ref _failure, exception, null);
        }

        // Even when the caller failed, every helper in the round must be done before the caller's buffers move on.
        if ((Interlocked.Or(ref _gate, Closed) & ~Closed) != 0)
        {
            _done.Wait();
        }

        // Not kept past the round: the helpers would otherwise keep the work (and what it holds) alive.
        _work = null;
        if (_failure is Exception failure)
        {
            ExceptionDispatchInfo.Capture(failure).Throw();
        }
    }

    /// <summary>Lets every helper thread end; the group cannot run rounds afterwards.</summary>
    public void Stop()
    {
        _stopped = true;
        foreach (SemaphoreSlim start in _start)
        {
            start.Release();
        }
    }

    /// <summary>Joins the open round, if any: false once the caller has closed it.</summary>
    private bool TryJoin()
    {
        int gate = Volatile.Read(ref _gate);
        while ((gate & Closed) == 0)
        {
            int seen = Interlocked.CompareExchange(ref _gate, gate + 1, gate);
            if (seen == gate)
            {
                return true;
            }

            gate = seen;
        }

        return false;
    }

    private void Loop(int participant)
    {
        SemaphoreSlim start = _start[participant - 1];
        while (true)
        {
            start.Wait();
            if (_stopped)
            {
                return;
            }

            if (!TryJoin())
            {
                continue;
            }

            try
            {
                _work!.Run(participant);
            }
            catch (Exception exception)
            {
                Interlocked.CompareExchange(ref _failure, exception, null);
            }

            if (Interlocked.Decrement(ref _gate) == Closed)
            {
                _done.Release();
            }
        }
    }
}
