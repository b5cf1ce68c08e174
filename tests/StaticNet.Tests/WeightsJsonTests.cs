using System;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using StaticNet.Tests.Networks;
using Xunit;
using static StaticNet.Tests.SafeTensorsTestFiles;

namespace StaticNet.Tests;

/// <summary>The JSON weights format: exact round trips, shortest float text, atomic saves, and corrupt files.</summary>
public sealed class WeightsJsonTests() : TemporaryDirectory("json")
{
    // Random finite floats over the whole range: random bit patterns, so every exponent and subnormals occur.
    private static void FillWithRandomFloats(Span<float> values, Random random)
    {
        for (int i = 0; i < values.Length; i++)
        {
            float value;
            do
            {
                value = BitConverter.Int32BitsToSingle(random.Next() ^ (random.Next(2) << 31));
            }
            while (!float.IsFinite(value));

            values[i] = value;
        }
    }

    [Fact]
    public void SaveThenLoad_RoundTripsOneHundredThousandRandomFloats_BitForBit()
    {
        var random = new Random(1234);
        var source = new Arch23(seed: 1); // 40-40-10: 2,050 parameters
        string path = PathOf("random.json");
        for (int round = 0; round < 50; round++)
        {
            FillWithRandomFloats(source.Parameters, random);
            var target = new Arch23(seed: 2);

            WeightsJson.Save(source, path);
            WeightsJson.Load(target, path);

            Assert.Equal(Bits(source.Parameters), Bits(target.Parameters));
        }
    }

    [Fact]
    public void Save_WritesEachFloatInItsShortestRoundTripForm()
    {
        var random = new Random(99);
        var network = new Arch23(seed: 1);
        FillWithRandomFloats(network.Parameters, random);
        network.Parameters[0] = 0.1f;
        network.Parameters[1] = -0f;
        network.Parameters[2] = float.Epsilon;
        network.Parameters[3] = float.MaxValue;
        using var stream = new MemoryStream();

        WeightsJson.Save(network, stream);

        string text = Encoding.UTF8.GetString(stream.ToArray());
        string[] numbers = text.Split(new[] { '[', ']', ',', ' ', '\n', '{', '}', ':' }, StringSplitOptions.RemoveEmptyEntries)
            .Where(token => !token.StartsWith('"'))
            .ToArray();
        Assert.Equal(Arch23.ParameterCount, numbers.Length);
        Assert.Equal("0.1", numbers[0]);
        Assert.Equal("-0", numbers[1]);
        Assert.Equal("1E-45", numbers[2]);
        Assert.Equal("3.4028235E+38", numbers[3]);
        for (int i = 0; i < numbers.Length; i++)
        {
            float value = network.Parameters[i];
            Assert.Equal(BitConverter.SingleToInt32Bits(value), BitConverter.SingleToInt32Bits(float.Parse(numbers[i], CultureInfo.InvariantCulture)));

            // Shortest: no decimal with fewer significant digits reads back as the same float.
            int digits = numbers[i].TrimStart('-').Split('E')[0].Replace(".", "").Trim('0').Length;
            if (digits > 1)
            {
                string shorter = value.ToString("E" + (digits - 2), CultureInfo.InvariantCulture);
                Assert.NotEqual(value, float.Parse(shorter, CultureInfo.InvariantCulture));
            }
        }
    }

    [Fact]
    public void Save_WritesPyTorchsShapes_OneWeightRowPerLine()
    {
        var network = new DefaultNet(seed: 1);
        network.Parameters.Clear();
        network.Parameters[0] = 1.5f; // W[1] row 0, column 0
        network.Parameters[20] = -2f; // b[1] row 0
        using var stream = new MemoryStream();

        WeightsJson.Save(network, stream);

        string expected = "{\n  \"0.weight\": [\n    [1.5, 0, 0, 0],\n    [0, 0, 0, 0],\n    [0, 0, 0, 0],\n    [0, 0, 0, 0],\n    [0, 0, 0, 0]\n  ],\n"
            + "  \"0.bias\": [-2, 0, 0, 0, 0],\n"
            + "  \"2.weight\": [\n    [0, 0, 0, 0, 0],\n    [0, 0, 0, 0, 0],\n    [0, 0, 0, 0, 0]\n  ],\n"
            + "  \"2.bias\": [0, 0, 0]\n}\n";
        Assert.Equal(expected, Encoding.UTF8.GetString(stream.ToArray()));
    }

    [Fact]
    public void Save_NonFiniteParameter_ThrowsAndWritesNothing()
    {
        var network = new DefaultNet(seed: 1);
        network.Parameters[7] = float.NaN;
        string path = PathOf("nan.json");

        var exception = Assert.Throws<ArgumentException>(() => WeightsJson.Save(network, path));

        Assert.Contains("NaN", exception.Message);
        Assert.Empty(Directory.GetFiles());
    }

    [Fact]
    public void Save_ReplacesAnExistingFileAtomically_LeavingNoTemporaryFile()
    {
        string path = PathOf("weights.json");
        File.WriteAllText(path, "old");

        WeightsJson.Save(new DefaultNet(seed: 1), path);

        var loaded = new DefaultNet(seed: 2);
        WeightsJson.Load(loaded, path);
        Assert.Equal(Bits(new DefaultNet(seed: 1).Parameters), Bits(loaded.Parameters));
        Assert.Single(Directory.GetFiles());
    }

