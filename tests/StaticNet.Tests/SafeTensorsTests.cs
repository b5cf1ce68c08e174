using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using StaticNet.Samples.Iris;
using StaticNet.Tests.Networks;
using Xunit;
using static StaticNet.Tests.SafeTensorsTestFiles;

namespace StaticNet.Tests;

/// <summary>Saving and loading weights as safetensors files: round trips, the exact bytes, PyTorch's layout, corrupt files, atomic saves.</summary>
public sealed class SafeTensorsTests : IDisposable
{
    // DefaultNet is 4-5-3: 0.weight [5,4] = 80 bytes, 0.bias [5] = 20, 2.weight [3,5] = 60, 2.bias [3] = 12; 172 in all.
    private static readonly string[] DefaultTensors =
    {
        Tensor("0.weight", "F32", "[5,4]", 0, 80),
        Tensor("0.bias", "F32", "[5]", 80, 100),
        Tensor("2.weight", "F32", "[3,5]", 100, 160),
        Tensor("2.bias", "F32", "[3]", 160, 172),
    };

    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("staticnet-safetensors-");

    public void Dispose() => _directory.Delete(recursive: true);

    private string PathOf(string name) => Path.Combine(_directory.FullName, name);

    private static INetwork Create(string architecture, int seed) => architecture switch
    {
        nameof(DefaultNet) => new DefaultNet(seed),
        nameof(IrisNet) => new IrisNet(seed),
        nameof(Arch21) => new Arch21(seed),
        nameof(Arch23) => new Arch23(seed),
        nameof(WideNet) => new WideNet(seed),
        _ => throw new ArgumentException(architecture, nameof(architecture)),
    };

    // A few SGD steps, so the saved parameters are not simply what some seed initialises.
    private static void Train(INetwork network, int steps)
    {
        var random = new Random(11);
        var input = new float[network.InputSize];
        var target = new float[network.OutputSize];
        target[0] = 1f;
        var gradient = new float[network.ParameterCount];
        var optimizer = new Sgd(learningRate: 0.1f);
        for (int step = 0; step < steps; step++)
        {
            for (int i = 0; i < input.Length; i++)
            {
                input[i] = (float)(random.NextDouble() * 2 - 1);
            }

            Array.Clear(gradient);
            network.Backward(input, target, gradient);
            optimizer.Step(network.Parameters, gradient);
        }
    }

    // ---------------------------------------------------------------- round trips

    [Theory]
    [InlineData(nameof(DefaultNet))]
    [InlineData(nameof(IrisNet))]
    [InlineData(nameof(Arch21))]
    [InlineData(nameof(Arch23))]
    [InlineData(nameof(WideNet))]
    public void RoundTrip_IntoDifferentlySeededNetwork_IsBitIdentical_AndForwardAgrees(string architecture)
    {
        INetwork saved = Create(architecture, seed: 1);
        Train(saved, steps: 5);
        INetwork loaded = Create(architecture, seed: 2);
        Assert.NotEqual(Bits(saved.Parameters), Bits(loaded.Parameters));

        string path = PathOf(architecture + ".safetensors");
        SafeTensors.Save(saved, path);
        SafeTensors.Load(loaded, path);

        Assert.Equal(Bits(saved.Parameters), Bits(loaded.Parameters));
        Assert.Equal(8 + BinaryPrimitives.ReadInt64LittleEndian(File.ReadAllBytes(path)) + 4L * saved.ParameterCount, new FileInfo(path).Length);

        var random = new Random(5);
        var input = new float[saved.InputSize];
        var expected = new float[saved.OutputSize];
        var actual = new float[saved.OutputSize];
        for (int sample = 0; sample < 10; sample++)
        {
            for (int i = 0; i < input.Length; i++)
            {
                input[i] = (float)(random.NextDouble() * 4 - 2);
            }

            saved.Forward(input, expected);
            loaded.Forward(input, actual);
            Assert.Equal(Bits(expected), Bits(actual));
        }
    }

