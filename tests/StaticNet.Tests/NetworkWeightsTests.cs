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
        Assert.Equal(WeightOrder.RowMajor, layer.GetWeightOrder(1));
    }

    [Fact]
    public void GeneratedNetwork_KeepsEveryLayerInPyTorchOrder_AndItsViewsAgree()
    {
        var network = new Arch01(seed: 3);
        var pytorch = new float[Arch01.ParameterCount];
        network.CopyParametersTo(pytorch);
        Assert.Equal(network.Parameters.ToArray(), pytorch);

        var weights = new float[7 * 6];
        network.GetWeights(2, weights);
        Assert.Equal(network.Layer2Weights.ToArray(), weights);
        for (int l = 1; l <= 3; l++)
        {
            Assert.Equal(WeightOrder.RowMajor, network.GetWeightOrder(l));
        }
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
        Assert.Equal(LectureWeights, network.Layer1Weights.ToArray());
    }

    [Fact]
    public void ColumnMajorLayers_ReadAndWriteInPyTorchOrder()
    {
        Arch01 reference = new(seed: 5);
        var columns = new ColumnOrderNetwork(reference, 1, 3);
        columns.SetParameters(reference.Parameters);

        // Layer 1 is 7 × 4: W[j, k] sits at k·7 + j in the column-major block.
        Assert.Equal(reference.Layer1Weights[(2 * 4) + 3], columns.Parameters[(3 * 7) + 2]);
        Assert.Equal(reference.Layer2Weights.ToArray(), columns.Parameters.Slice(Arch01.Layer2WeightsOffset, Arch01.Layer2WeightsLength).ToArray());
        Assert.Equal(reference.Layer3Biases.ToArray(), columns.Parameters.Slice(Arch01.Layer3BiasesOffset, Arch01.Layer3Size).ToArray());

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
        Arch01 reference = new(seed: 7);
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
        Arch01 reference = new(seed: 11);
        var columns = new ColumnOrderNetwork(reference, 2);
        columns.SetParameters(reference.Parameters);

        for (int i = 0; i < Arch01.ParameterCount; i++)
        {
            Assert.Equal(columns.Parameters[i], reference.Parameters[ParameterOrder.ToPyTorchIndex(columns, i)]);
        }
    }

    private static byte[] Save(Action<Stream> save)
    {
        var stream = new MemoryStream();
        save(stream);
        return stream.ToArray();
    }
}
