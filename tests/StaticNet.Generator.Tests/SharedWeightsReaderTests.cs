using System.Collections.Generic;
using System.Linq;
using StaticNet.Interop;
using Xunit;

namespace StaticNet.Generator.Tests;

/// <summary>
/// The JSON reader and state-dict name rules as the generator compiles them (netstandard2.0), so that frozen
/// networks can rely on the same behaviour the runtime loaders are tested for.
/// </summary>
public sealed class SharedWeightsReaderTests
{
    [Fact]
    public void JsonWeights_ReadsPythonsOutput_WithShapesValuesAndPositions()
    {
        const string text = "{\"net.0.weight\": [[0.10000000149011612, -2.5], [1e-3, 3]],\n \"net.0.bias\": [7, -0.0], \"steps\": 12}";

        JsonWeights weights = JsonWeights.Parse(text);

        Assert.Equal(new[] { "net.0.weight", "net.0.bias", "steps" }, weights.Tensors.Select(tensor => tensor.Name));
        Assert.Equal(new long[] { 2, 2 }, weights.Tensors[0].Shape);
        Assert.Equal(new long[] { 2 }, weights.Tensors[1].Shape);
        Assert.Empty(weights.Tensors[2].Shape);
        Assert.Equal(new[] { 0.1f, -2.5f, 0.001f, 3f }, weights.Values[0]);
        Assert.Equal(new[] { 7f, -0f }, weights.Values[1]);
        Assert.Equal("line 2, column 16", weights.Tensors[1].Where);
    }

    [Theory]
    [InlineData("{\"a\": [1, NaN]}", "NonFiniteValue", 1, 11)]
    [InlineData("{\"a\": [1,\n  Infinity]}", "NonFiniteValue", 2, 3)]
    [InlineData("{\"a\": [1, \"x\"]}", "NotANumber", 1, 11)]
    [InlineData("{\"a\": [1, ]}", "Syntax", 1, 11)]
    [InlineData("{\"a\" [1]}", "Syntax", 1, 6)]
    [InlineData("{\"a\": [1.]}", "Syntax", 1, 10)]
    [InlineData("{\"a\": \"\\q\"}", "Syntax", 1, 8)]
    public void JsonWeights_Problems_HaveAKindAndAPosition(string text, string kind, int line, int column)
    {
        var exception = Assert.Throws<JsonFormatException>(() => JsonWeights.Parse(text));

        Assert.Equal(kind, exception.Kind.ToString());
        Assert.Equal(line, exception.Line);
        Assert.Equal(column, exception.Column);
    }

    [Fact]
    public void JsonWeights_RejectsHostileNesting_WithoutOverflowingTheStack()
    {
        string text = new string('[', 100_000);

        var exception = Assert.Throws<JsonFormatException>(() => JsonWeights.Parse("{\"a\": " + text));

        Assert.Contains("nests more than 64 levels", exception.Message);
    }

    [Fact]
    public void NaturalOrder_ComparesNumbersByValue()
    {
        var names = new List<string> { "fc10", "fc2", "fc1", "net.10", "net.9", "out", "fc100", "a" };

        names.Sort(NaturalOrder.Instance);

        Assert.Equal(new[] { "a", "fc1", "fc2", "fc10", "fc100", "net.9", "net.10", "out" }, names);
        Assert.Equal(0, NaturalOrder.Instance.Compare("fc01", "fc1"));
        Assert.True(NaturalOrder.Instance.Compare("x99999999999999999999999", "x100000000000000000000000") < 0);
    }

    [Fact]
    public void StateDictMatcher_MatchesDropoutGapsByOrder_AndReportsShapesThatDoNotChain()
    {
        var tensors = new List<StateDictTensor>
        {
            new("6.bias", new long[] { 3 }, "", ""),
            new("0.weight", new long[] { 8, 4 }, "", ""),
            new("3.weight", new long[] { 6, 8 }, "", ""),
            new("0.bias", new long[] { 8 }, "", ""),
            new("3.bias", new long[] { 6 }, "", ""),
            new("6.weight", new long[] { 3, 6 }, "", ""),
        };

        StateDictMatch match = StateDictMatcher.Match(tensors, new[] { 4, 8, 6, 3 }, ignoreBuffers: false);
        StateDictMatch wrong = StateDictMatcher.Match(tensors, new[] { 4, 8, 5, 3 }, ignoreBuffers: false);

        Assert.Empty(match.Problems);
        Assert.Equal(new[] { 1, 2, 5 }, match.Weights);
        Assert.Equal(new[] { 3, 4, 0 }, match.Biases);
        Assert.Contains("layer 2 weight: file has [6,8], network expects [5,8] ('3.weight')", wrong.Problems);
        Assert.Equal("The file's weight/bias pairs in natural order: '0' [8,4] + [8], '3' [6,8] + [6], '6' [3,6] + [3].", wrong.Found);
    }
}