    [Fact]
    public void RoundTrip_PreservesNaNPayloads_NegativeZero_AndInfinities()
    {
        var saved = new DefaultNet(seed: 1);
        saved.Parameters[0] = BitConverter.Int32BitsToSingle(0x7FC0_1234);
        saved.Parameters[1] = -0f;
        saved.Parameters[2] = float.PositiveInfinity;
        saved.Parameters[42] = float.Epsilon;
        var loaded = new DefaultNet(seed: 2);
        string path = PathOf("special.safetensors");

        SafeTensors.Save(saved, path);
        SafeTensors.Load(loaded, path, new ReadOptions { AllowNonFiniteWeights = true });

        Assert.Equal(Bits(saved.Parameters), Bits(loaded.Parameters));
        Assert.Equal(0x7FC0_1234, BitConverter.SingleToInt32Bits(loaded.Parameters[0]));
        Assert.Equal(unchecked((int)0x8000_0000), BitConverter.SingleToInt32Bits(loaded.Parameters[1]));
    }

    [Fact]
    public void RoundTrip_ThroughStreams_SeekableAndNot()
    {
        var saved = new IrisNet(seed: 3);
        using var memory = new MemoryStream();
        SafeTensors.Save(saved, memory);
        byte[] viaStream = memory.ToArray();

        string path = PathOf("iris.safetensors");
        SafeTensors.Save(saved, path);
        Assert.Equal(File.ReadAllBytes(path), viaStream);

        var fromSeekable = new IrisNet(seed: 4);
        memory.Position = 0;
        SafeTensors.Load(fromSeekable, memory);
        Assert.Equal(Bits(saved.Parameters), Bits(fromSeekable.Parameters));

        var fromPipe = new IrisNet(seed: 5);
        SafeTensors.Load(fromPipe, new NonSeekableStream(new MemoryStream(viaStream)));
        Assert.Equal(Bits(saved.Parameters), Bits(fromPipe.Parameters));
    }

    [Fact]
    public void Save_IsDeterministic()
    {
        var network = new Arch23(seed: 7);
        var metadata = new Dictionary<string, string> { ["z"] = "last", ["a"] = "first" };
        SafeTensors.Save(network, PathOf("a.safetensors"), metadata);
        SafeTensors.Save(network, PathOf("b.safetensors"), metadata);
        Assert.Equal(File.ReadAllBytes(PathOf("a.safetensors")), File.ReadAllBytes(PathOf("b.safetensors")));
    }

    // ---------------------------------------------------------------- the bytes on disk

    [Fact]
    public void Save_WritesTheDocumentedBytes_ForDefaultNet()
    {
        var network = new DefaultNet(seed: 1);
        string path = PathOf("default.safetensors");
        SafeTensors.Save(network, path, new Dictionary<string, string> { ["epochs"] = "60", ["note"] = "ünïcode \"quoted\"" });
        byte[] file = File.ReadAllBytes(path);

        ulong headerLength = BinaryPrimitives.ReadUInt64LittleEndian(file);
        Assert.Equal(0UL, headerLength % 8);
        Assert.Equal(8 + (long)headerLength + 4 * 43, file.LongLength);

        string header = Encoding.UTF8.GetString(file, 8, (int)headerLength);
        Assert.StartsWith("{\"__metadata__\":{", header);
        string json = header.TrimEnd(' ');
        Assert.EndsWith("}", json);
        Assert.True(headerLength - (ulong)json.Length < 8, "padding is shorter than 8 spaces");
        Assert.Contains("\"format\":\"pt\"", header);
        Assert.Contains("\"staticnet.layers\":\"4,5,3\"", header);
        Assert.Contains("\"0.weight\":{\"dtype\":\"F32\",\"shape\":[5,4],\"data_offsets\":[0,80]}", header);
        Assert.Contains("\"0.bias\":{\"dtype\":\"F32\",\"shape\":[5],\"data_offsets\":[80,100]}", header);
        Assert.Contains("\"2.weight\":{\"dtype\":\"F32\",\"shape\":[3,5],\"data_offsets\":[100,160]}", header);
        Assert.Contains("\"2.bias\":{\"dtype\":\"F32\",\"shape\":[3],\"data_offsets\":[160,172]}", header);
        Assert.True(header.IndexOf("\"0.weight\"", StringComparison.Ordinal) < header.IndexOf("\"2.bias\"", StringComparison.Ordinal), "tensors in layer order");

        using (JsonDocument document = JsonDocument.Parse(json))
        {
            JsonElement metadata = document.RootElement.GetProperty("__metadata__");
            Assert.Equal("4,5,3", metadata.GetProperty("staticnet.layers").GetString());
            Assert.Equal("60", metadata.GetProperty("epochs").GetString());
            Assert.Equal("ünïcode \"quoted\"", metadata.GetProperty("note").GetString());
            Assert.Equal(5, document.RootElement.EnumerateObject().Count());
        }

        // The data section is the parameters in PyTorch's order, little-endian, whatever order the network keeps them in.
        Assert.Equal(LittleEndian(PyTorchOrder.ParametersOf(network)), file.AsSpan(8 + (int)headerLength).ToArray());
        Assert.Equal(network.Layer2Biases[2], BinaryPrimitives.ReadSingleLittleEndian(file.AsSpan(8 + (int)headerLength + 168)));
    }

