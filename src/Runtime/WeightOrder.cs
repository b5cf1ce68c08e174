namespace StaticNet;

/// <summary>
/// How one layer's weight matrix W[l] (n_l × n_(l−1)) is laid out inside <see cref="INetwork.Parameters"/>. The
/// generator chooses it per layer, for speed; files, <see cref="NetworkWeights.GetWeights"/> and
/// <see cref="NetworkWeights.SetWeights"/> always present PyTorch's order (<see cref="RowMajor"/>) whatever it is.
/// </summary>
public enum WeightOrder
{
    /// <summary>PyTorch's <c>nn.Linear</c> order: row j (unit j's weights) at j·n_(l−1), W[j, k] at j·n_(l−1) + k.</summary>
    RowMajor = 0,

    /// <summary>Column k (every unit's weight for input k) at k·n_l: W[j, k] at k·n_l + j.</summary>
    ColumnMajor = 1,
}
