using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using StaticNet.CompilerServices;

namespace StaticNet.Benchmarks;

/// <summary>
/// The matrix products of 784-128-10 <c>ForwardBatch</c>/<c>BackwardBatch</c> on their own, for one block of samples
/// (the generated batch code runs blocks of 64): Z = X·Wᵀ of the first layer (64 × 784 by 128 × 784), ∂W += δᵀ·A of
/// the first layer (128 × 64 by 64 × 784), and the three small products of the output layer. The category names the
/// shape (rows × inner × columns), from which the throughput columns count 2 FLOP per multiply-add. The gradients
/// keep accumulating from call to call, as they would over many batches without a clear; the values stay finite.
/// </summary>
[MedianColumn]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
public class BatchProductBenchmarks
{
    private const int Block = 64, Inputs = 784, Hidden = 128, Outputs = 10;
    private float[] _x = null!, _w1 = null!, _b1 = null!, _z1 = null!, _d1 = null!, _g1 = null!, _gb1 = null!;
    private float[] _w2 = null!, _b2 = null!, _z2 = null!, _d2 = null!, _g2 = null!, _gb2 = null!;

    /// <summary>Fills every operand from fixed seeds.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _x = BenchmarkData.Inputs(Block, Inputs, seed: 5);
        _w1 = BenchmarkData.Inputs(Hidden, Inputs, seed: 7);
        _b1 = BenchmarkData.Inputs(1, Hidden, seed: 8);
        _z1 = new float[Block * Hidden];
        _d1 = BenchmarkData.Inputs(Block, Hidden, seed: 9);
        _g1 = new float[Hidden * Inputs];
        _gb1 = new float[Hidden];
        _w2 = BenchmarkData.Inputs(Outputs, Hidden, seed: 10);
        _b2 = BenchmarkData.Inputs(1, Outputs, seed: 11);
        _z2 = new float[Block * Outputs];
        _d2 = BenchmarkData.Inputs(Block, Outputs, seed: 12);
        _g2 = new float[Outputs * Hidden];
        _gb2 = new float[Outputs];
    }

    /// <summary>Z1 = X·W1ᵀ + b1: 64 × 784 · 784 × 128.</summary>
    [Benchmark, BenchmarkCategory("64x784x128 product")]
    public float Layer1Forward()
    {
        DenseKernels.ForwardBatch(_w1, _b1, _x, _z1, Block);
        return _z1[0];
    }

    /// <summary>∂W1 += δ1ᵀ·X: 128 × 64 · 64 × 784.</summary>
    [Benchmark, BenchmarkCategory("128x64x784 product")]
    public float Layer1WeightGradient()
    {
        DenseKernels.AccumulateGradient(_d1, _x, _g1, _gb1, Block);
        return _g1[0];
    }

    /// <summary>Z2 = A1·W2ᵀ + b2: 64 × 128 · 128 × 10.</summary>
    [Benchmark, BenchmarkCategory("64x128x10 product")]
    public float Layer2Forward()
    {
        DenseKernels.ForwardBatch(_w2, _b2, _d1, _z2, Block);
        return _z2[0];
    }

    /// <summary>∂W2 += δ2ᵀ·A1: 10 × 64 · 64 × 128.</summary>
    [Benchmark, BenchmarkCategory("10x64x128 product")]
    public float Layer2WeightGradient()
    {
        DenseKernels.AccumulateGradient(_d2, _d1, _g2, _gb2, Block);
        return _g2[0];
    }

    /// <summary>δ1 = δ2·W2 (before g'): 64 × 10 · 10 × 128.</summary>
    [Benchmark, BenchmarkCategory("64x10x128 product")]
    public float Layer2Error()
    {
        DenseKernels.BackpropagateError(_w2, _d2, _z1, Block);
        return _z1[0];
    }
}