    // ---------------------------------------------------------------- files as PyTorch writes them

    // W1[r,c] = 100 + 10r + c, b1[r] = −(r + 1), W2[r,c] = 200 + 10r + c, b2[r] = −(r + 10): every value says where it belongs.
    private static (byte[] Bias1, byte[] Weight1, byte[] Bias2, byte[] Weight2) PyTorchTensors()
    {
        float[] weight1 = Enumerable.Range(0, 20).Select(i => 100f + 10 * (i / 4) + i % 4).ToArray();
        float[] bias1 = Enumerable.Range(0, 5).Select(r => -(r + 1f)).ToArray();
        float[] weight2 = Enumerable.Range(0, 15).Select(i => 200f + 10 * (i / 5) + i % 5).ToArray();
        float[] bias2 = Enumerable.Range(0, 3).Select(r => -(r + 10f)).ToArray();
        return (LittleEndian(bias1), LittleEndian(weight1), LittleEndian(bias2), LittleEndian(weight2));
    }

    private static void AssertPyTorchValues(DefaultNet network)
    {
        float[] pytorch = PyTorchOrder.ParametersOf(network);
        Assert.Equal(100f, pytorch[0]);
        Assert.Equal(103f, pytorch[3]);                        // W1[0,3]
        Assert.Equal(142f, pytorch[4 * 4 + 2]);                // W1[4,2]
        Assert.Equal(new[] { -1f, -2f, -3f, -4f, -5f }, network.Layer1Biases.ToArray());
        Assert.Equal(214f, pytorch[DefaultNet.Layer2WeightsOffset + 1 * 5 + 4]);  // W2[1,4]
        Assert.Equal(new[] { -10f, -11f, -12f }, network.Layer2Biases.ToArray());

        // DefaultNet keeps W by columns: W1[4,2] is unit 4 of column 2, W2[1,4] unit 1 of column 4.
        Assert.Equal(142f, network.Layer1Weights[2 * 5 + 4]);
        Assert.Equal(214f, network.Layer2Weights[4 * 3 + 1]);

        // And every value, in StaticNet's layer order W1, b1, W2, b2.
        var (bias1, weight1, bias2, weight2) = PyTorchTensors();
        Assert.Equal([.. weight1, .. bias1, .. weight2, .. bias2], LittleEndian(pytorch));
    }

    [Fact]
    public void Load_AcceptsThePyTorchLayout_AlphabeticalUnpaddedWithoutMetadata()
    {
        var (bias1, weight1, bias2, weight2) = PyTorchTensors();
        string header = Header(
            Tensor("0.bias", "F32", "[5]", 0, 20),
            Tensor("0.weight", "F32", "[5,4]", 20, 100),
            Tensor("2.bias", "F32", "[3]", 100, 112),
            Tensor("2.weight", "F32", "[3,5]", 112, 172));
        byte[] data = [.. bias1, .. weight1, .. bias2, .. weight2];
        string path = PathOf("torch.safetensors");
        File.WriteAllBytes(path, Build(header, data));
        Assert.NotEqual(0, Encoding.UTF8.GetByteCount(header) % 8); // genuinely unpadded

        var network = new DefaultNet(seed: 1);
        SafeTensors.Load(network, path);
        AssertPyTorchValues(network);
    }

