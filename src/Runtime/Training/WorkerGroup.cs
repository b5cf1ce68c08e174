using System;
using System.Runtime.ExceptionServices;
using System.Threading;

namespace StaticNet;

/// <summary>
/// Fork-join on dedicated background threads: <see cref="Run"/> has the caller and up to <c>helpers</c> other threads
/// run one piece of work, each with its own participant number, and returns when all have finished. Dedicated threads
/// rather than the thread pool, because a training step must not wait for a pool that other work has saturated.
/// After the threads are started, a round allocates nothing.
/// </summary>
internal sealed class WorkerGroup
{
    /// <summary>The work of one round; participants share out its items themselves (an Interlocked counter).</summary>
    internal interface IWork
    {
        void Run(int participant);
    }

    private readonly SemaphoreSlim[] _start;
    private readonly ManualResetEventSlim _done = new(initialState: false);
    private IWork? _work;
    private int _pending;
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

    /// <summary>The most participants a round can have: the caller and every helper.</summary>
    public int Capacity => _start.Length + 1;

    /// <summary>Runs <paramref name="work"/> on participants 0 (the caller) to <paramref name="participants"/> − 1; rethrows the first failure.</summary>
    public void Run(IWork work, int participants)
    {
        int helpers = Math.Clamp(participants, 1, Capacity) - 1;
        _work = work;
        _failure = null;
        if (helpers > 0)
        {
            _done.Reset();
            Volatile.Write(ref _pending, helpers);
            for (int i = 0; i < helpers; i++)
            {
                _start[i].Release();
            }
        }

        try
        {
            work.Run(0);
        }
        catch (Exception exception)
        {
            Interlocked.CompareExchange(ref _failure, exception, null);
        }

        // Even when the caller failed, every helper must be done with this round before the caller's buffers move on.
        if (helpers > 0)
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

            try
            {
                _work!.Run(participant);
            }
            catch (Exception exception)
            {
                Interlocked.CompareExchange(ref _failure, exception, null);
            }

            if (Interlocked.Decrement(ref _pending) == 0)
            {
                _done.Set();
            }
        }
    }
}