    [Fact]
    public void LoadFromStream_ReadsFromTheCurrentPosition()
    {
        var source = new DefaultNet(seed: 1);
        using var stream = new MemoryStream();
        stream.Write("junk"u8);
        WeightsJson.Save(source, stream);
        stream.Position = 4;
        var target = new DefaultNet(seed: 2);

        WeightsJson.Load(target, stream);

        Assert.Equal(Bits(source.Parameters), Bits(target.Parameters));
    }

    public static TheoryData<string, string, string> CorruptFiles => new()
    {
        { "syntax", "{\n  \"0.weight\": [[1, 2, 3, 4],\n    [1 2]]\n}", "it is not valid JSON: expected ',' or ']' after an array item but found '2' at line 3, column 8" },
        { "truncated", "{\"0.weight\": [[1, 2", "it is not valid JSON: expected ',' or ']' after an array item but found the end of the text at line 1, column 20" },
        { "empty", "", "it is not valid JSON: the text ends where a value was expected at line 1, column 1" },
        { "trailing", "{} x", "unexpected 'x' after the end of the JSON value at line 1, column 4" },
        { "leading-zero", "{\"0.bias\": [01]}", "a number may not have leading zeros at line 1, column 14" },
        { "duplicate", "{\"0.bias\": [1],\n \"0.bias\": [2]}", "the key \"0.bias\" appears more than once in this object at line 2, column 2" },
        { "not-object", "[1, 2]", "the file is an array, not an object of tensors" },
        { "string-value", "{\"0.bias\": [1, \"2\", 3]}", "tensor '0.bias' holds a string where a number was expected at line 1, column 16" },
        { "ragged", "{\"0.weight\": [[1, 2], [3]]}", "tensor '0.weight' is not rectangular: the first array at this depth has 2 items, so this should be an array of 2, but it is an array of 1 at line 1, column 23" },
        { "nan", "{\"0.bias\": [1, NaN]}", "tensor '0.bias' holds NaN; weights must be finite at line 1, column 16" },
        { "infinity", "{\"0.bias\": [-Infinity]}", "tensor '0.bias' holds -Infinity; weights must be finite at line 1, column 13" },
        { "too-large", "{\"0.bias\": [1e39]}", "tensor '0.bias' holds 1e39, beyond the largest float (3.4028235E+38) at line 1, column 13" },
        { "null", "{\"0.bias\": null}", "tensor '0.bias' holds null where a number was expected at line 1, column 12" },
        { "wrong-shape", "{\"0.weight\": [[1, 2, 3, 4]], \"0.bias\": [1], \"2.weight\": [[1]], \"2.bias\": [1]}", "layer 1 weight: file has [1,4], network expects [5,4] ('0.weight', line 1, column 14)" },
    };

    [Theory]
    [MemberData(nameof(CorruptFiles))]
    public void Load_CorruptFile_IsRejectedWithLineAndColumn_AndParametersUntouched(string name, string content, string fragment)
    {
        string path = PathOf(name + ".json");
        File.WriteAllText(path, content);
        var network = new DefaultNet(seed: 3);
        int[] before = Bits(network.Parameters);

        var exception = Assert.Throws<InvalidDataException>(() => WeightsJson.Load(network, path));

        Assert.Contains(fragment, exception.Message);
        Assert.Contains(path, exception.Message);
        Assert.Contains("into DefaultNet", exception.Message);
        Assert.Equal(before, Bits(network.Parameters));
    }

    [Fact]
    public void Load_InvalidUtf8_IsRejected()
    {
        string path = PathOf("latin1.json");
        File.WriteAllBytes(path, new byte[] { (byte)'{', (byte)'"', 0xE9, (byte)'"', (byte)':', (byte)'1', (byte)'}' });
        var network = new DefaultNet(seed: 3);
        int[] before = Bits(network.Parameters);

        var exception = Assert.Throws<InvalidDataException>(() => WeightsJson.Load(network, path));

        Assert.Contains("it is not valid UTF-8 text", exception.Message);
        Assert.Equal(before, Bits(network.Parameters));
    }

    [Fact]
    public void Load_AcceptsByteOrderMarkEscapesAndExponents()
    {
        string path = PathOf("bom.json");
        string json = "\uFEFF{\"0.w\\u0065ight\": [[1e0,2E+0,-3.5e-1,0.25]," + string.Join(",", Enumerable.Repeat("[0,0,0,0]", 4)) + "],"
            + "\"0.bias\": [1,2,3,4,5], \"2.weight\": [" + string.Join(",", Enumerable.Repeat("[0,0,0,0,0]", 3)) + "], \"2.bias\": [0,0,0]}";
        File.WriteAllText(path, json, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        var network = new DefaultNet(seed: 3);

        WeightsJson.Load(network, path);

        Assert.Equal(new[] { 1f, 2f, -0.35f, 0.25f }, PyTorchOrder.ParametersOf(network).AsSpan(0, 4).ToArray());
        Assert.Equal(new[] { 1f, 2f, 3f, 4f, 5f }, network.Layer1Biases.ToArray());
    }
}
