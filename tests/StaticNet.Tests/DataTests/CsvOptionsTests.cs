using System;
using System.IO;
using System.Linq;
using System.Text;
using StaticNet.Tests.Networks;
using Xunit;
using Xunit.Abstractions;

namespace StaticNet.Tests.Data;

/// <summary>
/// Issue 22 item 4 and issue 18 class 15 (CSV): a binary label as one 0/1 target, choosing and skipping columns,
/// Stream overloads, mismatch errors that name the option, and one-hot storage that does not grow with
/// rows × classes.
/// </summary>
public sealed class CsvOptionsTests : IDisposable
{
    private const string Churn = "id,age,plan,monthly,churned\n1,34,basic,20.5,no\n2,51,pro,80,yes\n3,23,basic,15,no\n4,45,pro,99.9,yes\n";
    private readonly TempDirectory _directory = new();
    private readonly ITestOutputHelper _output;

    public CsvOptionsTests(ITestOutputHelper output) => _output = output;

    public void Dispose() => _directory.Dispose();

    private static MemoryStream Utf8(string text) => new(Encoding.UTF8.GetBytes(text));

    [Fact]
    public void PositiveClass_ReadsATwoClassLabelAsOne01Target()
    {
        string path = _directory.WriteText("churn.csv", Churn);

        // <docs:binary-label>
        CsvDataset churn = CsvReader.ReadClassification(path, "churned", new CsvOptions
        {
            PositiveClass = "yes",               // one target: 1 for "yes", 0 for the other class
            IgnoreColumns = ["id", "plan"],      // not features; "plan" holds text, which is fine when skipped
        });
        // </docs:binary-label>

        Assert.Equal(1, churn.Data.TargetCount);
        Assert.Equal(new[] { 0f, 1f, 0f, 1f }, churn.Data.Targets);
        Assert.Equal(new[] { 0, 1, 0, 1 }, churn.Data.Labels);
        Assert.Equal(new[] { "no", "yes" }, churn.ClassNames);
        Assert.Equal(new[] { "age", "monthly" }, churn.FeatureNames);
        Assert.Equal(new[] { 34f, 20.5f, 51f, 80f, 23f, 15f, 45f, 99.9f }, churn.Data.Features);
    }

    [Fact]
    public void PositiveClass_TrainsAOneOutputSigmoidNetwork()
    {
        string path = _directory.WriteText("binary.csv", "a,b,c,label\n" + string.Concat(Enumerable.Range(0, 40).Select(i =>
            i % 2 == 0 ? $"{i % 7 * 0.1},0.{i % 5},1,spam\n" : $"-{i % 7 * 0.1},-0.{i % 5},-1,ham\n")));
        CsvDataset data = CsvReader.ReadClassification(path, "label", new CsvOptions { PositiveClass = "spam" });
        var network = new BinarySigmoidNet(seed: 1);

        new Trainer(network, new Adam(0.05f), new TrainerOptions { Epochs = 30, BatchSize = 8 }).Fit(data.Data);

        Span<float> output = stackalloc float[1];
        network.Forward(data.Data.FeaturesOf(0), output);
        Assert.True(output[0] > 0.9f, $"spam scored {output[0]}");
        network.Forward(data.Data.FeaturesOf(1), output);
        Assert.True(output[0] < 0.1f, $"ham scored {output[0]}");
    }

    [Fact]
    public void AOneOutputNetwork_GivenOneHotTargets_IsToldToSetPositiveClass()
    {
        string path = _directory.WriteText("onehot.csv", "a,b,c,label\n1,2,3,spam\n4,5,6,ham\n");
        CsvDataset data = CsvReader.ReadClassification(path, "label");

        var exception = Assert.Throws<ArgumentException>(() =>
            new Trainer(new BinarySigmoidNet(seed: 1), new Adam()).Fit(data.Data));

        Assert.StartsWith("'train' has 3 features and 2 targets per sample, but the network takes 3 inputs and gives 1 outputs. ", exception.Message);
        Assert.Contains("for a one-output (Sigmoid) network read it as one 0/1 target: CsvReader.ReadClassification(path, labelColumn, new CsvOptions { PositiveClass = \"<the class that is 1>\" })", exception.Message);
    }

    [Fact]
    public void ABinaryTarget_GivenToATwoOutputNetwork_IsToldToReadWithoutPositiveClass()
    {
        using var stream = Utf8("a,label\n1,x\n2,y\n");
        Dataset data = CsvReader.ReadClassification(stream, "label", new CsvOptions { PositiveClass = "x" }).Data;

        var exception = Assert.Throws<ArgumentException>(() => Evaluation.MeanSquaredError(new TwoOutputNet(seed: 1), data));

        Assert.Contains("The label was read as one 0/1 target (CsvOptions.PositiveClass); for a network of 2 outputs, one per class, read it without PositiveClass.", exception.Message);
    }

