using StaticNet.Generator.Model;

namespace StaticNet.Generator.Planning;

/// <summary>
/// Which layers keep W[l] by columns. A tiny layer's forward pass is then one broadcast input times one contiguous
/// column per multiply-add, on a whole vector of units, instead of one dot product per unit packed into a vector before
/// the activation; BP2 reads a column per unit below, and the rank-1 steps of BP4 are one multiply-add per column.
/// Every file format, importer and exporter converts to PyTorch's rows (the runtime's <c>ParameterOrder</c>).
/// </summary>
internal static class ColumnOrder
{
    /// <summary>The most units a column layer has: one Vector256 (or two Vector128) holds a column.</summary>
    public const int MaximumUnits = 8;

    /// <summary>
    /// Floats the parameter buffer keeps after the last parameter: a column's vector load or store may run up to one
    /// vector minus one float past the column, and the last column of the last layer is the end of the parameters.
    /// </summary>
    public const int Overhang = 7;

    /// <summary>
    /// The units of a kernel layer stored by columns are a multiple of this: one Vector512 of units, so the column
    /// kernel's vector loads never run past a column.
    /// </summary>
    public const int KernelUnitMultiple = 16;

    /// <summary>
    /// Whether <paramref name="layer"/> is stored by columns, with at least 2 inputs (with one input, or one unit, both
    /// orders are the same floats): an unrolled layer (at most <see cref="NetworkPlan.UnrollWeightLimit"/> weights) of 2
    /// to <see cref="MaximumUnits"/> units, or a kernel layer whose units are a multiple of
    /// <see cref="KernelUnitMultiple"/>, where the column kernel sums whole vectors of units at once and no dot product
    /// is left to reduce. Deterministic networks keep rows, whose sums are the fixed-order ones their guarantee names;
    /// frozen networks keep them too, as their compiled-in TrainedParameters are the weights file's values.
    /// </summary>
    public static bool Applies(LayerLayout layer, bool deterministic, bool frozen)
    {
        if (deterministic || frozen || layer.InputSize < 2)
        {
            return false;
        }

        return layer.WeightsLength <= NetworkPlan.UnrollWeightLimit
            ? layer.Size >= 2 && layer.Size <= MaximumUnits
            : layer.Size % KernelUnitMultiple == 0;
    }
}
