using System;
using System.Linq;
using System.Text.RegularExpressions;
using BenchmarkDotNet.Running;

namespace StaticNet.Benchmarks.Throughput;

/// <summary>
/// The floating-point work of one benchmark call, read from its category ("784-128-10 SGD batch", "64x784x128 product",
/// "64-64-64 tanh forward") and its <c>BatchSize</c> parameter: the multiply-adds of the matrix products, counted
/// as 2 FLOP each. Activations, losses and the optimizer update are not counted (they are O(units), not O(weights)).
/// </summary>
internal static class MlpWork
{
    private static readonly Regex LayerSizes = new(@"^(\d+(?:-\d+)+)\b", RegexOptions.Compiled);
    private static readonly Regex ProductShape = new(@"^(\d+)x(\d+)x(\d+) product", RegexOptions.Compiled);

    /// <summary>FLOP per call, or null when the category names no network.</summary>
    public static double? FlopsPerCall(BenchmarkCase benchmark)
    {
        string? category = benchmark.Descriptor.Categories.FirstOrDefault();
        Match product = category is null ? Match.Empty : ProductShape.Match(category);
        if (product.Success)
        {
            // A bare matrix product, rows × inner × columns: one multiply-add per triple.
            return 2.0 * int.Parse(product.Groups[1].Value) * int.Parse(product.Groups[2].Value) * int.Parse(product.Groups[3].Value);
        }

        Match sizes = category is null ? Match.Empty : LayerSizes.Match(category);
        if (!sizes.Success)
        {
            return null;
        }

        int[] n = sizes.Value.Split('-').Select(int.Parse).ToArray();
        bool training = category!.Contains("train", StringComparison.OrdinalIgnoreCase) || category.Contains("SGD", StringComparison.Ordinal);
        object? batch = benchmark.Parameters.Items.FirstOrDefault(p => p.Name == "BatchSize")?.Value;
        bool batched = training || category.Contains("batch", StringComparison.OrdinalIgnoreCase);
        int samples = batch is int b && batched ? b : 1;
        return samples * FlopsPerSample(n, training);
    }

    /// <summary>
    /// Forward: Σ_l 2·n_l·n_(l−1). Training adds BP4 (∂W = δ·aᵀ, the same count again) and BP2 for every layer but the
    /// first (δ·W; no ∂x is computed for the input).
    /// </summary>
    public static double FlopsPerSample(int[] layerSizes, bool training)
    {
        double forward = 0, backPropagated = 0;
        for (int l = 1; l < layerSizes.Length; l++)
        {
            double products = 2.0 * layerSizes[l] * layerSizes[l - 1];
            forward += products;
            backPropagated += l > 1 ? products : 0;
        }

        return training ? (2 * forward) + backPropagated : forward;
    }
}