    [Fact]
    public void AFeatureCountMismatch_NamesTheColumnOptions()
    {
        using var stream = Utf8("a,b,label\n1,2,x\n3,4,y\n");
        Dataset data = CsvReader.ReadClassification(stream, "label", new CsvOptions { PositiveClass = "x" }).Data;

        var exception = Assert.Throws<ArgumentException>(() => new Trainer(new BinarySigmoidNet(seed: 1), new Adam()).Fit(data));

        Assert.EndsWith("CsvOptions.FeatureColumns or CsvOptions.IgnoreColumns choose which CSV columns are features (CsvDataset.FeatureNames lists those read). (Parameter 'train')", exception.Message);
    }

    [Fact]
    public void PositiveClass_AThirdClass_OrAPositiveClassNoRowHas_IsInvalidData()
    {
        string third = _directory.WriteText("third.csv", "a,label\n1,yes\n2,no\n3,maybe\n");
        string typo = _directory.WriteText("typo.csv", "a,label\n1,Yes\n2,Yes\n");

        var thirdError = Assert.Throws<InvalidDataException>(() => CsvReader.ReadClassification(third, "label", new CsvOptions { PositiveClass = "yes" }));
        var typoError = Assert.Throws<InvalidDataException>(() => CsvReader.ReadClassification(typo, "label", new CsvOptions { PositiveClass = "yes" }));

        Assert.Equal($"{third}, line 4, column 2 (label): 'maybe' is a third class after 'no' and 'yes' (CsvOptions.PositiveClass); a binary label holds two classes. Read without PositiveClass for one target per class.", thirdError.Message);
        Assert.Equal($"{typo}: no row has the class 'yes' (CsvOptions.PositiveClass) in column 'label', which holds only 'Yes'. Class names are compared exactly (case-sensitive); name the class that should be 1.", typoError.Message);
    }

    [Fact]
    public void PositiveClass_ForRegression_IsAnArgumentError()
    {
        string path = _directory.WriteText("r.csv", "a,y\n1,2\n");
        var exception = Assert.Throws<ArgumentException>(() => CsvReader.ReadRegression(path, ["y"], new CsvOptions { PositiveClass = "1" }));
        Assert.Equal("csvOptions", exception.ParamName);
    }

    [Fact]
    public void FeatureColumns_SelectsFeaturesInTheOrderGiven_AndSkipsTheRest()
    {
        using var stream = Utf8(Churn);

        // <docs:feature-columns>
        CsvDataset data = CsvReader.ReadRegression(stream, ["monthly"], new CsvOptions { FeatureColumns = ["age", "id"] });
        // </docs:feature-columns>

        Assert.Equal(new[] { "age", "id" }, data.FeatureNames);
        Assert.Equal(new[] { 34f, 1f, 51f, 2f, 23f, 3f, 45f, 4f }, data.Data.Features);
        Assert.Equal(new[] { 20.5f, 80f, 15f, 99.9f }, data.Data.Targets);
    }

    [Fact]
    public void ColumnOptions_NamingAMissingColumn_OrOneColumnTwice_AreClearErrors()
    {
        string path = _directory.WriteText("churn.csv", Churn);

        var missing = Assert.Throws<InvalidDataException>(() => CsvReader.ReadClassification(path, "churned", new CsvOptions { IgnoreColumns = ["ID"] }));
        var twice = Assert.Throws<ArgumentException>(() => CsvReader.ReadClassification(path, "churned", new CsvOptions { FeatureColumns = ["age", "churned"] }));
        var both = Assert.Throws<ArgumentException>(() => CsvReader.ReadRegression(path, ["monthly"], new CsvOptions { IgnoreColumns = ["id"], FeatureColumns = ["id"] }));
        var none = Assert.Throws<InvalidDataException>(() => CsvReader.ReadRegression(path, ["monthly"], new CsvOptions { IgnoreColumns = ["id", "age", "plan", "churned"] }));

        Assert.Equal($"{path}: no column named 'ID'; the header has: id, age, plan, monthly, churned. Pass one of these names (they are case-sensitive).", missing.Message);
        Assert.Equal("The column 'churned' is named as a column in CsvOptions.FeatureColumns, but is already a target; give each column one role.", twice.Message);
        Assert.Equal("The column 'id' is named as a column in CsvOptions.FeatureColumns, but is already in CsvOptions.IgnoreColumns; give each column one role.", both.Message);
        Assert.Equal($"{path}: no feature column is left once the targets (monthly) and CsvOptions.IgnoreColumns are taken out; at least one feature column is needed.", none.Message);
    }

