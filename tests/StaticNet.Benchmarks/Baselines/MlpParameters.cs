using System;

namespace StaticNet.Benchmarks.Baselines;

/// <summary>
/// Weights, biases and their gradients for a fully connected network whose sizes are known only at run time, as
/// jagged arrays per layer (W row-major). Both baselines keep their parameters here, in the generated layout's order.
/// </summary>
public sealed class MlpParameters
{
    /// <summary>Allocates every buffer for the given layer sizes.</summary>
    public MlpParameters(int[] sizes)
    {
        Sizes = sizes;
        int layers = sizes.Length - 1;
        Weights = new float[layers][];
        Biases = new float[layers][];
        WeightGradients = new float[layers][];
        BiasGradients = new float[layers][];
        for (int l = 0; l < layers; l++)
        {
            Weights[l] = new float[sizes[l + 1] * sizes[l]];
            Biases[l] = new float[sizes[l + 1]];
            WeightGradients[l] = new float[Weights[l].Length];
            BiasGradients[l] = new float[Biases[l].Length];
        }
    }

    /// <summary>Layer sizes, input first.</summary>
    public int[] Sizes { get; }

    /// <summary>W[l+1], row-major [n(l+1) × n(l)].</summary>
    public float[][] Weights { get; }

    /// <summary>b[l+1].</summary>
    public float[][] Biases { get; }

    /// <summary>Accumulated ∂C/∂W.</summary>
    public float[][] WeightGradients { get; }

    /// <summary>Accumulated ∂C/∂b.</summary>
    public float[][] BiasGradients { get; }

    /// <summary>Copies a flat buffer laid out W[1], b[1], W[2], … (a generated network's Parameters).</summary>
    public void LoadFrom(ReadOnlySpan<float> flat)
    {
        int offset = 0;
        for (int l = 0; l < Weights.Length; l++)
        {
            flat.Slice(offset, Weights[l].Length).CopyTo(Weights[l]);
            offset += Weights[l].Length;
            flat.Slice(offset, Biases[l].Length).CopyTo(Biases[l]);
            offset += Biases[l].Length;
        }
    }

    /// <summary>Writes the parameters in the same flat layout.</summary>
    public void CopyTo(Span<float> flat) => Flatten(Weights, Biases, flat);

    /// <summary>Writes the accumulated gradient in the same flat layout.</summary>
    public void CopyGradientTo(Span<float> flat) => Flatten(WeightGradients, BiasGradients, flat);

    private static void Flatten(float[][] weights, float[][] biases, Span<float> flat)
    {
        int offset = 0;
        for (int l = 0; l < weights.Length; l++)
        {
            weights[l].CopyTo(flat.Slice(offset));
            offset += weights[l].Length;
            biases[l].CopyTo(flat.Slice(offset));
            offset += biases[l].Length;
        }
    }
}
