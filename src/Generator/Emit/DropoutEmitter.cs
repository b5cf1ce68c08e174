using StaticNet.Generator.Model;
using StaticNet.Generator.Planning;

namespace StaticNet.Generator.Emit;

/// <summary>
/// Inverted dropout in the training methods, everywhere it is written: the state a network with dropout keeps (the
/// seed of its masks and the rounds taken), the mask applied after a hidden layer's forward pass (one sample or one
/// block of a batch), and its factor in BP2. Inference never calls any of it. The masks are made by the runtime's
/// <c>DropoutMasks</c> from a hash of (seed, round, sample, layer, unit), so nothing here holds random state.
/// </summary>
internal static class DropoutEmitter
{
    /// <summary>The local or parameter holding the call's round.</summary>
    public const string Round = "dropoutRound";

    /// <summary>Declares the seed and the round counter, and the method that takes a round (only for a network with dropout).</summary>
    public static void EmitState(CodeWriter writer, NetworkSpec spec)
    {
        if (!spec.HasDropout)
        {
            return;
        }

        writer.Line();
        writer.Comment("Dropout's masks are a hash of (seed, round, sample, layer, unit) (DropoutMasks): the seed is the network's, and");
        writer.Comment("every training call takes the next round, so masks are fresh on every call, equal for equal seeds, and need no lock.");
        writer.Line("private int _dropoutSeed;");
        writer.Line("private long _dropoutRounds;");
        writer.Line();
        writer.Line("private long NextDropoutRound() => global::System.Threading.Interlocked.Increment(ref _dropoutRounds) - 1;");
        writer.Line();
        writer.Line($"long {RuntimeContract.IParallelBatchNetwork}.TakeDropoutRound() => NextDropoutRound();");
    }

    /// <summary>The statements Initialize adds: the masks start over from the new seed.</summary>
    public static void EmitReseed(CodeWriter writer, NetworkSpec spec)
    {
        if (spec.HasDropout)
        {
            writer.Line("_dropoutSeed = seed;");
            writer.Line("_dropoutRounds = 0;");
        }
    }

    /// <summary>
    /// After a hidden layer's forward pass in training: a[l] ⊙= mask[l]. <paramref name="firstSample"/> is the position in
    /// the batch of the first row of a[l] (0 for one sample).
    /// </summary>
    public static void EmitApply(CodeWriter writer, LayerPlan layer, string firstSample)
    {
        if (!layer.HasDropout)
        {
            return;
        }

        int l = layer.Index;
        string rate = Literals.Float(layer.Layer.Dropout);
        string before = layer.KeepsActivationBeforeDropout ? Names.BeforeDropout(l) : "default";
        writer.Comment($"Dropout, p = {rate.TrimEnd('f')}: a[{l}] ⊙= mask[{l}], mask[{l}]_j = 0 with probability p, else 1/(1 − p) (inverted: Forward needs no rescaling).");
        writer.Line($"{RuntimeContract.DropoutMasks}.Apply({Names.A(l)}, {Names.DropoutMask(l)}, {before}, {LayerCode.SizeConstant(layer.Layer)}, {rate}, _dropoutSeed, {Round}, {firstSample}, {Literals.Int(l)});");
    }

    /// <summary>The BP2 comment's dropout factor of layer <paramref name="layer"/>: <c> ⊙ mask[h]</c>, or nothing.</summary>
    public static string ErrorFactor(LayerPlan layer) => layer.HasDropout ? $" ⊙ mask[{layer.Index}]" : string.Empty;

    /// <summary>Where g' reads a[h] of a hidden layer in BP2 when it reads a whole span: a[h], or a[h] before dropout.</summary>
    public static string ActivationForDerivative(LayerPlan layer) =>
        layer.KeepsActivationBeforeDropout ? Names.BeforeDropout(layer.Index) : Names.A(layer.Index);

    /// <summary>BP2's last factor over a whole span of δ[h]: δ[h] ⊙= mask[h], or nothing without dropout.</summary>
    public static void EmitErrorMask(CodeWriter writer, LayerPlan layer)
    {
        if (layer.HasDropout)
        {
            writer.Line($"{RuntimeContract.DropoutMasks}.Multiply({Names.Delta(layer.Index)}, {Names.DropoutMask(layer.Index)});");
        }
    }

    /// <summary>BP2 of unit k as one expression: <paramref name="value"/> (W[l]ᵀ·δ[l] ⊙ g'), times mask[h]_k where dropped.</summary>
    public static string TimesMask(LayerPlan layer, string value, int k) =>
        layer.HasDropout ? $"({value}) * {Names.DropoutMask(layer.Index)}[{k}]" : value;
}
