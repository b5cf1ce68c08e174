using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;

namespace StaticNet.Benchmarks.ColumnLayout;

/// <summary>
/// The generated networks (PyTorch's row-major W, the Baseline of each category) against the column-layout
/// prototypes of the same weights, for issue 21 item 1: whether trainable networks should store W by columns.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
[CategoriesColumn]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
public class ColumnLayoutBenchmarks
{
    private const string Forward453 = "4-5-3 sigmoid forward", TrainStep453 = "4-5-3 sigmoid+MSE fused train step", Forward64 = "64-64-64 tanh forward";

    private readonly float[] _output3 = new float[3], _output64 = new float[64];
    private readonly float[] _target3 = { 0.2f, 0.7f, 0.1f };
    private float[] _input4 = null!, _input64 = null!;

    /// <summary>The generated 4-5-3 network whose Forward is timed.</summary>
    public Sigmoid453 Generated453 { get; private set; } = null!;

    /// <summary>The generated 4-5-3 network the fused train step moves (its own copy, so Forward's weights stay put).</summary>
    public Sigmoid453 GeneratedTrained453 { get; private set; } = null!;

    /// <summary>The generated 64-64-64 network.</summary>
    public Tanh64 Generated64 { get; private set; } = null!;

    /// <summary>The 4-5-3 prototype, from Generated453's weights.</summary>
    public ColumnSigmoid453<UnpaddedColumns> Columns453 { get; private set; } = null!;

    /// <summary>The 4-5-3 prototype the fused train step moves.</summary>
    public ColumnSigmoid453<UnpaddedColumns> ColumnsTrained453 { get; private set; } = null!;

    /// <summary>The 4-5-3 prototype with columns padded to whole vectors, from Generated453's weights.</summary>
    public ColumnSigmoid453<PaddedColumns> Padded453 { get; private set; } = null!;

    /// <summary>The padded 4-5-3 prototype the fused train step moves.</summary>
    public ColumnSigmoid453<PaddedColumns> PaddedTrained453 { get; private set; } = null!;

    /// <summary>The 64-64-64 prototype, from Generated64's weights.</summary>
    public ColumnTanh64 Columns64 { get; private set; } = null!;

    /// <summary>Builds the generated networks from seed 1, the prototypes from their parameters, and the inputs of SmallNetworkBenchmarks.</summary>
    [GlobalSetup]
    public void Setup()
    {
        Generated453 = new Sigmoid453(1);
        GeneratedTrained453 = new Sigmoid453(1);
        Generated64 = new Tanh64(1);
        Columns453 = new(BenchmarkData.InPyTorchOrder(Generated453));
        ColumnsTrained453 = new(BenchmarkData.InPyTorchOrder(GeneratedTrained453));
        Padded453 = new(BenchmarkData.InPyTorchOrder(Generated453));
        PaddedTrained453 = new(BenchmarkData.InPyTorchOrder(GeneratedTrained453));
        Columns64 = new ColumnTanh64(BenchmarkData.InPyTorchOrder(Generated64));
        _input4 = BenchmarkData.Inputs(1, 4, seed: 2);
        _input64 = BenchmarkData.Inputs(1, 64, seed: 4);
    }

    /// <summary>4-5-3 Forward, generated (W by columns, as the generator chooses for a layer this small).</summary>
    [Benchmark(Baseline = true), BenchmarkCategory(Forward453)]
    public float Forward453_Generated()
    {
        Generated453.Forward(_input4, _output3);
        return _output3[0];
    }

    /// <summary>4-5-3 Forward, columns (broadcast and multiply-add per input).</summary>
    [Benchmark, BenchmarkCategory(Forward453)]
    public float Forward453_Columns()
    {
        Columns453.Forward(_input4, _output3);
        return _output3[0];
    }

    /// <summary>4-5-3 Forward, columns padded to whole vectors (64 floats instead of 43).</summary>
    [Benchmark, BenchmarkCategory(Forward453)]
    public float Forward453_PaddedColumns()
    {
        Padded453.Forward(_input4, _output3);
        return _output3[0];
    }

    /// <summary>4-5-3 fused SGD train step, generated.</summary>
    [Benchmark(Baseline = true), BenchmarkCategory(TrainStep453)]
    public float TrainStep453_Generated() => GeneratedTrained453.TrainStep(_input4, _target3, Implementations<Sigmoid453>.LearningRate);

    /// <summary>4-5-3 fused SGD train step, columns.</summary>
    [Benchmark, BenchmarkCategory(TrainStep453)]
    public float TrainStep453_Columns() => ColumnsTrained453.TrainStep(_input4, _target3, Implementations<Sigmoid453>.LearningRate);

    /// <summary>4-5-3 fused SGD train step, columns padded to whole vectors.</summary>
    [Benchmark, BenchmarkCategory(TrainStep453)]
    public float TrainStep453_PaddedColumns() => PaddedTrained453.TrainStep(_input4, _target3, Implementations<Sigmoid453>.LearningRate);

    /// <summary>64-64-64 Forward, generated (W by columns, the column kernel on the trainable parameters).</summary>
    [Benchmark(Baseline = true), BenchmarkCategory(Forward64)]
    public float Forward64_Generated()
    {
        Generated64.Forward(_input64, _output64);
        return _output64[0];
    }

    /// <summary>64-64-64 Forward, columns (the column kernel on the trainable parameters).</summary>
    [Benchmark, BenchmarkCategory(Forward64)]
    public float Forward64_Columns()
    {
        Columns64.Forward(_input64, _output64);
        return _output64[0];
    }
}
