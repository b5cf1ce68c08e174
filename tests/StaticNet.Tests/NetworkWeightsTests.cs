using System;
using System.IO;
using StaticNet.Tests.Networks;
using Xunit;

namespace StaticNet.Tests;

/// <summary>
/// Per-layer access in PyTorch's order (<see cref="NetworkWeights"/>) and the conversion every reader and writer
/// makes between it and a network's own order (<see cref="INetwork.GetWeightOrder"/>).
/// </summary>
public class NetworkWeightsTests
{
    // The lecture's 3 → 4 layer (docs/backprop.md): W row-major, its z for two samples.
    private static readonly float[] LectureWeights = { 1f, -1f, -0.5f, 1f, 0.5f, -1f, -0.2f, 0.3f, 0.5f, -1f, 1f, 1f };
    private static readonly float[] LectureBiases = { -1f, -1f, 1f, 1f };

    [Fact]
    public void SetWeightsAndBiases_InPyTorchOrder_GiveTheLectureLayersZ()
    {
        // <docs:pytorch-order>
        var layer = new LectureLinearLayer(); // [Network(3, 4, Output = Activation.Identity)]
        float[] weights = { 1f, -1f, -0.5f, 1f, 0.5f, -1f, -0.2f, 0.3f, 0.5f, -1f, 1f, 1f }; // W[1], 4 × 3, row j = unit j
        layer.SetWeights(1, weights);
        layer.SetBiases(1, new[] { -1f, -1f, 1f, 1f });

        var back = new float[12];
        layer.GetWeights(1, back); // the same 12 values, whatever order Parameters keeps them in
        // </docs:pytorch-order>
        Assert.Equal(LectureWeights, weights);
        Assert.Equal(LectureWeights, back);

        var z = new float[4];
        layer.Forward(new[] { 1f, -1f, -0.5f }, z);
        Assert.Equal(new[] { 1.25f, 0.0f, 0.25f, -1.5f }, z);

        var biases = new float[4];
        layer.GetBiases(1, biases);
        Assert.Equal(LectureBiases, biases);

        // 4 units of 3 inputs: the generator keeps W[1] by columns, column k holding every unit's weight for input k.
        Assert.Equal(WeightOrder.ColumnMajor, layer.GetWeightOrder(1));
        Assert.Equal(new[] { 1f, 1f, -0.2f, -1f }, layer.Layer1Weights.Slice(0, 4).ToArray());
    }

    [Fact]
    public void GeneratedNetwork_ReportsItsOrderPerLayer_AndItsViewsAgreeWithIt()
    {
        // 4-7-6-3: every layer small enough to unroll is kept by columns. Of 784-128-10's kernel layers, the 128-unit one
        // is (whole vectors of units), the 10-unit output stays in PyTorch's rows.
        var network = new Arch01(seed: 3);
        float[] pytorch = PyTorchOrder.ParametersOf(network);
        for (int l = 1; l <= 3; l++)
        {
            Assert.Equal(WeightOrder.ColumnMajor, network.GetWeightOrder(l));
        }

        // W[2] is 6 × 7: unit j's weight for input k at k·6 + j in the view, at j·7 + k in PyTorch's order.
        var weights = new float[6 * 7];
        network.GetWeights(2, weights);
        Assert.Equal(pytorch.AsSpan(Arch01.Layer2WeightsOffset, 6 * 7).ToArray(), weights);
        for (int j = 0; j < 6; j++)
        {
            for (int k = 0; k < 7; k++)
            {
                Assert.Equal(weights[(j * 7) + k], network.Layer2Weights[(k * 6) + j]);
            }
        }

        Assert.Equal(pytorch.AsSpan(Arch01.Layer3BiasesOffset, 3).ToArray(), network.Layer3Biases.ToArray());
        var mnist = new Mnist784Net(seed: 1);
        Assert.Equal(WeightOrder.ColumnMajor, mnist.GetWeightOrder(1));
        Assert.Equal(WeightOrder.RowMajor, mnist.GetWeightOrder(2));
    }

    [Fact]
    public void GradientAndParameterOrder_ConvertBothWays_AndRejectOverlapOrWrongLengths()
    {
        var network = new Arch01(seed: 4);
        var gradient = new float[Arch01.ParameterCount];
        network.Backward(new[] { 0.5f, -1f, 0.25f, 2f }, new[] { 0f, 1f, 0f }, gradient);

        float[] pytorch = PyTorchOrder.Of(network, gradient);
        var back = new float[Arch01.ParameterCount];
        network.FromPyTorchOrder(pytorch, back);
        Assert.Equal(gradient, back);

        // The gradient's W[1] column k is ∂C/∂W[1][:, k]: the same values PyTorch's row-major gradient holds at j·4 + k.
        Assert.Equal(pytorch[(5 * 4) + 2], gradient[(2 * 7) + 5]);

        var overlap = Assert.Throws<ArgumentException>(() => network.ToPyTorchOrder(gradient, gradient));
        Assert.Equal("destination", overlap.ParamName);
        var length = Assert.Throws<ArgumentException>(() => network.FromPyTorchOrder(pytorch, new float[Arch01.ParameterCount - 1]));
        Assert.Contains(Arch01.ParameterCount.ToString(System.Globalization.CultureInfo.InvariantCulture), length.Message);
        Assert.Equal(gradient, back);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(2)]
    [InlineData(-1)]
    public void LayerOutsideTheNetwork_IsRejected(int layer)
    {
        var network = new LectureLinearLayer();

        Assert.Throws<ArgumentOutOfRangeException>(() => network.GetWeightOrder(layer));
        var exception = Assert.Throws<ArgumentOutOfRangeException>(() => network.SetWeights(layer, new float[12]));
        Assert.Contains("weight layers 1 to 1", exception.Message);
    }

