using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;

namespace StaticNet.Generator.Tests;

/// <summary>
/// Snapshot testing with Verify's file conventions, without Verify: every generated source is compared with
/// <c>Snapshots/{TestClass}.{TestMethod}#{HintName without .cs}.verified.cs</c>, and the generator's diagnostics,
/// when there are any, with <c>Snapshots/{TestClass}.{TestMethod}.verified.txt</c>.
/// </summary>
/// <remarks>
/// A mismatch writes the new text to <c>….received.*</c> beside the verified file (ignored by git) and fails with a
/// line diff; accept it by renaming, or run with <c>STATICNET_AUTOVERIFY=1</c> to write verified files directly.
/// </remarks>
internal static class Snapshot
{
    private const string AutoVerifyVariable = "STATICNET_AUTOVERIFY";

    // Snapshots must not churn with every version bump.
    private static readonly Regex GeneratorVersion =
        new(@"(GeneratedCode\(""StaticNet\.Generator"", "")[^""]*(""\))", RegexOptions.Compiled);

    // UTF-8 without a byte order mark, as Verify writes.
    private static readonly Encoding Utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);

    private static bool AutoVerify => Environment.GetEnvironmentVariable(AutoVerifyVariable) == "1";

    /// <summary>Checks every generated source and the generator diagnostics of <paramref name="run"/> against the verified files.</summary>
    public static void Verify(GeneratorRun run, [CallerMemberName] string testMethod = "", [CallerFilePath] string testFile = "")
    {
        // One test class per file, named like the file, so the file name is the class name.
        string prefix = $"{Path.GetFileNameWithoutExtension(testFile)}.{testMethod}";
        string directory = SnapshotDirectory();
        Directory.CreateDirectory(directory);

        var failures = new List<string>();
        var expectedFiles = new HashSet<string>(StringComparer.Ordinal);
        foreach (GeneratedSource source in run.Sources.OrderBy(source => source.HintName, StringComparer.Ordinal))
        {
            string name = $"{prefix}#{StripExtension(source.HintName)}";
            expectedFiles.Add(name + ".verified.cs");
            Compare(directory, name, ".cs", Scrub(source.Text), failures);
        }

        if (run.GeneratorDiagnostics.Length > 0)
        {
            expectedFiles.Add(prefix + ".verified.txt");
            Compare(directory, prefix, ".txt", FormatDiagnostics(run), failures);
        }

        // A verified file the generator no longer produces is a regression too (a source or a diagnostic vanished).
        foreach (string stale in StaleVerifiedFiles(directory, prefix, expectedFiles))
        {
            if (AutoVerify)
            {
                File.Delete(Path.Combine(directory, stale));
            }
            else
            {
                failures.Add($"{stale} exists, but this run did not produce it. Delete it if that is intended.");
            }
        }

        if (failures.Count > 0)
        {
            throw new Xunit.Sdk.XunitException(string.Join(Environment.NewLine + Environment.NewLine, failures));
        }
    }

    /// <summary>Replaces the generator version in <c>[GeneratedCode]</c> with <c>VERSION</c>.</summary>
    public static string Scrub(string generated) => GeneratorVersion.Replace(generated, "${1}VERSION${2}");

    /// <summary>One line per diagnostic: ID, severity, the location (1-based) and the message.</summary>
    public static string FormatDiagnostics(GeneratorRun run) =>
        string.Join("\n", run.GeneratorDiagnostics
            .OrderBy(diagnostic => diagnostic.Location.GetLineSpan().Path, StringComparer.Ordinal)
            .ThenBy(diagnostic => diagnostic.Location.SourceSpan.Start)
            .ThenBy(diagnostic => diagnostic.Id, StringComparer.Ordinal)
            .Select(diagnostic =>
            {
                FileLinePositionSpan span = diagnostic.Location.GetLineSpan();
                return $"{diagnostic.Id} {diagnostic.Severity} {span.Path}" +
                       $"({span.StartLinePosition.Line + 1},{span.StartLinePosition.Character + 1})-" +
                       $"({span.EndLinePosition.Line + 1},{span.EndLinePosition.Character + 1}): " +
                       diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture);
            }));

    /// <summary>LF line endings, no BOM, exactly one trailing newline: snapshots compare equal on every OS.</summary>
    public static string Normalize(string text)
    {
        if (text.Length > 0 && text[0] == '\uFEFF')
        {
            text = text.Substring(1);
        }

        return text.Replace("\r\n", "\n").Replace('\r', '\n').TrimEnd('\n') + "\n";
    }

    private static void Compare(string directory, string name, string extension, string text, List<string> failures)
    {
        string received = Normalize(text);
        string verifiedPath = Path.Combine(directory, name + ".verified" + extension);
        string receivedPath = Path.Combine(directory, name + ".received" + extension);

        if (AutoVerify)
        {
            File.WriteAllText(verifiedPath, received, Utf8);
            File.Delete(receivedPath);
            return;
        }

        if (!File.Exists(verifiedPath))
        {
            File.WriteAllText(receivedPath, received, Utf8);
            failures.Add($"No verified snapshot {Path.GetFileName(verifiedPath)}; wrote {Path.GetFileName(receivedPath)}. " +
                         $"Review it, then rename it or rerun with {AutoVerifyVariable}=1.");
            return;
        }

        string verified = Normalize(File.ReadAllText(verifiedPath, Utf8));
        if (verified == received)
        {
            File.Delete(receivedPath);
            return;
        }

        File.WriteAllText(receivedPath, received, Utf8);
        failures.Add($"{Path.GetFileName(verifiedPath)} does not match; wrote {Path.GetFileName(receivedPath)}.{Environment.NewLine}" +
                     TextDiff.Describe(verified, received));
    }

    private static IEnumerable<string> StaleVerifiedFiles(string directory, string prefix, HashSet<string> expectedFiles) =>
        Directory.EnumerateFiles(directory, prefix + "*.verified.*")
            .Select(path => Path.GetFileName(path)!)
            // The pattern "A.B*" also matches the test "A.BC"; keep only this test's own files.
            .Where(file => file.StartsWith(prefix + "#", StringComparison.Ordinal) || file.StartsWith(prefix + ".verified.", StringComparison.Ordinal))
            .Where(file => !expectedFiles.Contains(file))
            .OrderBy(file => file, StringComparer.Ordinal);

    /// <summary>Verify's convention: the hint name's extension becomes the snapshot's, e.g. Demo.Net.g.cs → Demo.Net.g.verified.cs.</summary>
    private static string StripExtension(string hintName) =>
        hintName.EndsWith(".cs", StringComparison.Ordinal) ? hintName.Substring(0, hintName.Length - 3) : hintName;

    /// <summary>The folder of the verified files.</summary>
    public static string SnapshotDirectory() => Path.Combine(ProjectDirectory(), "Snapshots");

    /// <summary>
    /// The test project's source directory. This file sits at its root, so the compiler-recorded path of this file
    /// finds it; if paths were mapped at build time, walk up from the output directory to the .csproj instead.
    /// </summary>
    private static string ProjectDirectory([CallerFilePath] string thisFile = "")
    {
        string? directory = Path.GetDirectoryName(thisFile);
        if (directory is not null && File.Exists(Path.Combine(directory, "StaticNet.Generator.Tests.csproj")))
        {
            return directory;
        }

        for (var candidate = new DirectoryInfo(AppContext.BaseDirectory); candidate is not null; candidate = candidate.Parent)
        {
            if (File.Exists(Path.Combine(candidate.FullName, "StaticNet.Generator.Tests.csproj")))
            {
                return candidate.FullName;
            }
        }

        throw new InvalidOperationException("Cannot find the StaticNet.Generator.Tests project directory for snapshots.");
    }
}
