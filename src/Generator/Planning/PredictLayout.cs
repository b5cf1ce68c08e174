using System.Collections.Generic;
using StaticNet.Generator.Model;

namespace StaticNet.Generator.Planning;

/// <summary>
/// Where a frozen network's <c>Predict</c> reads its weights when it does not write them as constants: a
/// cache-line-aligned buffer made once from TrainedParameters, holding them in the layout of Parameters and then,
/// for every kernel layer of at least <see cref="ColumnUnitMinimum"/> units, W and b once more in the column layout
/// of the runtime's <c>FrozenLayers</c> (b, then W[:,0], W[:,1], …, each padded to a whole number of cache lines).
/// </summary>
/// <remarks>
/// Knowing the weights are fixed lets Predict choose their layout: by columns, z = b + Σ_k x_k·W[:,k] is broadcasts
/// and multiply-adds over whole columns, with no horizontal sum per unit and the activation fused, where Forward's
/// row-major kernel (which must read the instance's Parameters as they are) sums each row across a vector.
/// </remarks>
internal sealed class PredictLayout
{
    /// <summary>
    /// Kernel layers with at least this many units are computed by columns: one column then fills at least one
    /// Vector512. Narrower layers keep Forward's row-major kernel, whose rows share each load of x.
    /// </summary>
    public const int ColumnUnitMinimum = 16;

    /// <summary>The runtime's <c>FrozenLayers.ColumnAlignment</c>: columns are padded to multiples of 16 floats.</summary>
    public const int ColumnAlignment = 16;

    private readonly Dictionary<int, (int Offset, int Length)> _columns;

    private PredictLayout(Dictionary<int, (int Offset, int Length)> columns, int parameterCount)
    {
        _columns = columns;
        ParameterCount = parameterCount;
    }

    /// <summary>Whether any layer is computed by columns (and so Predict has a buffer of its own layout).</summary>
    public bool HasColumns => _columns.Count > 0;

    /// <summary>The floats of Predict's buffer: the parameters, then the column blocks.</summary>
    public int ParameterCount { get; }

    /// <summary>Whether layer <paramref name="index"/> is computed by columns.</summary>
    public bool ByColumns(int index) => _columns.ContainsKey(index);

    /// <summary>Where layer <paramref name="index"/>'s column block starts in Predict's buffer (a multiple of 16 floats) and how long it is.</summary>
    public (int Offset, int Length) Columns(int index) => _columns[index];

    public static PredictLayout For(NetworkSpec spec, IReadOnlyList<LayerPlan> layers)
    {
        var columns = new Dictionary<int, (int, int)>();
        int end = spec.ParameterCount;
        // A deterministic network predicts with Forward's layers: the column kernel's chains of sums follow the width.
        if (!spec.IsFrozen || spec.Deterministic)
        {
            return new PredictLayout(columns, end);
        }

        foreach (LayerPlan layer in layers)
        {
            if (layer.Inference != LayerStrategy.Kernel || layer.Layer.Size < ColumnUnitMinimum)
            {
                continue;
            }

            int offset = RoundUp(end);
            int length = (layer.Layer.InputSize + 1) * RoundUp(layer.Layer.Size);
            columns.Add(layer.Index, (offset, length));
            end = offset + length;
        }

        return new PredictLayout(columns, end);
    }

    private static int RoundUp(int count) => (count + ColumnAlignment - 1) / ColumnAlignment * ColumnAlignment;
}
