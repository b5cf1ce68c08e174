using System;
using System.Diagnostics;
using System.IO;

namespace StaticNet.Tests.Interop;

/// <summary>
/// Runs the committed PyTorch scripts with Debian's python3-torch (1.13), which CI installs (.ci/run); a machine
/// without it fails the tests that need it with the command that installs it, rather than skipping them.
/// </summary>
internal static class PyTorch
{
    private const string Python = "/usr/bin/python3";

    /// <summary>Runs <c>tests/StaticNet.Tests/Interop/<paramref name="script"/></c> with <paramref name="arguments"/> in <paramref name="workingDirectory"/>.</summary>
    /// <exception cref="InvalidOperationException">Python or torch is missing, or the script failed (its output is in the message).</exception>
    public static void RunScript(string script, string workingDirectory, params string[] arguments)
    {
        string path = Path.Combine(Repository.Root, "tests", "StaticNet.Tests", "Interop", script);
        var start = new ProcessStartInfo(Python) { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(path);
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using Process process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {Python}.");
        string output = process.StandardOutput.ReadToEnd();
        string error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            string hint = error.Contains("No module named 'torch'", StringComparison.Ordinal)
                ? " PyTorch is missing: apt-get install -y python3-torch (as .ci/run does)."
                : string.Empty;
            throw new InvalidOperationException($"{Python} {script} {string.Join(' ', arguments)} exited with {process.ExitCode}.{hint}{Environment.NewLine}{output}{error}");
        }
    }
}