    [Fact]
    public void StreamOverloads_ReadAsTheFileOverloadsDo_AndLeaveTheStreamOpen()
    {
        string path = _directory.WriteText("iris.csv", File.ReadAllText(TempDirectory.IrisCsv()));
        using var stream = File.OpenRead(path);

        // <docs:stream>
        CsvDataset iris = CsvReader.ReadClassification(stream, "species");
        // </docs:stream>

        CsvDataset fromFile = CsvReader.ReadClassification(path, "species");
        Assert.Equal(fromFile.Data.Features, iris.Data.Features);
        Assert.Equal(fromFile.Data.Targets, iris.Data.Targets);
        Assert.Equal(fromFile.ClassNames, iris.ClassNames);
        Assert.True(stream.CanRead);
    }

    [Fact]
    public void AStreamThatCannotSeek_IsReadToItsEnd()
    {
        using var compressed = new MemoryStream();
        using (var gzip = new System.IO.Compression.GZipStream(compressed, System.IO.Compression.CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(Encoding.UTF8.GetBytes(Churn));
        }

        compressed.Position = 0;
        using var stream = new System.IO.Compression.GZipStream(compressed, System.IO.Compression.CompressionMode.Decompress);
        CsvDataset data = CsvReader.ReadRegression(stream, ["monthly"], new CsvOptions { IgnoreColumns = ["plan", "churned"] });

        Assert.False(stream.CanSeek);
        Assert.Equal(new[] { "id", "age" }, data.FeatureNames);
        Assert.Equal(new[] { 20.5f, 80f, 15f, 99.9f }, data.Data.Targets);
    }

    [Fact]
    public void StreamErrors_NameTheStream()
    {
        using var empty = Utf8(string.Empty);
        using var bad = Utf8("a,label\n1,x\nz,y\n");
        using var invalid = new MemoryStream([.. "a,label\n1,x"u8, 0xFF, .. "\n"u8]);

        Assert.Equal("CSV stream: the stream is empty; expected a header line of column names followed by one line per sample.", Assert.Throws<InvalidDataException>(() => CsvReader.ReadClassification(empty, "label")).Message);
        Assert.StartsWith("CSV stream, line 3, column 1 (a): 'z' is not a number", Assert.Throws<InvalidDataException>(() => CsvReader.ReadClassification(bad, "label")).Message);
        Assert.StartsWith("CSV stream: invalid UTF-8 after line ", Assert.Throws<InvalidDataException>(() => CsvReader.ReadClassification(invalid, "label")).Message);
    }

    [Fact]
    public void A52KBFileOf5000Classes_AllocatesAFewMegabytes_NotRowsTimesClasses()
    {
        // Before: 97 MB, the one-hot targets of 5,000 rows × 5,000 classes.
        var text = new StringBuilder("x,label\n");
        for (int i = 0; i < 5_000; i++)
        {
            text.Append(i % 10).Append(",class").Append(i).Append('\n');
        }

        string path = _directory.WriteText("classes.csv", text.ToString());
        long size = new FileInfo(path).Length;
        CsvDataset? data = null;

        long allocated = ReaderReliabilityTests.Allocated(() => data = CsvReader.ReadClassification(path, "label"));

        _output.WriteLine($"{allocated} bytes allocated reading {size} bytes of CSV with 5,000 classes");
        Assert.InRange(size, 50_000, 60_000);
        Assert.True(allocated < 10 * size + (4 << 20), $"{allocated} bytes allocated for {size} bytes of CSV");
        Assert.Equal(5_000, data!.Data.TargetCount);
        Assert.Equal(1f, data.Data.TargetsOf(4_999)[4_999]);
        Assert.Equal(1f, data.Data.TargetsOf(4_999).ToArray().Sum());
        Assert.Equal(1f, data.Data.TargetsOf(0)[0]);
        Assert.Equal(1f, data.Data.TargetsOf(0).ToArray().Sum());
    }
}

/// <summary>A one-output binary classifier, as PositiveClass is for.</summary>
[Network(3, 4, 1, Hidden = Activation.Tanh, Output = Activation.Sigmoid, Loss = Loss.BinaryCrossEntropy)]
public partial class BinarySigmoidNet
{
}

/// <summary>Two outputs, one per class.</summary>
[Network(1, 2, Output = Activation.Softmax, Loss = Loss.CrossEntropy)]
public partial class TwoOutputNet
{
}
