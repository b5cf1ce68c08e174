namespace StaticNet.Benchmarks.ColumnLayout;

/// <summary>
/// The stride of each layer's columns in <see cref="ColumnSigmoid453{TStrides}"/>: the floats from b to W[:,0] and
/// from each column to the next. A struct type argument, so the JIT compiles each layout with its offsets as constants,
/// as generated code would have them.
/// </summary>
public interface IColumnStrides453
{
    /// <summary>Layer 1's stride: at least its 5 units, read as one Vector256.</summary>
    static abstract int Layer1 { get; }

    /// <summary>Layer 2's stride: at least its 3 units, read as one Vector128.</summary>
    static abstract int Layer2 { get; }
}

/// <summary>Unpadded columns (strides 5 and 3): 43 floats, as many as PyTorch's order.</summary>
public readonly struct UnpaddedColumns : IColumnStrides453
{
    /// <inheritdoc/>
    public static int Layer1 => 5;

    /// <inheritdoc/>
    public static int Layer2 => 3;
}

/// <summary>
/// Columns padded to whole vectors (strides 8 and 4): 64 floats. Every load and store is then one column, so a store
/// never overlaps the next column and a load after a train step is always served by exactly one earlier store.
/// </summary>
public readonly struct PaddedColumns : IColumnStrides453
{
    /// <inheritdoc/>
    public static int Layer1 => 8;

    /// <inheritdoc/>
    public static int Layer2 => 4;
}
