// Compiled into the generator too (linked by src/Generator/StaticNet.Generator.csproj), as the Regex generator links
// RegexOptions.cs: one definition of the values, internal to the generator and in its model's namespace there.
#if STATICNET_GENERATOR
namespace StaticNet.Generator.Model;
#else
namespace StaticNet;
#endif

/// <summary>The per-sample cost C(ŷ, y) a generated network minimises (conventions of docs/backprop.md).</summary>
#if STATICNET_GENERATOR
internal
#else
public
#endif
enum Loss
{
    /// <summary>C = ½ Σ_k (ŷ_k − y_k)². Works with any output activation.</summary>
    MeanSquaredError = 0,

    /// <summary>C = −Σ_k y_k log ŷ_k. Requires a <see cref="F:StaticNet.Activation.Softmax"/> output; δ[L] = ŷ − y.</summary>
    CrossEntropy = 1,

    /// <summary>C = −Σ_k [y_k log ŷ_k + (1 − y_k) log(1 − ŷ_k)]. Requires a <see cref="F:StaticNet.Activation.Sigmoid"/> output; δ[L] = ŷ − y.</summary>
    BinaryCrossEntropy = 2,

    /// <summary>
    /// C = Σ_k h(ŷ_k − y_k) with h(e) = ½e² for |e| ≤ 1, otherwise |e| − ½: PyTorch's <c>HuberLoss(delta=1)</c>
    /// summed over the outputs (its default reduction also divides by the number of outputs). Works with any output.
    /// </summary>
    Huber = 3,

    /// <summary>
    /// C = Σ_k |ŷ_k − y_k|, with the subgradient sign(ŷ_k − y_k) (0 at 0, as PyTorch): <c>L1Loss</c> summed over the
    /// outputs (its default reduction also divides by the number of outputs). Works with any output.
    /// </summary>
    MeanAbsoluteError = 4,
}
