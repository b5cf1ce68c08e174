using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using StaticNet.Benchmarks.Throughput;
using StaticNet.CompilerServices;

namespace StaticNet.Benchmarks;

/// <summary>
/// One 784-128-10 sample against its floor. Layer 1 does one multiply-add per weight it loads, and its 401 KB of W[1]
/// live in L2 (not L1) between calls, so it can run no faster than the core reads them: the baseline reads W[1] once
/// with nothing else to do (the measured floor, the Ratio column), and the read GB/s and % of L2 floor columns set each
/// row against the L2 → L1 rate. Layer 1 is timed in the row-major order Forward reads and in the column order a
/// frozen network's Predict reads (<see cref="FrozenLayers"/>), the evidence for choosing the order per layer.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
[CategoriesColumn]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
public class OneSampleFloorBenchmarks
{
    private const string Category = "one sample, 784-128-10, against its floor";
    private const int Inputs = 784, Hidden = 128, Outputs = 10;

    private readonly Mnist784 _network = new(1);
    private readonly float[] _output = new float[Outputs], _hidden = new float[Hidden], _logits = new float[Outputs];
    private float[] _input = null!, _columns = null!;

    /// <summary>The input from SmallNetworkBenchmarks' seed for this size, and W[1] with b[1] copied into the column layout.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _input = BenchmarkData.Inputs(1, Inputs, seed: 5);
        _columns = new float[FrozenLayers.ColumnsLength(Hidden, Inputs)];
        FrozenLayers.WriteColumns(_network.Layer1Weights, _network.Layer1Biases, _columns);
        _network.Forward(_input, _output);
    }

    /// <summary>The measured floor: every byte of W[1] read once, summed into eight independent vectors.</summary>
    [Benchmark(Baseline = true), BenchmarkCategory(Category), BytesRead(Inputs * Hidden * sizeof(float))]
    public float ReadLayer1Weights() => Read(_network.Layer1Weights);

    /// <summary>The whole network, as a user calls it.</summary>
    [Benchmark, BenchmarkCategory(Category), BytesRead(((Inputs + 1) * Hidden + (Hidden + 1) * Outputs + Inputs) * sizeof(float))]
    public float Forward()
    {
        _network.Forward(_input, _output);
        return _output[0];
    }

    /// <summary>z[1] = W[1]·x + b[1] with W[1] row-major (the kernel Forward calls).</summary>
    [Benchmark, BenchmarkCategory(Category), BytesRead(((Inputs + 1) * Hidden + Inputs) * sizeof(float))]
    public float Layer1ByRows()
    {
        DenseKernels.Forward(_network.Layer1Weights, _network.Layer1Biases, _input, _hidden);
        return _hidden[0];
    }

    /// <summary>a[1] = ReLU(b[1] + Σ_k x_k·W[1][:,k]) with W[1] by columns (the kernel a frozen Predict calls).</summary>
    [Benchmark, BenchmarkCategory(Category), BytesRead(((Inputs + 1) * Hidden + Inputs) * sizeof(float))]
    public float Layer1ByColumns()
    {
        FrozenLayers.Forward(_columns, _input, _hidden, Activation.ReLU, 0f);
        return _hidden[0];
    }

    /// <summary>z[2] = W[2]·a[1] + b[2]: 5 KB, from L1.</summary>
    [Benchmark, BenchmarkCategory(Category), BytesRead(((Hidden + 1) * Outputs + Hidden) * sizeof(float))]
    public float Layer2ByRows()
    {
        DenseKernels.Forward(_network.Layer2Weights, _network.Layer2Biases, _hidden, _logits);
        return _logits[0];
    }

    // Eight accumulators so that the adds never wait on each other: only the loads set the pace.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static float Read(ReadOnlySpan<float> values)
    {
        ref float start = ref MemoryMarshal.GetReference(values);
        if (Vector512.IsHardwareAccelerated)
        {
            Vector512<float> s0 = default, s1 = default, s2 = default, s3 = default, s4 = default, s5 = default, s6 = default, s7 = default;
            int i = 0;
            for (; i + (8 * 16) <= values.Length; i += 8 * 16)
            {
                s0 += Vector512.LoadUnsafe(ref start, (nuint)i);
                s1 += Vector512.LoadUnsafe(ref start, (nuint)(i + 16));
                s2 += Vector512.LoadUnsafe(ref start, (nuint)(i + 32));
                s3 += Vector512.LoadUnsafe(ref start, (nuint)(i + 48));
                s4 += Vector512.LoadUnsafe(ref start, (nuint)(i + 64));
                s5 += Vector512.LoadUnsafe(ref start, (nuint)(i + 80));
                s6 += Vector512.LoadUnsafe(ref start, (nuint)(i + 96));
                s7 += Vector512.LoadUnsafe(ref start, (nuint)(i + 112));
            }

            return Vector512.Sum((s0 + s1) + (s2 + s3) + (s4 + s5) + (s6 + s7)) + Tail(values.Slice(i));
        }

        {
            Vector256<float> s0 = default, s1 = default, s2 = default, s3 = default, s4 = default, s5 = default, s6 = default, s7 = default;
            int i = 0;
            for (; i + (8 * 8) <= values.Length; i += 8 * 8)
            {
                s0 += Vector256.LoadUnsafe(ref start, (nuint)i);
                s1 += Vector256.LoadUnsafe(ref start, (nuint)(i + 8));
                s2 += Vector256.LoadUnsafe(ref start, (nuint)(i + 16));
                s3 += Vector256.LoadUnsafe(ref start, (nuint)(i + 24));
                s4 += Vector256.LoadUnsafe(ref start, (nuint)(i + 32));
                s5 += Vector256.LoadUnsafe(ref start, (nuint)(i + 40));
                s6 += Vector256.LoadUnsafe(ref start, (nuint)(i + 48));
                s7 += Vector256.LoadUnsafe(ref start, (nuint)(i + 56));
            }

            return Vector256.Sum((s0 + s1) + (s2 + s3) + (s4 + s5) + (s6 + s7)) + Tail(values.Slice(i));
        }
    }

    private static float Tail(ReadOnlySpan<float> values)
    {
        float sum = 0f;
        foreach (float value in values)
        {
            sum += value;
        }

        return sum;
    }
}