    [Fact]
    public void Load_AcceptsTheReferenceWritersLayout_MetadataFirstAndPadded()
    {
        // What safetensors.torch.save_file(state_dict, path, metadata={"format": "pt"}) produces: serde_json's compact
        // output, tensors sorted by name, header padded with spaces to a multiple of 8.
        var (bias1, weight1, bias2, weight2) = PyTorchTensors();
        string header = Header(
            "\"__metadata__\":{\"format\":\"pt\"}",
            Tensor("0.bias", "F32", "[5]", 0, 20),
            Tensor("0.weight", "F32", "[5,4]", 20, 100),
            Tensor("2.bias", "F32", "[3]", 100, 112),
            Tensor("2.weight", "F32", "[3,5]", 112, 172));
        string path = PathOf("torch-padded.safetensors");
        File.WriteAllBytes(path, Build(header, [.. bias1, .. weight1, .. bias2, .. weight2], pad: true));

        var network = new DefaultNet(seed: 1);
        SafeTensors.Load(network, path);
        AssertPyTorchValues(network);
    }

    [Fact]
    public void Load_AcceptsWhitespace_AnyOrder_AndUnknownEntryProperties()
    {
        // Written by hand with Python's json.dumps spacing, data in a shuffled order and an extra property a newer
        // writer might add: only names, dtypes, shapes and offsets matter.
        var (bias1, weight1, bias2, weight2) = PyTorchTensors();
        string header = """
            {
              "2.weight": {"dtype": "F32", "shape": [3, 5], "data_offsets": [0, 60]},
              "0.bias": {"dtype": "F32", "shape": [5], "data_offsets": [60, 80], "comment": "ignored"},
              "__metadata__": {"format": "pt", "staticnet.layers": "4,5,3"},
              "2.bias": {"dtype": "F32", "shape": [3], "data_offsets": [160, 172]},
              "0.weight": {"dtype": "F32", "shape": [5, 4], "data_offsets": [80, 160]}
            }
            """;
        string path = PathOf("spaced.safetensors");
        File.WriteAllBytes(path, Build(header, [.. weight2, .. bias1, .. weight1, .. bias2]));

        var network = new DefaultNet(seed: 1);
        SafeTensors.Load(network, path);
        AssertPyTorchValues(network);
    }

    // ---------------------------------------------------------------- corrupt files

    private static byte[] Valid() => Build(Header(DefaultTensors), Sequence(43));

    private static byte[] SavedBy(INetwork network)
    {
        using var stream = new MemoryStream();
        SafeTensors.Save(network, stream);
        return stream.ToArray();
    }

