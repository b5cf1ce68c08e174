using System;
using System.Diagnostics;
using System.Threading;

namespace StaticNet.Benchmarks;

/// <summary>
/// "Another process holds a core": a separate process (this benchmark assembly run with <see cref="Argument"/>) that
/// spins on one thread at normal priority until it is disposed. A process, not a thread of the benchmark, because
/// that is what takes a core on a shared machine: the scheduler shares the cores between it and the benchmark fairly,
/// as it would with another user's job, and nothing in the benchmark can give it a lower priority or wait for it. On a
/// two-core machine it leaves the benchmark one core and a share of the other when the benchmark runs two threads.
/// </summary>
public sealed class BusyCore : IDisposable
{
    /// <summary>The command-line argument that makes the benchmark executable spin instead (see Program.cs).</summary>
    public const string Argument = "--spin-one-core";

    private readonly Process _process;

    private BusyCore(Process process) => _process = process;

    /// <summary>Starts the spinning process and waits until it says it is spinning.</summary>
    public static BusyCore Start()
    {
        string host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet";
        var start = new ProcessStartInfo(host, $"exec \"{typeof(BusyCore).Assembly.Location}\" {Argument}")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        Process process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start '{host}' to hold a core.");
        if (process.StandardOutput.ReadLine() != "spinning")
        {
            process.Kill();
            throw new InvalidOperationException("The core-holding process did not start spinning.");
        }

        return new BusyCore(process);
    }

    /// <summary>
    /// The spinning process's own entry: spins on this thread until standard input closes (the benchmark disposed the
    /// <see cref="BusyCore"/> or ended), so it never outlives the benchmark.
    /// </summary>
    public static void Spin()
    {
        var stop = 0;
        new Thread(() =>
        {
            Console.In.ReadToEnd();
            Volatile.Write(ref stop, 1);
        }) { IsBackground = true }.Start();
        Console.WriteLine("spinning");
        Console.Out.Flush();
        long spins = 0;
        while (Volatile.Read(ref stop) == 0)
        {
            spins++;
        }

        GC.KeepAlive(spins);
    }

    /// <summary>Ends the spinning process.</summary>
    public void Dispose()
    {
        _process.StandardInput.Close();
        if (!_process.WaitForExit(5000))
        {
            _process.Kill();
        }

        _process.Dispose();
    }
}
