using System;
using System.Buffers.Binary;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using Xunit;

namespace StaticNet.Tests.Interop;

/// <summary>
/// <see cref="StateDictKeys"/>: the keys each writer puts in the file, that the file loads back into the network,
/// and that keys for another number of layers, or keys that would not load back in layer order, are refused before
/// anything is written.
/// </summary>
public sealed class StateDictKeysTests : TemporaryDirectory
{
    public StateDictKeysTests()
        : base("state-dict-keys")
    {
    }

    public static TheoryData<string, string[]> KeysAndNames() => new()
    {
        { "default", ["0.weight", "0.bias", "2.weight", "2.bias"] },
        { "Sequential(0, 3)", ["0.weight", "0.bias", "3.weight", "3.bias"] },
        { "Sequential(1, 10)", ["1.weight", "1.bias", "10.weight", "10.bias"] },
        { "Prefixes(fc1, fc2)", ["fc1.weight", "fc1.bias", "fc2.weight", "fc2.bias"] },
        { "Prefixes(net.0, net.3)", ["net.0.weight", "net.0.bias", "net.3.weight", "net.3.bias"] },
    };

    [Theory]
    [MemberData(nameof(KeysAndNames))]
    public void WeightsJsonSave_WritesTheKeys_AndTheFileLoadsBack(string keys, string[] names)
    {
        var network = new IrisNet(seed: 4);
        string path = PathOf("weights.json");

        WeightsJson.Save(network, path, Keys(keys));

        using (JsonDocument json = JsonDocument.Parse(File.ReadAllText(path)))
        {
            Assert.Equal(names, json.RootElement.EnumerateObject().Select(property => property.Name));
        }

        var reloaded = new IrisNet(seed: 8);
        WeightsJson.Load(reloaded, path);
        Assert.Equal(network.Parameters.ToArray(), reloaded.Parameters.ToArray());
    }

    [Theory]
    [MemberData(nameof(KeysAndNames))]
    public void SafeTensorsSave_WritesTheKeysToFileAndStream_AndBothLoadBack(string keys, string[] names)
    {
        var network = new IrisNet(seed: 4);
        string path = PathOf("weights.safetensors");
        using var stream = new MemoryStream();

        SafeTensors.Save(network, path, keys: Keys(keys));
        SafeTensors.Save(network, stream, keys: Keys(keys));

        Assert.Equal(File.ReadAllBytes(path), stream.ToArray());
        Assert.Equal(names.Order(StringComparer.Ordinal), HeaderTensorNames(stream.ToArray()).Order(StringComparer.Ordinal));
        var reloaded = new IrisNet(seed: 8);
        SafeTensors.Load(reloaded, path);
        Assert.Equal(network.Parameters.ToArray(), reloaded.Parameters.ToArray());
    }

    [Fact]
    public void WeightsJsonSaveToAStream_WritesTheKeys()
    {
        using var stream = new MemoryStream();

        WeightsJson.Save(new IrisNet(seed: 4), stream, StateDictKeys.Prefixes("fc1", "fc2"));

        using JsonDocument json = JsonDocument.Parse(stream.ToArray());
        Assert.Equal(["fc1.weight", "fc1.bias", "fc2.weight", "fc2.bias"], json.RootElement.EnumerateObject().Select(property => property.Name));
    }