    private static byte[] CorruptFile(string name)
    {
        switch (name)
        {
            case "truncated":
            {
                byte[] file = SavedBy(new DefaultNet(seed: 1));
                return file.AsSpan(0, file.Length - 30).ToArray();
            }

            case "five-bytes":
                return new byte[] { 1, 2, 3, 4, 5 };
            case "empty":
                return Array.Empty<byte>();
            case "header-longer-than-file":
            {
                byte[] file = Valid();
                BinaryPrimitives.WriteUInt64LittleEndian(file, (ulong)file.Length);
                return file;
            }

            case "header-absurd":
            {
                byte[] file = Valid();
                BinaryPrimitives.WriteUInt64LittleEndian(file, 200_000_000);
                return file;
            }

            case "header-huge":
            {
                byte[] file = Valid();
                BinaryPrimitives.WriteUInt64LittleEndian(file, ulong.MaxValue);
                return file;
            }

            case "bad-json":
                return Build("{\"0.weight\":{\"dtype\":\"F32\",\"shape\":[5,4]", Sequence(43));
            case "not-utf8":
                return Build(new byte[] { (byte)'{', (byte)'"', 0xFF, 0xFE, (byte)'"', (byte)':', (byte)'1', (byte)'}' }, Sequence(43));
            case "not-object":
                return Build("[1,2,3]", Sequence(43));
            case "tensor-not-object":
                return Build(Header(DefaultTensors[0], DefaultTensors[1], DefaultTensors[2], "\"2.bias\":[160,172]"), Sequence(43));
            case "missing-dtype":
                return Build(Header(DefaultTensors[0], DefaultTensors[1], DefaultTensors[2], "\"2.bias\":{\"shape\":[3],\"data_offsets\":[160,172]}"), Sequence(43));
            case "missing-offsets":
                return Build(Header(DefaultTensors[0], DefaultTensors[1], DefaultTensors[2], "\"2.bias\":{\"dtype\":\"F32\",\"shape\":[3]}"), Sequence(43));
            case "dtype-not-string":
                return Build(Header(DefaultTensors[0], DefaultTensors[1], DefaultTensors[2], "\"2.bias\":{\"dtype\":32,\"shape\":[3],\"data_offsets\":[160,172]}"), Sequence(43));
            case "shape-not-array":
                return Build(Header(Tensor("0.weight", "F32", "\"5x4\"", 0, 80), DefaultTensors[1], DefaultTensors[2], DefaultTensors[3]), Sequence(43));
            case "shape-negative":
                return Build(Header(Tensor("0.weight", "F32", "[-5,4]", 0, 80), DefaultTensors[1], DefaultTensors[2], DefaultTensors[3]), Sequence(43));
            case "shape-fraction":
                return Build(Header(Tensor("0.weight", "F32", "[5,4.5]", 0, 80), DefaultTensors[1], DefaultTensors[2], DefaultTensors[3]), Sequence(43));
            case "offsets-three-numbers":
                return Build(Header(DefaultTensors[0], DefaultTensors[1], DefaultTensors[2], "\"2.bias\":{\"dtype\":\"F32\",\"shape\":[3],\"data_offsets\":[160,172,184]}"), Sequence(43));
            case "metadata-not-strings":
                return Build(Header(["\"__metadata__\":{\"epochs\":60}", .. DefaultTensors]), Sequence(43));
            case "metadata-not-object":
                return Build(Header(["\"__metadata__\":\"pt\"", .. DefaultTensors]), Sequence(43));
            case "duplicate-tensor":
                return Build(Header([.. DefaultTensors, DefaultTensors[3]]), Sequence(43));
            case "wrong-dtype":
                return Build(Header(Tensor("0.weight", "F16", "[5,4]", 0, 40), Tensor("0.bias", "F32", "[5]", 40, 60), Tensor("2.weight", "F32", "[3,5]", 60, 120), Tensor("2.bias", "F32", "[3]", 120, 132)), Sequence(33));
            case "wrong-shape":
                return Build(Header(Tensor("0.weight", "F32", "[5,3]", 0, 60), Tensor("0.bias", "F32", "[5]", 60, 80), Tensor("2.weight", "F32", "[3,5]", 80, 140), Tensor("2.bias", "F32", "[3]", 140, 152)), Sequence(38));
            case "transposed-weight":
                return Build(Header(Tensor("0.weight", "F32", "[4,5]", 0, 80), DefaultTensors[1], DefaultTensors[2], DefaultTensors[3]), Sequence(43));
            case "other-network":
                return SavedBy(new IrisNet(seed: 1));
            case "missing-tensor":
                return Build(Header(DefaultTensors[0], DefaultTensors[1], DefaultTensors[2]), Sequence(40));
            case "no-tensors":
                return Build("{}", ReadOnlySpan<byte>.Empty);
            case "extra-tensor":
                return Build(Header([.. DefaultTensors, Tensor("4.weight", "F32", "[2,3]", 172, 196)]), Sequence(49));
            case "prefixed-names":
                return Build(Header(Tensor("net.0.weight", "F32", "[5,4]", 0, 80), DefaultTensors[1], DefaultTensors[2], DefaultTensors[3]), Sequence(43));
            case "overlapping":
                return Build(Header(DefaultTensors[0], Tensor("0.bias", "F32", "[5]", 70, 90), DefaultTensors[2], DefaultTensors[3]), Sequence(43));
            case "gap":
                return Build(Header(DefaultTensors[0], Tensor("0.bias", "F32", "[5]", 84, 104), Tensor("2.weight", "F32", "[3,5]", 104, 164), Tensor("2.bias", "F32", "[3]", 164, 176)), Sequence(44));
            case "trailing-bytes":
                return [.. Valid(), 1, 2, 3, 4];
            case "offsets-out-of-range":
                return Build(Header(DefaultTensors[0], DefaultTensors[1], DefaultTensors[2], Tensor("2.bias", "F32", "[3]", 1000, 1012)), Sequence(43));
            case "offsets-not-matching-shape":
                return Build(Header(Tensor("0.weight", "F32", "[5,4]", 0, 76), DefaultTensors[1], DefaultTensors[2], DefaultTensors[3]), Sequence(43));
            case "offsets-reversed":
                return Build(Header(DefaultTensors[0], DefaultTensors[1], DefaultTensors[2], Tensor("2.bias", "F32", "[3]", 172, 160)), Sequence(43));
            case "offsets-beyond-long":
                return Build(Header(DefaultTensors[0], DefaultTensors[1], DefaultTensors[2], "\"2.bias\":{\"dtype\":\"F32\",\"shape\":[3],\"data_offsets\":[160,99999999999999999999]}"), Sequence(43));
            default:
                throw new ArgumentException(name, nameof(name));
        }
    }

