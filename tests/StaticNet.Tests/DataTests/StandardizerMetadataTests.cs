using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using StaticNet.Tests.Networks;
using Xunit;

namespace StaticNet.Tests.Data;

/// <summary>Standardizers saved with the weights as safetensors metadata, and the target scaler.</summary>
public sealed class StandardizerMetadataTests() : TemporaryDirectory("standardizer-metadata")
{
    private static readonly float[] AwkwardMeans = { 0.1f, -123.456f, 3.4028235e38f, 1e-45f, -0f, 16777217f, 1f / 3f };
    private static readonly float[] AwkwardDeviations = { 0f, 1.17549435e-38f, 2.5f, 1e-45f, 7e37f, 0.3f, 1f / 7f };

    [Fact]
    public void Metadata_RoundTripsEveryBit_ThroughASavedFile()
    {
        var features = new Standardizer(AwkwardMeans, AwkwardDeviations);
        var targets = new Standardizer(new[] { 5.25f }, new[] { 0.125f });
        var network = new WeightedFixtureNet(seed: 1);
        string path = PathOf("model.safetensors");

        Dictionary<string, string> metadata = features.ToMetadata("features");
        foreach ((string key, string value) in targets.ToMetadata("targets"))
        {
            metadata.Add(key, value);
        }

        SafeTensors.Save(network, path, metadata);

        IReadOnlyDictionary<string, string> saved = SafeTensors.ReadMetadata(path);
        Standardizer featureScaler = Standardizer.FromMetadata(saved, "features");
        Standardizer targetScaler = Standardizer.FromMetadata(saved, "targets");

        Assert.Equal(Bits(AwkwardMeans), Bits(featureScaler.Mean));
        Assert.Equal(Bits(AwkwardDeviations), Bits(featureScaler.StandardDeviation));
        Assert.Equal(5.25f, targetScaler.Mean[0]);
        Assert.Equal(0.125f, targetScaler.StandardDeviation[0]);
        Assert.Equal("pt", saved["format"]);
        Assert.Equal("4,5,3", saved["staticnet.layers"]);

        float[] sample = { 1f, -2f, 3e38f, 0f, 5f, 6f, 7f };
        float[] expected = (float[])sample.Clone(), actual = (float[])sample.Clone();
        features.Transform(expected);
        featureScaler.Transform(actual);
        Assert.Equal(Bits(expected), Bits(actual));
    }

    [Fact]
    public void ReadMetadata_FromAStream_ReadsOnlyTheHeader()
    {
        var network = new WeightedFixtureNet(seed: 1);
        using var stream = new MemoryStream();
        SafeTensors.Save(network, stream, new Standardizer(new[] { 1f, 2f }, new[] { 3f, 4f }).ToMetadata());
        stream.Position = 0;
        long headerEnd = 8 + BitConverter.ToInt64(stream.GetBuffer(), 0);

        IReadOnlyDictionary<string, string> metadata = SafeTensors.ReadMetadata(stream);

        Assert.Equal(headerEnd, stream.Position);
        Assert.Equal(new[] { "format", "staticnet.features.mean", "staticnet.features.std", "staticnet.layers" }, metadata.Keys.ToArray());
        Assert.Equal("1,2", metadata["staticnet.features.mean"]);
        Assert.Equal(new[] { 1f, 2f }, Standardizer.FromMetadata(metadata).Mean);
    }

    [Fact]
    public void ReadMetadata_RejectsAMalformedHeader_NamingTheStream()
    {
        byte[] bytes = new byte[8 + 4];
        BitConverter.TryWriteBytes(bytes, 4L);
        "[1,]"u8.CopyTo(bytes.AsSpan(8));
        InvalidDataException exception = Assert.Throws<InvalidDataException>(() => SafeTensors.ReadMetadata(new MemoryStream(bytes)));
        Assert.StartsWith("Cannot read the metadata of the stream: ", exception.Message);

        BitConverter.TryWriteBytes(bytes, 1_000_000L);
        InvalidDataException truncated = Assert.Throws<InvalidDataException>(() => SafeTensors.ReadMetadata(new MemoryStream(bytes)));
        Assert.Contains("only 4 bytes follow it", truncated.Message);
    }

    [Fact]
    public void FromMetadata_NamesTheMissingOrBadEntry()
    {
        InvalidDataException missing = Assert.Throws<InvalidDataException>(() => Standardizer.FromMetadata(new Dictionary<string, string>(), "targets"));
        Assert.Contains("no entry 'staticnet.targets.mean'", missing.Message);

        var bad = new Dictionary<string, string> { ["staticnet.features.mean"] = "1,NaN", ["staticnet.features.std"] = "1,1" };
        InvalidDataException notFinite = Assert.Throws<InvalidDataException>(() => Standardizer.FromMetadata(bad));
        Assert.Contains("'staticnet.features.mean' holds 'NaN' at position 1", notFinite.Message);

        var lengths = new Dictionary<string, string> { ["staticnet.features.mean"] = "1,2", ["staticnet.features.std"] = "1" };
        Assert.Throws<InvalidDataException>(() => Standardizer.FromMetadata(lengths));
        Assert.Throws<ArgumentException>(() => new Standardizer(new[] { 1f }, new[] { 1f }).ToMetadata("a.b"));
    }

    [Fact]
    public void TargetScaler_StandardizesTargets_AndInverseTransformGivesThemBack()
    {
        // Targets 10, 14, 18: mean 14, population standard deviation √(32/3).
        var data = new Dataset(new[] { 1f, 2f, 3f }, 1, new[] { 10f, 14f, 18f }, 1);
        Standardizer scaler = Standardizer.FitTargets(data);
        Assert.Equal(14f, scaler.Mean[0]);
        Assert.Equal((float)Math.Sqrt(32.0 / 3), scaler.StandardDeviation[0]);

        Dataset scaled = scaler.TransformTargets(data);
        Assert.Same(data.Features, scaled.Features);
        Assert.Equal(0f, scaled.Targets[1]);
        Assert.Equal(-scaled.Targets[0], scaled.Targets[2]);

        float[] prediction = { scaled.Targets[2] };
        scaler.InverseTransform(prediction);
        Assert.Equal(18f, prediction[0], 5);

        ArgumentException wrong = Assert.Throws<ArgumentException>(() => scaler.TransformTargets(new Dataset(new float[2], 1, new float[4], 2)));
        Assert.Contains("2 targets per sample", wrong.Message);
    }

    private static int[] Bits(IEnumerable<float> values) => values.Select(BitConverter.SingleToInt32Bits).ToArray();
}
