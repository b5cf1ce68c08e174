using System;
using System.ComponentModel;

namespace StaticNet.CompilerServices;

/// <summary>The weight initialisation bounds and draws of generated constructors.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class ParameterInitializer
{
    /// <summary>Xavier/Glorot uniform bound √(6 / (fanIn + fanOut)), suited to sigmoid, tanh, identity and softmax layers.</summary>
    /// <param name="fanIn">Inputs to each unit.</param>
    /// <param name="fanOut">Units in the layer.</param>
    public static float XavierBound(int fanIn, int fanOut) => MathF.Sqrt(6f / (fanIn + fanOut));

    /// <summary>
    /// He/Kaiming uniform bound √(6 / ((1 + slope²) · fanIn)), suited to ReLU (slope 0) and LeakyReLU layers;
    /// it keeps the variance of activations roughly constant from layer to layer.
    /// </summary>
    /// <param name="fanIn">Inputs to each unit.</param>
    /// <param name="negativeSlope">The slope for negative inputs: 0 for ReLU.</param>
    public static float HeBound(int fanIn, float negativeSlope = 0f) =>
        MathF.Sqrt(6f / ((1f + negativeSlope * negativeSlope) * fanIn));

    /// <summary>Fills <paramref name="values"/> with uniform draws from [-<paramref name="bound"/>, <paramref name="bound"/>).</summary>
    /// <param name="values">The weights to fill.</param>
    /// <param name="bound">Half the width of the interval.</param>
    /// <param name="random">The generator; advanced by one draw per value.</param>
    public static void Uniform(Span<float> values, float bound, ref DeterministicRandom random)
    {
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = random.NextSymmetric(bound);
        }
    }

    /// <summary>
    /// Fills a <see cref="WeightOrder.ColumnMajor"/> weight block with the draws <see cref="Uniform"/> makes for the
    /// same matrix in PyTorch's order: the same number, taken in row-major order (j, then k), W[j, k] stored at
    /// k·<paramref name="rows"/> + j. A seed then gives the same network whichever order the generator chose.
    /// </summary>
    /// <param name="weights">The block to fill, <paramref name="rows"/> × <paramref name="columns"/> values.</param>
    /// <param name="rows">The units of the layer (n_l).</param>
    /// <param name="columns">The inputs of the layer (n_(l−1)).</param>
    /// <param name="bound">Half the width of the interval.</param>
    /// <param name="random">The generator; advanced by one draw per value.</param>
    public static void UniformColumnMajor(Span<float> weights, int rows, int columns, float bound, ref DeterministicRandom random)
    {
        SpanLength.Require(weights, rows * columns, nameof(weights));
        for (int j = 0; j < rows; j++)
        {
            for (int k = 0; k < columns; k++)
            {
                weights[(k * rows) + j] = random.NextSymmetric(bound);
            }
        }
    }
}
