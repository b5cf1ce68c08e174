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
/// A libFuzzer target for the weight readers (docs/fuzzing.md): every input is given to
/// <see cref="SafeTensors.Load(INetwork, Stream, ReadOptions)"/>, <see cref="WeightsJson.Load(INetwork, Stream, ReadOptions)"/>
/// and <see cref="Onnx.Load(INetwork, Stream, ReadOptions)"/> in turn. The property: each either loads finite weights or
/// throws <see cref="InvalidDataException"/> with the parameters unchanged and a message under 10,000 characters;
/// anything else is a crash for libFuzzer to keep.
/// </summary>
public static class Program
{
    private static readonly FuzzNet Network = new(seed: 1);
    private static readonly float[] Initial = Network.Parameters.ToArray();

    private static readonly (string Name, Action<INetwork, Stream> Load)[] Readers =
    [
        ("safetensors", (network, stream) => SafeTensors.Load(network, stream)),
        ("json", (network, stream) => WeightsJson.Load(network, stream)),
        ("onnx", (network, stream) => Onnx.Load(network, stream)),
    ];

    /// <summary>
    /// No arguments: run under libFuzzer. <c>--seed DIR</c>: write a valid file of each format there to start the
    /// corpus. Otherwise each argument is a file or directory of inputs to replay once (exit code 1 if any breaks the
    /// property).
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
            var saved = new FuzzNet(seed: 2);
            SafeTensors.Save(saved, Path.Combine(args[1], "valid.safetensors"));
            WeightsJson.Save(saved, Path.Combine(args[1], "valid.json"));
            Onnx.Save(saved, Path.Combine(args[1], "valid.onnx"));
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
        byte[] input = data.ToArray();
        foreach ((string name, Action<INetwork, Stream> load) in Readers)
        {
            Initial.CopyTo(Network.Parameters);
            try
            {
                load(Network, new MemoryStream(input, writable: false));
                foreach (float value in Network.Parameters)
                {
                    if (!float.IsFinite(value))
                    {
                        throw new InvalidOperationException($"{name}: a non-finite weight was loaded by default");
                    }
                }
            }
            catch (InvalidDataException exception)
            {
                if (!MemoryMarshal.AsBytes(Network.Parameters).SequenceEqual(MemoryMarshal.AsBytes(Initial.AsSpan())))
                {
                    throw new InvalidOperationException($"{name}: a rejected load changed the parameters");
                }

                if (exception.Message.Length >= 10_000)
                {
                    throw new InvalidOperationException($"{name}: a message of {exception.Message.Length} characters");
                }
            }
        }
    }
}
