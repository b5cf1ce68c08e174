namespace StaticNet;

/// <summary>The per-sample cost C(ŷ, y) a generated network minimises (conventions of docs/backprop.md).</summary>
public enum Loss
{
    /// <summary>C = ½ Σ_k (ŷ_k − y_k)². Works with any output activation.</summary>
    MeanSquaredError = 0,

    /// <summary>C = −Σ_k y_k log ŷ_k. Requires a <see cref="Activation.Softmax"/> output; δ[L] = ŷ − y.</summary>
    CrossEntropy = 1,

    /// <summary>C = −Σ_k [y_k log ŷ_k + (1 − y_k) log(1 − ŷ_k)]. Requires a <see cref="Activation.Sigmoid"/> output; δ[L] = ŷ − y.</summary>
    BinaryCrossEntropy = 2,
}
