using System;
using System.IO;
using System.Linq;
using System.Text;
using Xunit;

namespace StaticNet.Tests.Data;

/// <summary>CSV classification and regression files, and error messages that point at the broken cell.</summary>
public sealed class CsvReaderTests : IDisposable
{
    private const string IrisHeader = "sepal_length,sepal_width,petal_length,petal_width,species\n";
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    private InvalidDataException ClassificationError(string contents, string labelColumn = "species")
    {
        string path = _directory.WriteText("bad.csv", contents);
        var e = Assert.Throws<InvalidDataException>(() => CsvReader.ReadClassification(path, labelColumn));
        Assert.StartsWith(path, e.Message);
        return e;
    }

    [Fact]
    public void ShippedIris_150Samples4Features3ClassesInOrderOfAppearance()
    {
        CsvDataset iris = CsvReader.ReadClassification(TempDirectory.IrisCsv(), "species");
        Dataset data = iris.Data;
        Assert.Equal(150, data.Count);
        Assert.Equal(4, data.FeatureCount);
        Assert.Equal(3, data.TargetCount);
        Assert.Equal(new[] { "sepal_length", "sepal_width", "petal_length", "petal_width" }, iris.FeatureNames);
        Assert.Equal(new[] { "setosa", "versicolor", "virginica" }, iris.ClassNames);

        Assert.Equal(new[] { 5.1f, 3.5f, 1.4f, 0.2f }, data.FeaturesOf(0).ToArray());
        Assert.Equal(new[] { 1f, 0f, 0f }, data.TargetsOf(0).ToArray());
        Assert.Equal(0, data.Labels![0]);

        // The last row: 5.9,3.0,5.1,1.8,virginica.
        Assert.Equal(new[] { 5.9f, 3.0f, 5.1f, 1.8f }, data.FeaturesOf(149).ToArray());
        Assert.Equal(new[] { 0f, 0f, 1f }, data.TargetsOf(149).ToArray());
        Assert.Equal(new[] { 50, 50, 50 }, data.Labels.GroupBy(l => l).OrderBy(g => g.Key).Select(g => g.Count()));
    }

    [Fact]
    public void Classification_CrlfQuotesWhitespaceTrailingBlankLineAndByteOrderMark()
    {
        string contents = "\uFEFF a , \"b\" ,label\r\n1, 2.5 ,\"setosa\"\r\n-3,4e-1, virginica \r\n \"5\" ,6,setosa\r\n\r\n";
        string path = Path.Combine(_directory.FullName, "mixed.csv");
        File.WriteAllText(path, contents, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));

