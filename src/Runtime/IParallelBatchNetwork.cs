using System;

namespace StaticNet;

/// <summary>
/// A batch network whose batch scratch the caller can own, so that several threads can run batches of one network at
/// once (each with its own workspace) while nobody writes its parameters. Generated networks implement it; it is what
/// <see cref="ParallelBackward"/> runs its workers on.
/// </summary>
public interface IParallelBatchNetwork : IBatchNetwork
{
    /// <summary>Creates scratch for <see cref="BackwardBatch(ReadOnlySpan{float}, ReadOnlySpan{float}, Span{float}, object)"/>, for one thread at a time.</summary>
    /// <returns>The network's own workspace type, opaque to the caller.</returns>
    object CreateBatchWorkspace();

    /// <summary>
    /// Like <see cref="IBatchNetwork.BackwardBatch(ReadOnlySpan{float}, ReadOnlySpan{float}, Span{float})"/>, with
    /// scratch from <paramref name="workspace"/>; the same bits whichever workspace is used.
    /// </summary>
    /// <param name="inputs">N samples, one row each.</param>
    /// <param name="targets">N targets, one row each.</param>
    /// <param name="gradient">Accumulates ∂J/∂θ, same layout as <see cref="INetwork.Parameters"/>.</param>
    /// <param name="workspace">From <see cref="CreateBatchWorkspace"/> of this network type, used by no other thread meanwhile.</param>
    /// <returns>The mean loss J of the batch.</returns>
    float BackwardBatch(ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets, Span<float> gradient, object workspace);

    /// <summary>
    /// Takes the next dropout round of the network: the number that, with the network's seed and a sample's position
    /// in its batch, decides the sample's dropout masks. <c>BackwardBatch</c> takes one per call, and
    /// <see cref="ParallelBackward"/> one per batch, which it hands to every part. A network without dropout needs
    /// none and returns 0.
    /// </summary>
    /// <returns>The round; rounds count up from 0 after <see cref="INetwork.Initialize(int)"/>.</returns>
    long TakeDropoutRound() => 0;

    /// <summary>
    /// Like <see cref="BackwardBatch(ReadOnlySpan{float}, ReadOnlySpan{float}, Span{float}, object)"/>, with the
    /// dropout masks of round <paramref name="dropoutRound"/> for samples <paramref name="firstSample"/>,
    /// firstSample + 1, … of a batch: the same masks whichever part of the batch, or which thread, computes a sample,
    /// and the same masks again when a round is passed again. A network without dropout ignores both.
    /// </summary>
    /// <param name="inputs">N samples, one row each.</param>
    /// <param name="targets">N targets, one row each.</param>
    /// <param name="gradient">Accumulates ∂J/∂θ, same layout as <see cref="INetwork.Parameters"/>.</param>
    /// <param name="workspace">From <see cref="CreateBatchWorkspace"/> of this network type, used by no other thread meanwhile.</param>
    /// <param name="dropoutRound">A round from <see cref="TakeDropoutRound"/> (or an earlier one, to replay its masks).</param>
    /// <param name="firstSample">The position in the whole batch of the first sample of <paramref name="inputs"/>.</param>
    /// <returns>The mean loss J of these samples.</returns>
    float BackwardBatch(ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets, Span<float> gradient, object workspace, long dropoutRound, long firstSample) =>
        BackwardBatch(inputs, targets, gradient, workspace);
}