    [Theory]
    [InlineData("truncated", "the file is truncated or its offsets are wrong")]
    [InlineData("five-bytes", "it is 5 bytes long, too short")]
    [InlineData("empty", "it is 0 bytes long, too short")]
    [InlineData("header-longer-than-file", "bytes follow it: the file is truncated")]
    [InlineData("header-absurd", "says 200000000 bytes, more than the format's limit of 100000000")]
    [InlineData("header-huge", "says 18446744073709551615 bytes, more than the format's limit")]
    [InlineData("bad-json", "its header is not valid JSON")]
    [InlineData("not-utf8", "its header is not valid UTF-8")]
    [InlineData("not-object", "its header is a JSON array, not the object of tensors")]
    [InlineData("tensor-not-object", "tensor '2.bias' is a JSON array, not an object with dtype, shape and data_offsets")]
    [InlineData("missing-dtype", "tensor '2.bias' has no \"dtype\"")]
    [InlineData("missing-offsets", "tensor '2.bias' has no \"data_offsets\"")]
    [InlineData("dtype-not-string", "tensor '2.bias' has a \"dtype\" that is a JSON number, not a string")]
    [InlineData("shape-not-array", "tensor '0.weight' has a \"shape\" that is not an array of non-negative integers: \"5x4\"")]
    [InlineData("shape-negative", "tensor '0.weight' has a \"shape\" that is not an array of non-negative integers: [-5,4]")]
    [InlineData("shape-fraction", "tensor '0.weight' has a \"shape\" that is not an array of non-negative integers: [5,4.5]")]
    [InlineData("offsets-three-numbers", "tensor '2.bias' has \"data_offsets\" that are not two non-negative integers [begin, end]: [160,172,184]")]
    [InlineData("offsets-beyond-long", "tensor '2.bias' has \"data_offsets\" that are not two non-negative integers")]
    [InlineData("metadata-not-strings", "its \"__metadata__\" entry 'epochs' is a JSON number, but metadata values must be strings")]
    [InlineData("metadata-not-object", "its \"__metadata__\" is a JSON string, not an object of strings")]
    [InlineData("duplicate-tensor", "its header lists '2.bias' more than once")]
    [InlineData("wrong-dtype", "layer 1 weight ('0.weight'): file has dtype F16, network expects F32")]
    [InlineData("wrong-shape", "layer 1 weight: file has [5,3], network expects [5,4]")]
    [InlineData("transposed-weight", "layer 1 weight: file has [4,5], network expects [5,4]")]
    [InlineData("other-network", "layer 1 weight: file has [8,4], network expects [5,4]")]
    [InlineData("missing-tensor", "tensor '2.weight' (F32 [3,5]) has no '2.bias' beside it (every layer of the network has a bias)")]
    [InlineData("no-tensors", "the file holds no tensor named '<prefix>.weight' or '<prefix>.bias'")]
    [InlineData("extra-tensor", "tensor '4.weight' (F32 [2,3]) has no '4.bias' beside it")]
    [InlineData("prefixed-names", "tensor 'net.0.weight' (F32 [5,4]) has no 'net.0.bias' beside it")]
    [InlineData("overlapping", "tensors '0.weight' [0,80] and '0.bias' [70,90] overlap")]
    [InlineData("gap", "bytes [80,84) of the data section belong to no tensor")]
    [InlineData("trailing-bytes", "the file has 4 trailing bytes after the last tensor")]
    [InlineData("offsets-out-of-range", "tensor '2.bias' has data_offsets [1000,1012], past the end of the data section, which holds 172 bytes")]
    [InlineData("offsets-not-matching-shape", "tensor '0.weight' has data_offsets [0,76], which span 76 bytes, but F32 [5,4] needs 80")]
    [InlineData("offsets-reversed", "tensor '2.bias' has data_offsets [172,160], which end before they begin")]
    public void Load_RejectsCorruptFile_WithAUsefulMessage_AndLeavesParametersUntouched(string name, string fragment)
    {
        string path = PathOf(name + ".safetensors");
        File.WriteAllBytes(path, CorruptFile(name));
        var network = new DefaultNet(seed: 3);
        int[] before = Bits(network.Parameters);

        var exception = Assert.Throws<InvalidDataException>(() => SafeTensors.Load(network, path));

        Assert.Contains(fragment, exception.Message);
        Assert.Contains(path, exception.Message);
        Assert.Contains("into DefaultNet", exception.Message);
        Assert.Contains("The network (layers 4,5,3) expects F32 tensors 0.weight [5,4], 0.bias [5], 2.weight [3,5], 2.bias [3]", exception.Message);
        Assert.Equal(before, Bits(network.Parameters));
    }

