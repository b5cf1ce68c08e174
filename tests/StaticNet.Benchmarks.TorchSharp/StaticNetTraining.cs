using System;
using StaticNet.Benchmarks;

namespace StaticNet.Benchmarks.TorchSharp;

/// <summary>
/// One 784-128-10 mini-batch SGD step as a StaticNet training loop takes it: clear the gradient, the batch's mean
/// gradient by the network's own <see cref="IBatchNetwork.BackwardBatch"/> (one thread) or by
/// <see cref="ParallelBackward"/> (several), then <see cref="Sgd.Step"/>. The same work as
/// <c>ParallelTrainingBenchmarks</c> in the main suite; the gradient is cleared before the step rather than after, so
/// that <see cref="AgreementCheck"/> can read it, which changes nothing that is timed.
/// </summary>
public sealed class StaticNetTraining : IDisposable
{
    private readonly float[] _inputs, _targets;
    private readonly Sgd _optimizer = new(Implementations<Mnist784>.LearningRate);
    private readonly ParallelBackward? _parallel;

    /// <summary>Trains <paramref name="network"/> on one fixed batch.</summary>
    /// <param name="network">The network to train; its parameters change with every step.</param>
    /// <param name="inputs">The batch, row-major (N × 784).</param>
    /// <param name="targets">One-hot targets, row-major (N × 10).</param>
    /// <param name="threads">1: the network's own BackwardBatch; more: <see cref="ParallelBackward"/> on that many threads.</param>
    public StaticNetTraining(Mnist784 network, float[] inputs, float[] targets, int threads)
    {
        Network = network;
        _inputs = inputs;
        _targets = targets;
        _parallel = threads > 1 ? new ParallelBackward(network, threads) : null;
    }

    /// <summary>The network being trained.</summary>
    public Mnist784 Network { get; }

    /// <summary>The last step's gradient, in the network's own order (<see cref="NetworkWeights.ToPyTorchOrder"/> converts it).</summary>
    public float[] Gradient { get; } = new float[Mnist784.ParameterCount];

    /// <summary>One SGD step on the batch; returns the batch's mean loss before the step.</summary>
    public float Step()
    {
        Array.Clear(Gradient);
        float loss = _parallel is null
            ? Network.BackwardBatch(_inputs, _targets, Gradient)
            : _parallel.BackwardBatch(_inputs, _targets, Gradient);
        _optimizer.Step(Network.Parameters, Gradient);
        return loss;
    }

    /// <summary>Ends <see cref="ParallelBackward"/>'s helper threads.</summary>
    public void Dispose() => _parallel?.Dispose();
}
