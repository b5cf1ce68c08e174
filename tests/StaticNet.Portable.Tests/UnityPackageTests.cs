using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Text.Json;
using System.Text.RegularExpressions;
using Xunit;

namespace StaticNet.Tests;

/// <summary>
/// The Unity package folder the runtime's netstandard2.1 build writes (src/Runtime/Unity/UnityPackage.targets):
/// package.json, the netstandard2.1 StaticNet.dll and the DLLs it needs under Runtime/, the Roslyn 4.3 generator
/// under Analyzers/ labelled RoslynAnalyzer and enabled on no platform, and a .meta with its own guid for every file
/// and folder.
/// </summary>
public sealed class UnityPackageTests
{
    private static readonly string Package = Path.Combine(
        Repository.Root, "src", "Runtime", "bin", new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name, "unity", "com.staticnet.runtime");

    [Fact]
    public void PackageJson_NamesThePackage_TheRuntimeVersion_AndUnity6()
    {
        using JsonDocument json = JsonDocument.Parse(File.ReadAllText(Path.Combine(Package, "package.json")));
        JsonElement root = json.RootElement;

        Assert.Equal("com.staticnet.runtime", root.GetProperty("name").GetString());
        Assert.Equal(typeof(NetworkAttribute).Assembly.GetName().Version!.ToString(3), root.GetProperty("version").GetString());
        Assert.Equal("6000.0", root.GetProperty("unity").GetString());
        Assert.Equal("MIT", root.GetProperty("license").GetString());
    }

    [Fact]
    public void Runtime_HoldsTheNetstandard21Build_AndEveryAssemblyItReferencesBeyondNetstandard()
    {
        string runtime = Path.Combine(Package, "Runtime", "StaticNet.dll");

        Assert.Equal(".NETStandard,Version=v2.1", TargetFramework(runtime));
        string[] shipped = Directory.GetFiles(Path.Combine(Package, "Runtime"), "*.dll").Select(Path.GetFileNameWithoutExtension).ToArray()!;
        Assert.All(References(runtime).Where(name => name != "netstandard"), name => Assert.Contains(name, shipped));
        Assert.DoesNotContain("System.Numerics.Tensors", shipped);
    }

    [Fact]
    public void Generator_IsBuiltForRoslyn43_LabelledRoslynAnalyzer_AndEnabledOnNoPlatform()
    {
        string generator = Path.Combine(Package, "Analyzers", "StaticNet.Generator.dll");
        string meta = File.ReadAllText(generator + ".meta");

        Assert.Contains(References(generator, withVersion: true), reference => reference == "Microsoft.CodeAnalysis 4.3.0.0");
        Assert.Contains("labels:\n- RoslynAnalyzer\n", meta, StringComparison.Ordinal);
        Assert.Contains("PluginImporter:", meta, StringComparison.Ordinal);
        Assert.DoesNotContain("enabled: 1", meta, StringComparison.Ordinal);
        Assert.Contains("      Any: \n    second:\n      enabled: 0\n", meta, StringComparison.Ordinal);
        Assert.Contains("      Editor: Editor\n    second:\n      enabled: 0\n", meta, StringComparison.Ordinal);
        Assert.All(new[] { "Editor", "Linux64", "OSXUniversal", "Win", "Win64" }, platform => Assert.Contains($"Exclude {platform}: 1\n", meta, StringComparison.Ordinal));
    }

    [Fact]
    public void RuntimeDlls_AreEnabledOnAnyPlatform_AndAreNoAnalyzers()
    {
        foreach (string dll in Directory.GetFiles(Path.Combine(Package, "Runtime"), "*.dll"))
        {
            string meta = File.ReadAllText(dll + ".meta");
            Assert.Contains("PluginImporter:", meta, StringComparison.Ordinal);
            Assert.Contains("      Any: \n    second:\n      enabled: 1\n", meta, StringComparison.Ordinal);
            Assert.DoesNotContain("RoslynAnalyzer", meta, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void EveryFileAndFolder_HasAMetaWithItsOwnGuid()
    {
        var entries = Directory.GetFileSystemEntries(Package, "*", SearchOption.AllDirectories).Where(path => !path.EndsWith(".meta", StringComparison.Ordinal)).ToArray();
        var guids = new HashSet<string>();
        foreach (string entry in entries)
        {
            string meta = File.ReadAllText(entry + ".meta");
            Match guid = Regex.Match(meta, "^guid: ([0-9a-f]{32})$", RegexOptions.Multiline);
            Assert.True(guid.Success, $"{entry}.meta has no guid");
            Assert.True(guids.Add(guid.Groups[1].Value), $"{entry}.meta repeats a guid");
        }

        Assert.Equal(entries.Length, Directory.GetFiles(Package, "*.meta", SearchOption.AllDirectories).Length);
        Assert.True(entries.Length >= 6);
    }

    private static string TargetFramework(string path)
    {
        using var pe = new PEReader(File.OpenRead(path));
        MetadataReader reader = pe.GetMetadataReader();
        foreach (CustomAttributeHandle handle in reader.GetAssemblyDefinition().GetCustomAttributes())
        {
            CustomAttribute attribute = reader.GetCustomAttribute(handle);
            var constructor = reader.GetMemberReference((MemberReferenceHandle)attribute.Constructor);
            var type = reader.GetTypeReference((TypeReferenceHandle)constructor.Parent);
            if (reader.GetString(type.Name) == "TargetFrameworkAttribute")
            {
                BlobReader value = reader.GetBlobReader(attribute.Value);
                value.ReadUInt16();
                return value.ReadSerializedString()!;
            }
        }

        throw new InvalidDataException($"{path} has no TargetFrameworkAttribute.");
    }

    private static string[] References(string path, bool withVersion = false)
    {
        using var pe = new PEReader(File.OpenRead(path));
        MetadataReader reader = pe.GetMetadataReader();
        return reader.AssemblyReferences
            .Select(handle => reader.GetAssemblyReference(handle))
            .Select(reference => withVersion ? $"{reader.GetString(reference.Name)} {reference.Version}" : reader.GetString(reference.Name))
            .ToArray();
    }
}