    [Fact]
    public void Load_FileFromAnotherNetwork_ReportsEveryMismatch_AndTheRecordedLayers()
    {
        string path = PathOf("iris.safetensors");
        SafeTensors.Save(new IrisNet(seed: 1), path);
        var network = new DefaultNet(seed: 3);
        int[] before = Bits(network.Parameters);

        var exception = Assert.Throws<InvalidDataException>(() => SafeTensors.Load(network, path));

        Assert.Contains("layer 1 weight: file has [8,4], network expects [5,4]", exception.Message);
        Assert.Contains("layer 1 bias: file has [8], network expects [5]", exception.Message);
        Assert.Contains("layer 2 weight: file has [3,8], network expects [3,5]", exception.Message);
        Assert.DoesNotContain("layer 2 bias", exception.Message);
        Assert.Contains("The file's metadata says it was saved from a network with layers 4,8,3, but this network has layers 4,5,3.", exception.Message);
        Assert.Equal(before, Bits(network.Parameters));
    }

    [Fact]
    public void Load_ManyProblems_AreListedUpToALimit()
    {
        string path = PathOf("arch21.safetensors");
        SafeTensors.Save(new Arch21(seed: 1), path); // 10-30-30-30-30-1: ten tensors, none of which fit DefaultNet
        var network = new DefaultNet(seed: 3);
        int[] before = Bits(network.Parameters);

        var exception = Assert.Throws<InvalidDataException>(() => SafeTensors.Load(network, path));

        Assert.Contains("layer 1 weight: file has [30,10], network expects [5,4]", exception.Message);
        Assert.Contains("unexpected tensor '4.weight' (F32 [30,30])", exception.Message);
        Assert.Contains("more problems", exception.Message);
        Assert.Equal(before, Bits(network.Parameters));
    }

    [Fact]
    public void Load_DisagreeingLayersMetadata_IsOnlyANote_WhenTheShapesFit()
    {
        // The shapes are the real check: a file whose tensors fit loads even if its metadata is stale.
        string header = Header(["\"__metadata__\":{\"staticnet.layers\":\"4,8,3\"}", .. DefaultTensors]);
        string path = PathOf("stale.safetensors");
        File.WriteAllBytes(path, Build(header, Sequence(43)));
        var network = new DefaultNet(seed: 3);

        SafeTensors.Load(network, path);

        Assert.Equal(0.5f, network.Parameters[0]);
        Assert.Equal(42.5f, network.Parameters[42]);
    }

    [Fact]
    public void Load_CorruptStream_NamesTheStream()
    {
        var network = new DefaultNet(seed: 3);
        int[] before = Bits(network.Parameters);
        byte[] file = CorruptFile("wrong-shape");

        var exception = Assert.Throws<InvalidDataException>(() => SafeTensors.Load(network, new MemoryStream(file)));
        Assert.StartsWith("Cannot load the stream into DefaultNet: layer 1 weight: file has [5,3], network expects [5,4]", exception.Message);

        var pipeException = Assert.Throws<InvalidDataException>(() => SafeTensors.Load(network, new NonSeekableStream(new MemoryStream(file))));
        Assert.Equal(exception.Message, pipeException.Message);
        Assert.Equal(before, Bits(network.Parameters));
    }