    [Fact]
    public void KeysForAnotherLayerCount_AreAnArgumentExceptionNamingBothCounts_AndNothingIsWritten()
    {
        var network = new IrisNet(seed: 4);
        string json = PathOf("three.json"), safetensors = PathOf("three.safetensors");

        ArgumentException fromJson = Assert.Throws<ArgumentException>(() => WeightsJson.Save(network, json, StateDictKeys.Sequential(0, 3, 6)));
        ArgumentException fromSafeTensors = Assert.Throws<ArgumentException>(() => SafeTensors.Save(network, safetensors, keys: StateDictKeys.Prefixes("fc1")));
        ArgumentException fromStream = Assert.Throws<ArgumentException>(() => WeightsJson.Save(network, new MemoryStream(), StateDictKeys.Sequential(0)));

        Assert.Equal("keys", fromJson.ParamName);
        Assert.StartsWith("The state-dict keys name 3 layers, but the network has 2 layers after the input", fromJson.Message, StringComparison.Ordinal);
        Assert.StartsWith("The state-dict keys name 1 layers, but the network has 2 layers after the input", fromSafeTensors.Message, StringComparison.Ordinal);
        Assert.StartsWith("The state-dict keys name 1 layers, but the network has 2 layers after the input", fromStream.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(json));
        Assert.False(File.Exists(safetensors));
        Assert.Empty(Directory.GetFiles());
    }

    [Theory]
    [InlineData(new int[0], "none were given")]
    [InlineData(new[] { -1, 2 }, "index 0 is -1")]
    [InlineData(new[] { 0, 0 }, "index 1 is 0 after 0")]
    [InlineData(new[] { 3, 2 }, "index 1 is 2 after 3")]
    public void SequentialIndices_MustBeNonNegativeAndIncreasing(int[] indices, string expected)
    {
        ArgumentException exception = Assert.Throws<ArgumentException>(() => StateDictKeys.Sequential(indices));

        Assert.Equal("moduleIndices", exception.ParamName);
        Assert.Contains(expected, exception.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new string[0], "none were given")]
    [InlineData(new[] { "fc1", "" }, "Prefix 1 is ''")]
    [InlineData(new[] { ".fc1", "fc2" }, "Prefix 0 is '.fc1'")]
    [InlineData(new[] { "net.", "net.1" }, "Prefix 0 is 'net.'")]
    [InlineData(new[] { "fc10", "fc9" }, "Prefix 1 'fc9' does not come after 'fc10'")]
    [InlineData(new[] { "fc1", "fc01" }, "Prefix 1 'fc01' does not come after 'fc1'")]
    public void Prefixes_MustBeModuleNamesInNaturalOrder(string[] prefixes, string expected)
    {
        ArgumentException exception = Assert.Throws<ArgumentException>(() => StateDictKeys.Prefixes(prefixes));

        Assert.Equal("prefixes", exception.ParamName);
        Assert.Contains(expected, exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Prefixes_AreCopied_SoChangingTheArrayAfterwardsChangesNothing()
    {
        string[] prefixes = ["fc1", "fc2"];
        StateDictKeys keys = StateDictKeys.Prefixes(prefixes);
        prefixes[1] = "fc0";
        using var stream = new MemoryStream();

        WeightsJson.Save(new IrisNet(seed: 4), stream, keys);

        Assert.Contains("\"fc2.weight\"", Encoding.UTF8.GetString(stream.ToArray()), StringComparison.Ordinal);
    }

    private static StateDictKeys? Keys(string description) => description switch
    {
        "default" => null,
        "Sequential(0, 3)" => StateDictKeys.Sequential(0, 3),
        "Sequential(1, 10)" => StateDictKeys.Sequential(1, 10),
        "Prefixes(fc1, fc2)" => StateDictKeys.Prefixes("fc1", "fc2"),
        "Prefixes(net.0, net.3)" => StateDictKeys.Prefixes("net.0", "net.3"),
        _ => throw new ArgumentOutOfRangeException(nameof(description), description, "no such keys in the test data"),
    };

    // The tensor names of a safetensors header (every key but __metadata__), read as the format defines it.
    private static string[] HeaderTensorNames(byte[] file)
    {
        int length = checked((int)BinaryPrimitives.ReadUInt64LittleEndian(file));
        using JsonDocument header = JsonDocument.Parse(file.AsMemory(8, length));
        return header.RootElement.EnumerateObject().Select(property => property.Name).Where(name => name != "__metadata__").ToArray();
    }
}
