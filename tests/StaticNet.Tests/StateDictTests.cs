using System;
using System.IO;
using System.Linq;
using System.Text;
using StaticNet.Tests.Networks;
using Xunit;
using static StaticNet.Tests.SafeTensorsTestFiles;

namespace StaticNet.Tests;

/// <summary>
/// PyTorch state dicts as they really are, through both loaders: Dropout gaps (0, 3, 6), named layers (fc1 … fc10,
/// in natural order), a wrapper prefix with a buffer (net.0, net.2, input_mean), each checked against PyTorch's outputs.
/// </summary>
public sealed class StateDictTests() : TemporaryDirectory("statedict")
{
    private static void Load(string format, INetwork network, string path, bool ignoreBuffers)
    {
        if (format == "safetensors")
        {
            SafeTensors.Load(network, path, new ReadOptions { IgnoreBuffers = ignoreBuffers });
        }
        else
        {
            WeightsJson.Load(network, path, new ReadOptions { IgnoreBuffers = ignoreBuffers });
        }
    }

    private static string FixtureFile(string name, string format) =>
        PyTorchFixtures.PathOf(name + (format == "safetensors" ? ".safetensors" : ".weights.json"));

    [Theory]
    [InlineData("dropouts", "safetensors")]
    [InlineData("dropouts", "json")]
    [InlineData("named", "safetensors")]
    [InlineData("named", "json")]
    [InlineData("wrapped", "safetensors")]
    [InlineData("wrapped", "json")]
    public void PyTorchStateDict_Loads_AndForwardMatchesPyTorch(string name, string format)
    {
        IBatchNetwork network = PyTorchFixtures.Network(name);

        // The wrapped model's state dict also holds a buffer, which is only skipped when asked.
        Load(format, network, FixtureFile(name, format), ignoreBuffers: name == "wrapped");

        PyTorchFixtures.AssertMatchesPyTorch(name, network);
    }

    [Theory]
    [InlineData("dropouts")]
    [InlineData("named")]
    [InlineData("wrapped")]
    public void JsonWrittenByPython_ReadsTheSameFloats_AsTheSafetensorsOfTheSameStateDict(string name)
    {
        // Python writes each float32 as the shortest decimal of the double equal to it; reading must recover the exact bits.
        IBatchNetwork fromJson = PyTorchFixtures.Network(name);
        IBatchNetwork fromSafetensors = PyTorchFixtures.Network(name);

        WeightsJson.Load(fromJson, FixtureFile(name, "json"), new ReadOptions { IgnoreBuffers = true });
        SafeTensors.Load(fromSafetensors, FixtureFile(name, "safetensors"), new ReadOptions { IgnoreBuffers = true });

        Assert.Equal(Bits(fromSafetensors.Parameters), Bits(fromJson.Parameters));
    }

    [Theory]
    [InlineData("safetensors")]
    [InlineData("json")]
    public void Buffer_IsRejectedUnlessAsked_WithAHint_AndParametersUntouched(string format)
    {
        var network = new WrappedNet(seed: 5);
        int[] before = Bits(network.Parameters);

        var exception = Assert.Throws<InvalidDataException>(() => Load(format, network, FixtureFile("wrapped", format), ignoreBuffers: false));

        Assert.Contains("unexpected tensor 'input_mean'", exception.Message);
        Assert.Contains("[5]", exception.Message);
        Assert.Contains("neither a weight nor a bias", exception.Message);
        Assert.Contains("Pass new ReadOptions { IgnoreBuffers = true }", exception.Message);
        Assert.Equal(before, Bits(network.Parameters));
    }

    [Fact]
    public void NamedLayers_AreOrderedNaturally_NotOrdinally()
    {
        // Loading fc1 … fc10 succeeds only if fc10 is the last layer ([2,5]); an ordinal order would make it layer 2.
        var network = new NamedNet(seed: 5);

        WeightsJson.Load(network, FixtureFile("named", "json"));

        using var document = System.Text.Json.JsonDocument.Parse(File.ReadAllText(FixtureFile("named", "json")));
        float[] fc10Bias = document.RootElement.GetProperty("fc10.bias").EnumerateArray().Select(value => value.GetSingle()).ToArray();
        float[] fc2Bias = document.RootElement.GetProperty("fc2.bias").EnumerateArray().Select(value => value.GetSingle()).ToArray();
        Assert.Equal(fc10Bias, network.Layer10Biases.ToArray());
        Assert.Equal(fc2Bias, network.Layer2Biases.ToArray());
    }

    // A 4-5-3 network (DefaultNet) in JSON with the given keys; shapes follow the keys' order unless told otherwise.
    private string WriteJson(string name, params (string Key, int Rows, int Columns)[] tensors)
    {
        var json = new StringBuilder("{");
        for (int t = 0; t < tensors.Length; t++)
        {
            (string key, int rows, int columns) = tensors[t];
            json.Append(t == 0 ? "" : ",").Append('"').Append(key).Append("\":");
            string row = "[" + string.Join(",", Enumerable.Repeat("0.5", columns)) + "]";
            json.Append(rows == 0 ? row : "[" + string.Join(",", Enumerable.Repeat(row, rows)) + "]");
        }

        string path = PathOf(name);
        File.WriteAllText(path, json.Append('}').ToString());
        return path;
    }