        CsvDataset csv = CsvReader.ReadClassification(path, "label");
        Assert.Equal(new[] { "a", "b" }, csv.FeatureNames);
        Assert.Equal(new[] { "setosa", "virginica" }, csv.ClassNames);
        Assert.Equal(new[] { 1f, 2.5f, -3f, 0.4f, 5f, 6f }, csv.Data.Features);
        Assert.Equal(new[] { 0, 1, 0 }, csv.Data.Labels);
        Assert.Equal(new[] { 1f, 0f, 0f, 1f, 1f, 0f }, csv.Data.Targets);
    }

    [Fact]
    public void Classification_LabelColumnInTheMiddle_FeaturesKeepHeaderOrder()
    {
        string path = _directory.WriteText("middle.csv", "x,kind,y\n1,b,2\n3,a,4\n5,b,6\n");
        CsvDataset csv = CsvReader.ReadClassification(path, "kind");
        Assert.Equal(new[] { "x", "y" }, csv.FeatureNames);
        Assert.Equal(new[] { "b", "a" }, csv.ClassNames);
        Assert.Equal(new[] { 1f, 2f, 3f, 4f, 5f, 6f }, csv.Data.Features);
        Assert.Equal(new[] { 0, 1, 0 }, csv.Data.Labels);
    }

    [Fact]
    public void Classification_QuotedCellWithEmbeddedCommaAndEscapedQuote()
    {
        string path = _directory.WriteText("quoted.csv", "x,name\n1,\"big, \"\"red\"\"\"\n2,small\n");
        CsvDataset csv = CsvReader.ReadClassification(path, "name");
        Assert.Equal(new[] { "big, \"red\"", "small" }, csv.ClassNames);
    }

    [Fact]
    public void Regression_SingleTarget()
    {
        string path = _directory.WriteText("houses.csv", "rooms,area,price\n3,70.5,210\n4,95,285.5\n2,48.25,1.5e2\n");
        CsvDataset csv = CsvReader.ReadRegression(path, "price");
        Dataset data = csv.Data;
        Assert.Equal(3, data.Count);
        Assert.Equal(2, data.FeatureCount);
        Assert.Equal(1, data.TargetCount);
        Assert.Equal(new[] { "rooms", "area" }, csv.FeatureNames);
        Assert.Empty(csv.ClassNames);
        Assert.Null(data.Labels);
        Assert.Equal(new[] { 3f, 70.5f, 4f, 95f, 2f, 48.25f }, data.Features);
        Assert.Equal(new[] { 210f, 285.5f, 150f }, data.Targets);
    }

    [Fact]
    public void Regression_SeveralTargets_InTheOrderGiven()
    {
        string path = _directory.WriteText("multi.csv", "a,t1,b,t2\r\n1,10,2,20\r\n3,30,4,40\r\n");
        CsvDataset csv = CsvReader.ReadRegression(path, "t2", "t1");
        Assert.Equal(new[] { "a", "b" }, csv.FeatureNames);
        Assert.Equal(new[] { 1f, 2f, 3f, 4f }, csv.Data.Features);
        Assert.Equal(new[] { 20f, 10f, 40f, 30f }, csv.Data.Targets);
    }

    [Fact]
    public void BadNumber_NamesFileLineColumnAndColumnName()
    {
        // Line 7 is the sixth data row; column 2 is sepal_width.
        string contents = IrisHeader
            + "5.1,3.5,1.4,0.2,setosa\n4.9,3.0,1.4,0.2,setosa\n4.7,3.2,1.3,0.2,setosa\n"
            + "4.6,3.1,1.5,0.2,setosa\n5.0,3.6,1.4,0.2,setosa\n5.4,abc,1.7,0.4,setosa\n";
        var e = ClassificationError(contents);
        Assert.Contains("bad.csv, line 7, column 2 (sepal_width): 'abc' is not a number", e.Message);
        Assert.Contains("every column except 'species' must hold numbers", e.Message);
    }

    [Fact]
    public void BadNumber_LineNumbersCountBlankLinesAndCrlf()
    {
        var e = ClassificationError("a,b,species\r\n1,2,x\r\n\r\n3,1.2.3,y\r\n");
        Assert.Contains("line 4, column 2 (b): '1.2.3' is not a number", e.Message);
    }

    [Fact]
    public void DecimalComma_IsNotANumber()
    {
        var e = ClassificationError("a,b,species\n1,\"2,5\",x\n");
        Assert.Contains("line 2, column 2 (b): '2,5' is not a number", e.Message);
    }

    [Fact]
    public void WrongCellCount_NamesLineAndCounts()
    {
        var e = ClassificationError(IrisHeader + "5.1,3.5,1.4,0.2,setosa\n4.9,3.0,1.4,setosa\n");
        Assert.Contains("line 3: expected 5 cells, found 4", e.Message);

        e = ClassificationError(IrisHeader + "5.1,3.5,1.4,0.2,setosa,\n");
        Assert.Contains("line 2: expected 5 cells, found 6", e.Message);
    }

    [Fact]
    public void MissingLabelColumn_ListsTheHeader()
    {
        var e = ClassificationError("a,b,kind\n1,2,x\n", labelColumn: "species");
        Assert.Contains("no column named 'species'; the header has: a, b, kind", e.Message);
    }

    [Fact]
    public void MissingTargetColumn_ListsTheHeader()
    {
        string path = _directory.WriteText("r.csv", "a,b,y\n1,2,3\n");
        var e = Assert.Throws<InvalidDataException>(() => CsvReader.ReadRegression(path, "Y"));
        Assert.Contains("no column named 'Y'; the header has: a, b, y", e.Message);
    }

    [Theory]
    [InlineData("")]
    [InlineData("\n\n")]
    [InlineData("  \r\n")]
    public void EmptyFile_Throws(string contents)
    {
        var e = ClassificationError(contents);
        Assert.Contains("the file is empty", e.Message);
    }

    [Theory]
    [InlineData(IrisHeader)]
    [InlineData("sepal_length,sepal_width,petal_length,petal_width,species\r\n\r\n")]
    public void HeaderOnly_Throws(string contents)
    {
        var e = ClassificationError(contents);
        Assert.Contains("no data rows", e.Message);
    }

    [Fact]
    public void DuplicateHeaderName_NamesBothColumns()
    {
        var e = ClassificationError("width,height, width ,species\n1,2,3,x\n");
        Assert.Contains("line 1: columns 1 and 3 are both named 'width'", e.Message);
    }

    [Fact]
    public void EmptyNumberCell_Throws()
    {
        var e = ClassificationError("a,b,species\n1,2,x\n3, ,y\n");
        Assert.Contains("line 3, column 2 (b): the cell is empty", e.Message);
    }

    [Theory]
    [InlineData("NaN")]
    [InlineData("Infinity")]
    [InlineData("1e39")]
    public void NonFiniteNumber_Throws(string cell)
    {
        var e = ClassificationError($"a,species\n{cell},x\n");
        Assert.Contains($"line 2, column 1 (a): '{cell}' is not a finite number", e.Message);
    }

    [Fact]
    public void EmptyClassName_Throws()
    {
        var e = ClassificationError("a,species\n1,x\n2,\"\"\n");
        Assert.Contains("line 3, column 2 (species): the class name is empty", e.Message);
    }

    [Fact]
    public void UnclosedQuote_Throws()
    {
        var e = ClassificationError("a,species\n1,\"setosa\n");
        Assert.Contains("line 2, column 2 (species): the quoted cell has no closing quote", e.Message);
    }

    [Fact]
    public void TextAfterClosingQuote_Throws()
    {
        var e = ClassificationError("a,species\n1,\"set\"osa\n");
        Assert.Contains("line 2, column 2 (species): text follows the closing quote", e.Message);
    }

    [Fact]
    public void OnlyTargetColumns_Throws()
    {
        string path = _directory.WriteText("t.csv", "y\n1\n");
        var e = Assert.Throws<InvalidDataException>(() => CsvReader.ReadRegression(path, "y"));
        Assert.Contains("at least one feature column is needed", e.Message);
    }

    [Fact]
    public void BadArguments_Throw()
    {
        string path = _directory.WriteText("ok.csv", "a,y\n1,2\n");
        Assert.Throws<ArgumentException>(() => CsvReader.ReadRegression(path));
        Assert.Throws<ArgumentException>(() => CsvReader.ReadRegression(path, "y", "y"));
        Assert.Throws<ArgumentNullException>(() => CsvReader.ReadClassification(path, null!));
        Assert.Throws<FileNotFoundException>(() => CsvReader.ReadClassification(Path.Combine(_directory.FullName, "missing.csv"), "y"));
    }
}
