using System;
using System.Globalization;

namespace StaticNet.Samples.Latency;

/// <summary>The command line: <c>[--ticks N] [--warm-up MS] [--train [--save PATH]] [--first-inference] [--launched-at UNIX_NS]</c>.</summary>
/// <param name="Ticks">Recorded control periods.</param>
/// <param name="WarmUpMilliseconds">How long the loop runs unrecorded first.</param>
/// <param name="Train">Train from generated states instead of loading the shipped weights.</param>
/// <param name="SavePath">Where to write the trained weights, if anywhere.</param>
/// <param name="FirstInferenceOnly">Exit right after the first inference (for start-up timing).</param>
/// <param name="LaunchedAtUnixNanoseconds">When the process was launched, to report launch → first inference.</param>
public sealed record Options(int Ticks, int WarmUpMilliseconds, bool Train, string? SavePath, bool FirstInferenceOnly, long? LaunchedAtUnixNanoseconds)
{
    /// <summary>Reads the command line; unknown arguments are an error.</summary>
    public static Options Parse(string[] args)
    {
        var options = new Options(1_000_000, 1000, false, null, false, null);
        for (int i = 0; i < args.Length; i++)
        {
            options = args[i] switch
            {
                "--ticks" => options with { Ticks = int.Parse(Value(args, ++i), CultureInfo.InvariantCulture) },
                "--warm-up" => options with { WarmUpMilliseconds = int.Parse(Value(args, ++i), CultureInfo.InvariantCulture) },
                "--train" => options with { Train = true },
                "--save" => options with { SavePath = Value(args, ++i) },
                "--first-inference" => options with { FirstInferenceOnly = true },
                "--launched-at" => options with { LaunchedAtUnixNanoseconds = long.Parse(Value(args, ++i), CultureInfo.InvariantCulture) },
                _ => throw new ArgumentException($"Unknown argument '{args[i]}'. Use --ticks N, --warm-up MS, --train [--save PATH], --first-inference, --launched-at UNIX_NS."),
            };
        }

        return options;
    }

    private static string Value(string[] args, int index) =>
        index < args.Length ? args[index] : throw new ArgumentException($"'{args[index - 1]}' needs a value.");
}