    [Fact]
    public void Load_MissingFile_ThrowsFileNotFound_AndChangesNothing()
    {
        var network = new DefaultNet(seed: 3);
        int[] before = Bits(network.Parameters);
        Assert.Throws<FileNotFoundException>(() => SafeTensors.Load(network, PathOf("absent.safetensors")));
        Assert.Equal(before, Bits(network.Parameters));
    }

    // ---------------------------------------------------------------- atomic saves

    private string[] FilesInDirectory() => Directory.GetFileSystemEntries(_directory.FullName).Select(entry => Path.GetFileName(entry)).Order(StringComparer.Ordinal).ToArray();

    [Fact]
    public void Save_OverALargerExistingFile_ReplacesItCompletely()
    {
        string path = PathOf("model.safetensors");
        File.WriteAllBytes(path, Enumerable.Repeat((byte)0xAB, 10_000).ToArray());
        var network = new DefaultNet(seed: 1);

        SafeTensors.Save(network, path);

        Assert.Equal(SavedBy(network), File.ReadAllBytes(path));
        Assert.Equal(new[] { "model.safetensors" }, FilesInDirectory());
        var loaded = new DefaultNet(seed: 2);
        SafeTensors.Load(loaded, path);
        Assert.Equal(Bits(network.Parameters), Bits(loaded.Parameters));
    }

    [Fact]
    public void Save_IntoMissingDirectory_Throws_AndLeavesNoTemporaryFiles()
    {
        string path = Path.Combine(_directory.FullName, "does-not-exist", "model.safetensors");

        Assert.Throws<DirectoryNotFoundException>(() => SafeTensors.Save(new DefaultNet(seed: 1), path));

        Assert.Empty(FilesInDirectory());
    }

    [Fact]
    public void Save_FailingMidWrite_KeepsTheExistingFileIntact_AndDeletesTheTemporaryFile()
    {
        string path = PathOf("model.safetensors");
        SafeTensors.Save(new DefaultNet(seed: 5), path);
        byte[] original = File.ReadAllBytes(path);

        // The first read of Parameters (the layout check) succeeds; the second, after the header is written, throws.
        var exception = Assert.Throws<InvalidOperationException>(() => SafeTensors.Save(new FailingNetwork(successfulReads: 1), path));

        Assert.Equal("simulated failure while reading parameters", exception.Message);
        Assert.Equal(original, File.ReadAllBytes(path));
        Assert.Equal(new[] { "model.safetensors" }, FilesInDirectory());
    }

    [Fact]
    public void Save_OntoADirectory_Throws_AndLeavesNoTemporaryFiles()
    {
        string path = PathOf("taken");
        Directory.CreateDirectory(path);

        Assert.ThrowsAny<IOException>(() => SafeTensors.Save(new DefaultNet(seed: 1), path));

        Assert.Equal(new[] { "taken" }, FilesInDirectory());
        Assert.Empty(Directory.GetFileSystemEntries(path));
    }

    [Theory]
    [InlineData("format")]
    [InlineData("staticnet.layers")]
    public void Save_ReservedMetadataKey_ThrowsBeforeTouchingTheDisk(string key)
    {
        string path = PathOf("model.safetensors");
        var exception = Assert.Throws<ArgumentException>(() => SafeTensors.Save(new DefaultNet(seed: 1), path, new Dictionary<string, string> { [key] = "x" }));

        Assert.Contains($"'{key}' is reserved", exception.Message);
        Assert.Equal("metadata", exception.ParamName);
        Assert.Empty(FilesInDirectory());
    }

    [Fact]
    public void Save_And_Load_RejectNullArguments()
    {
        var network = new DefaultNet(seed: 1);
        Assert.Throws<ArgumentNullException>(() => SafeTensors.Save(null!, PathOf("x")));
        Assert.Throws<ArgumentNullException>(() => SafeTensors.Save(network, (string)null!));
        Assert.Throws<ArgumentException>(() => SafeTensors.Save(network, string.Empty));
        Assert.Throws<ArgumentNullException>(() => SafeTensors.Load(network, (Stream)null!));
        Assert.Throws<ArgumentNullException>(() => SafeTensors.Load(null!, PathOf("x")));
        Assert.Empty(FilesInDirectory());
    }
}
