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
}
