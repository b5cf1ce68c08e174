using System;
using System.IO;
using System.Runtime.InteropServices;
using SharpFuzz;
using StaticNet;

namespace StaticNet.Fuzz;

/// <summary>The network every input is loaded into: small, so each run is microseconds.</summary>
[Network(4, 5, 3)]
public partial class FuzzNet
{
}

/// <summary>
/// A libFuzzer target for the safetensors loader (docs/fuzzing.md). The property: <see cref="SafeTensors.Load(INetwork, Stream, ReadOptions)"/>
/// either loads the input or throws <see cref="InvalidDataException"/> with the parameters unchanged; anything else
/// is a crash for libFuzzer to keep.
/// </summary>
public static class Program
{
    private static readonly FuzzNet Network = new(seed: 1);
    private static readonly float[] Initial = Network.Parameters.ToArray();

    /// <summary>
    /// No arguments: run under libFuzzer. <c>--seed DIR</c>: write a valid file there to start the corpus. Otherwise
    /// each argument is a file or directory of inputs to replay once (exit code 1 if any breaks the property).
    /// </summary>
    public static int Main(string[] args)
    {
        if (args.Length == 0)
        {
            Fuzzer.LibFuzzer.Run(Target);
            return 0;
        }

        if (args[0] == "--seed" && args.Length == 2)
        {
            Directory.CreateDirectory(args[1]);
            SafeTensors.Save(new FuzzNet(seed: 2), Path.Combine(args[1], "valid.safetensors"));
            return 0;
        }

        int inputs = 0, failures = 0;
        foreach (string arg in args)
        {
            string[] files = Directory.Exists(arg) ? Directory.GetFiles(arg) : [arg];
            foreach (string file in files)
            {
                inputs++;
                try
                {
                    Target(File.ReadAllBytes(file));
                }
                catch (Exception exception)
                {
                    failures++;
                    Console.Error.WriteLine($"{file}: {exception.GetType().Name}: {exception.Message}");
                }
            }
        }

        Console.WriteLine($"{inputs} inputs replayed, {failures} broke the rule.");
        return failures == 0 ? 0 : 1;
    }

    private static void Target(ReadOnlySpan<byte> data)
    {
        Initial.CopyTo(Network.Parameters);
        try
        {
            SafeTensors.Load(Network, new MemoryStream(data.ToArray(), writable: false));
        }
        catch (InvalidDataException)
        {
            if (!MemoryMarshal.AsBytes(Network.Parameters).SequenceEqual(MemoryMarshal.AsBytes(Initial.AsSpan())))
            {
                throw new InvalidOperationException("a rejected load changed the parameters");
            }
        }
    }
}