    [Fact]
    public void DropoutGapsAndWrapperPrefix_LoadIntoDefaultNet()
    {
        string path = WriteJson("gaps.json", ("model.net.3.bias", 0, 3), ("model.net.0.weight", 5, 4), ("model.net.0.bias", 0, 5), ("model.net.3.weight", 3, 5));
        var network = new DefaultNet(seed: 5);

        WeightsJson.Load(network, path);

        Assert.All(network.Parameters.ToArray(), value => Assert.Equal(0.5f, value));
    }

    [Fact]
    public void LoneLinear_StateDictWithoutPrefix_Loads()
    {
        string path = WriteJson("linear.json", ("weight", 4, 3), ("bias", 0, 4));
        var network = new Arch25(seed: 5); // 3-4

        WeightsJson.Load(network, path);

        Assert.All(network.Parameters.ToArray(), value => Assert.Equal(0.5f, value));
    }

    [Theory]
    [InlineData("ambiguous", "'fc01' and 'fc1' read as the same position, so the order of the layers is ambiguous")]
    [InlineData("not-chaining", "layer 1 weight: file has [3,5], network expects [5,4] ('a.weight', line 1, column 13)")]
    [InlineData("missing-bias", "tensor 'fc2.weight' ([3,5], line 1, column ")]
    [InlineData("missing-weight", "tensor 'fc2.bias' ([3], line 1, column ")]
    [InlineData("too-many", "the file holds 3 weight/bias pairs, the network has 2 layers")]
    [InlineData("too-few", "layer 2 weight and bias are missing")]
    [InlineData("none", "the file holds no tensor named '<prefix>.weight' or '<prefix>.bias'")]
    public void BadStateDict_IsRejected_ListingWhatWasFound_AndParametersUntouched(string name, string fragment)
    {
        string path = name switch
        {
            "ambiguous" => WriteJson("a.json", ("fc1.weight", 5, 4), ("fc1.bias", 0, 5), ("fc01.weight", 3, 5), ("fc01.bias", 0, 3)),
            // Ordered by name, "a" comes first, but it holds the second layer's shapes: the file does not chain.
            "not-chaining" => WriteJson("b.json", ("a.weight", 3, 5), ("a.bias", 0, 3), ("b.weight", 5, 4), ("b.bias", 0, 5)),
            "missing-bias" => WriteJson("c.json", ("fc1.weight", 5, 4), ("fc1.bias", 0, 5), ("fc2.weight", 3, 5)),
            "missing-weight" => WriteJson("d.json", ("fc1.weight", 5, 4), ("fc1.bias", 0, 5), ("fc2.bias", 0, 3)),
            "too-many" => WriteJson("e.json", ("0.weight", 5, 4), ("0.bias", 0, 5), ("2.weight", 3, 5), ("2.bias", 0, 3), ("4.weight", 3, 3), ("4.bias", 0, 3)),
            "too-few" => WriteJson("f.json", ("0.weight", 5, 4), ("0.bias", 0, 5)),
            "none" => WriteJson("g.json"),
            _ => throw new ArgumentException(name, nameof(name)),
        };
        var network = new DefaultNet(seed: 5);
        int[] before = Bits(network.Parameters);

        var exception = Assert.Throws<InvalidDataException>(() => WeightsJson.Load(network, path));

        Assert.Contains(fragment, exception.Message);
        Assert.Contains(name == "none" ? "The file holds no weight/bias pairs." : "The file's weight/bias pairs in natural order: ", exception.Message);
        Assert.Contains("The network (layers 4,5,3) expects F32 tensors 0.weight [5,4], 0.bias [5], 2.weight [3,5], 2.bias [3]", exception.Message);
        Assert.Equal(before, Bits(network.Parameters));
    }

    [Fact]
    public void NotChaining_MessageListsThePairsInTheOrderTheRulesReadThem()
    {
        string path = WriteJson("h.json", ("a.weight", 3, 5), ("a.bias", 0, 3), ("b.weight", 5, 4), ("b.bias", 0, 5));

        var exception = Assert.Throws<InvalidDataException>(() => WeightsJson.Load(new DefaultNet(seed: 5), path));

        Assert.Contains("The file's weight/bias pairs in natural order: 'a' [3,5] + [3], 'b' [5,4] + [5].", exception.Message);
    }

    [Theory]
    [InlineData("safetensors")]
    [InlineData("json")]
    public void Save_KeepsWritingSequentialNames(string format)
    {
        var network = new DropoutsNet(seed: 5);
        string path = PathOf("out." + format);
        if (format == "json")
        {
            WeightsJson.Save(network, path);
        }
        else
        {
            SafeTensors.Save(network, path);
        }

        string text = Encoding.UTF8.GetString(File.ReadAllBytes(path));
        foreach (string key in new[] { "0.weight", "0.bias", "2.weight", "2.bias", "4.weight", "4.bias" })
        {
            Assert.Contains("\"" + key + "\"", text);
        }
    }
}