    [Fact]
    public void WrongLength_IsRejectedWithBothSizes_AndChangesNothing()
    {
        var network = new LectureLinearLayer();
        network.SetWeights(1, LectureWeights);

        var weights = Assert.Throws<ArgumentException>(() => network.SetWeights(1, new float[11]));
        var biases = Assert.Throws<ArgumentException>(() => network.GetBiases(1, new float[5]));
        var all = Assert.Throws<ArgumentException>(() => network.SetParameters(new float[15]));

        Assert.Contains("12", weights.Message);
        Assert.Contains("11", weights.Message);
        Assert.Equal("source", weights.ParamName);
        Assert.Contains("4", biases.Message);
        Assert.Contains("5", biases.Message);
        Assert.Contains("16", all.Message);
        Assert.Contains("15", all.Message);
        var unchanged = new float[12];
        network.GetWeights(1, unchanged);
        Assert.Equal(LectureWeights, unchanged);
    }

    [Fact]
    public void ColumnMajorLayers_ReadAndWriteInPyTorchOrder()
    {
        ColumnOrderNetwork reference = RowMajorCopy(new Arch01(seed: 5));
        var columns = new ColumnOrderNetwork(reference, 1, 3);
        columns.SetParameters(reference.Parameters);

        // Layer 1 is 7 × 4: W[j, k] sits at k·7 + j in the column-major block.
        Assert.Equal(reference.Parameters[(2 * 4) + 3], columns.Parameters[(3 * 7) + 2]);
        Assert.Equal(reference.Parameters.Slice(Arch01.Layer2WeightsOffset, Arch01.Layer2WeightsLength).ToArray(), columns.Parameters.Slice(Arch01.Layer2WeightsOffset, Arch01.Layer2WeightsLength).ToArray());
        Assert.Equal(reference.Parameters.Slice(Arch01.Layer3BiasesOffset, Arch01.Layer3Size).ToArray(), columns.Parameters.Slice(Arch01.Layer3BiasesOffset, Arch01.Layer3Size).ToArray());

        for (int l = 1; l <= 3; l++)
        {
            int length = Arch01.LayerSizes[l] * Arch01.LayerSizes[l - 1];
            float[] expected = new float[length], actual = new float[length];
            reference.GetWeights(l, expected);
            columns.GetWeights(l, actual);
            Assert.Equal(expected, actual);
        }

        var back = new float[Arch01.ParameterCount];
        columns.CopyParametersTo(back);
        Assert.Equal(reference.Parameters.ToArray(), back);
    }

    [Fact]
    public void ColumnMajorLayers_SaveTheSameFiles_AndLoadThemBack()
    {
        ColumnOrderNetwork reference = RowMajorCopy(new Arch01(seed: 7));
        var columns = new ColumnOrderNetwork(reference, 1, 2, 3);
        columns.SetParameters(reference.Parameters);

        byte[] safeTensors = Save(stream => SafeTensors.Save(reference, stream));
        byte[] json = Save(stream => WeightsJson.Save(reference, stream));
        Assert.Equal(safeTensors, Save(stream => SafeTensors.Save(columns, stream)));
        Assert.Equal(json, Save(stream => WeightsJson.Save(columns, stream)));

        foreach (Action<INetwork> load in new Action<INetwork>[]
        {
            network => SafeTensors.Load(network, new MemoryStream(safeTensors)),
            network => WeightsJson.Load(network, new MemoryStream(json)),
        })
        {
            var loaded = new ColumnOrderNetwork(reference, 1, 2, 3);
            load(loaded);
            Assert.Equal(columns.Parameters.ToArray(), loaded.Parameters.ToArray());
        }
    }

    [Fact]
    public void PyTorchIndex_OfEveryParameter_FindsItsValueInPyTorchOrder()
    {
        ColumnOrderNetwork reference = RowMajorCopy(new Arch01(seed: 11));
        var columns = new ColumnOrderNetwork(reference, 2);
        columns.SetParameters(reference.Parameters);

        for (int i = 0; i < Arch01.ParameterCount; i++)
        {
            Assert.Equal(columns.Parameters[i], reference.Parameters[ParameterOrder.ToPyTorchIndex(columns, i)]);
        }
    }

    /// <summary>The network's parameters in a network of its shape that keeps every layer in PyTorch's rows.</summary>
    private static ColumnOrderNetwork RowMajorCopy(INetwork network)
    {
        var rows = new ColumnOrderNetwork(network);
        rows.SetParameters(PyTorchOrder.ParametersOf(network));
        return rows;
    }

    private static byte[] Save(Action<Stream> save)
    {
        var stream = new MemoryStream();
        save(stream);
        return stream.ToArray();
    }
}
