using System;
using System.Numerics.Tensors;
using System.Threading;

namespace StaticNet;

/// <summary>
/// <see cref="IBatchNetwork.BackwardBatch"/> on several cores, with the same bits whatever their number. The batch is
/// cut into parts that depend on its length N only: whole blocks of <see cref="BlockSize"/> samples, at most
/// <see cref="MaxParts"/> parts. Each part's gradient goes into its own buffer (one workspace per
/// thread), and the parts are summed element by element in part order, weighted by their share of N, so neither the
/// number of threads nor which thread took which part can change a rounding. One thread runs exactly the same
/// arithmetic. A batch of one part (N ≤ <see cref="BlockSize"/>) is the network's own BackwardBatch. See
/// <see cref="Layout"/> for the parts.
/// </summary>
/// <remarks>
/// Threads run a network's parts at once only if it implements <see cref="IParallelBatchNetwork"/> (generated
/// networks do); any other network runs them one after another, with the same result. One call at a time per
/// instance. After the first call with the longest batch, calls allocate nothing. Dispose ends the helper threads.
/// </remarks>
public sealed class ParallelBackward : IDisposable, WorkerGroup.IWork
{
    /// <summary>Samples per block: two blocks already make a batch of 64 a job for two cores.</summary>
    public const int BlockSize = 32;

    /// <summary>The most parts a batch is cut into, which bounds the gradient buffers and the cost of summing them.</summary>
    public const int MaxParts = 16;

    /// <summary>Parameters per item of the summing phase: a few pages, enough to share the sum among threads.</summary>
    private const int SumChunk = 4096;

    private readonly IBatchNetwork _network;
    private readonly IParallelBatchNetwork? _parallel;
    private readonly object?[] _workspaces;
    private readonly float[][] _partials = new float[MaxParts][];
    private readonly float[] _losses = new float[MaxParts];
    private readonly float[] _weights = new float[MaxParts];
    private WorkerGroup? _workers;
    private bool _disposed;

    // The call in progress, read by every participant.
    private ReadOnlyMemory<float> _inputs;
    private ReadOnlyMemory<float> _targets;
    private Memory<float> _gradient;
    private int _count;
    private int _partSize;
    private int _parts;
    private int _nextPart;
    private int _partsDone;
    private int _nextChunk;

    /// <summary>Creates the helper for one network.</summary>
    /// <param name="network">The network; a generated one runs its parts on several threads.</param>
    /// <param name="maxDegreeOfParallelism">The most threads one call uses, the caller's included; at least 1.</param>
    public ParallelBackward(IBatchNetwork network, int maxDegreeOfParallelism)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxDegreeOfParallelism, 1);
        _network = network;
        _parallel = network as IParallelBatchNetwork;
        MaxDegreeOfParallelism = _parallel is null ? 1 : maxDegreeOfParallelism;
        _workspaces = new object?[MaxDegreeOfParallelism];
    }

    /// <summary>Ends the helper threads if <see cref="Dispose"/> was not called.</summary>
    ~ParallelBackward() => _workers?.Stop();

    /// <summary>The most threads a call uses: as given, or 1 for a network that is not an <see cref="IParallelBatchNetwork"/>.</summary>
    public int MaxDegreeOfParallelism { get; }

    /// <summary>Adds the gradient of the batch's mean loss J = (1/N) Σ C_i into <paramref name="gradient"/> and returns J.</summary>
    /// <param name="inputs">N samples, row-major [N × InputSize].</param>
    /// <param name="targets">N targets, row-major [N × OutputSize].</param>
    /// <param name="gradient">Accumulates ∂J/∂θ, same layout as <see cref="INetwork.Parameters"/>.</param>
    /// <returns>The mean loss J of the batch.</returns>
    /// <exception cref="ArgumentException">A span has the wrong length.</exception>
    public float BackwardBatch(ReadOnlyMemory<float> inputs, ReadOnlyMemory<float> targets, Memory<float> gradient)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        int count = SpanLength.RequireRows(inputs.Span, _network.InputSize, nameof(inputs));
        SpanLength.Require(targets.Span, count * _network.OutputSize, nameof(targets));
        SpanLength.Require(gradient.Span, _network.ParameterCount, nameof(gradient));
        (int partSize, int parts) = Layout(count);
        if (parts == 1)
        {
            return _network.BackwardBatch(inputs.Span, targets.Span, gradient.Span);
        }

        Reserve(parts);
        _inputs = inputs;
        _targets = targets;
        _gradient = gradient;
        _count = count;
        _partSize = partSize;
        _parts = parts;
        _nextPart = 0;
        _partsDone = 0;
        _nextChunk = 0;
        for (int k = 0; k < parts; k++)
        {
            _weights[k] = Math.Min(partSize, count - (k * partSize)) / (float)count;
        }

        try
        {
            if (MaxDegreeOfParallelism == 1)
            {
                ((WorkerGroup.IWork)this).Run(0);
            }
            else
            {
                _workers ??= new WorkerGroup(MaxDegreeOfParallelism - 1);
                _workers.Run(this, Math.Min(MaxDegreeOfParallelism, parts));
            }

            double loss = 0d;
            for (int k = 0; k < parts; k++)
            {
                loss += (double)_losses[k] * Math.Min(partSize, count - (k * partSize));
            }

            return (float)(loss / count);
        }
        finally
        {
            // Not kept past the call: they would keep the caller's arrays alive.
            _inputs = default;
            _targets = default;
            _gradient = default;
        }
    }

    /// <summary>Ends the helper threads.</summary>
    public void Dispose()
    {
        _disposed = true;
        _workers?.Stop();
        GC.SuppressFinalize(this);
    }

    /// <summary>
    /// How a batch is cut, a function of its size alone: a part is one block in a batch of up to two blocks (so that a
    /// batch of 64 is already two parts), otherwise two blocks (64 samples, the generated networks' BatchBlockSize,
    /// which keeps the matrix products at their full height; 32-sample parts cost a single thread about 15 % at batch
    /// 256), or more where <see cref="MaxParts"/> parts would not hold the batch. The last part is shorter.
    /// </summary>
    /// <param name="count">The batch size N.</param>
    /// <returns>The samples per part and the number of parts.</returns>
    public static (int PartSize, int Parts) Layout(int count)
    {
        int blocks = (count + BlockSize - 1) / BlockSize;
        int blocksPerPart = blocks <= 2 ? 1 : Math.Max(2, (blocks + MaxParts - 1) / MaxParts);
        int partSize = blocksPerPart * BlockSize;
        return (partSize, Math.Max((count + partSize - 1) / partSize, 1));
    }

    /// <summary>Allocates the gradient buffers of a batch of <paramref name="parts"/> parts ahead of its first call.</summary>
    internal void Reserve(int parts)
    {
        for (int k = 0; k < parts; k++)
        {
            _partials[k] ??= new float[_network.ParameterCount];
        }
    }

    /// <summary>
    /// One participant's share: parts while any are left, then, once every part is done (another participant may
    /// still be finishing one), chunks of the sum while any are left. One round per call: the sum needs no second wake-up.
    /// </summary>
    void WorkerGroup.IWork.Run(int participant)
    {
        ComputeParts(participant);
        var wait = default(SpinWait);
        while (Volatile.Read(ref _partsDone) < _parts)
        {
            // No Sleep(1): the part being waited for takes well under a millisecond.
            wait.SpinOnce(sleep1Threshold: -1);
        }

        SumChunks();
    }

    /// <summary>Takes parts until none is left; each part's gradient goes into its own buffer.</summary>
    private void ComputeParts(int participant)
    {
        int inputSize = _network.InputSize, outputSize = _network.OutputSize;
        object? workspace = _parallel is null ? null : _workspaces[participant] ??= _parallel.CreateBatchWorkspace();
        for (int k = Interlocked.Increment(ref _nextPart) - 1; k < _parts; k = Interlocked.Increment(ref _nextPart) - 1)
        {
            int start = k * _partSize, n = Math.Min(_partSize, _count - start);
            ReadOnlySpan<float> x = _inputs.Span.Slice(start * inputSize, n * inputSize);
            ReadOnlySpan<float> y = _targets.Span.Slice(start * outputSize, n * outputSize);
            Span<float> partial = _partials[k];
            partial.Clear();
            try
            {
                _losses[k] = workspace is null ? _network.BackwardBatch(x, y, partial) : _parallel!.BackwardBatch(x, y, partial, workspace);
            }
            finally
            {
                // Counted even when it failed, so that nobody waits for it; the failure reaches the caller.
                Interlocked.Increment(ref _partsDone);
            }
        }
    }

    /// <summary>
    /// Takes chunks of the parameters until none is left: Σ_k w_k·g_k in part order, then added into the gradient.
    /// Every element is summed in the same order whoever sums its chunk; the operations are element-wise and not
    /// fused, so neither a chunk's position nor its alignment changes a bit.
    /// </summary>
    private void SumChunks()
    {
        int length = _network.ParameterCount;
        for (int c = Interlocked.Increment(ref _nextChunk) - 1; c * SumChunk < length; c = Interlocked.Increment(ref _nextChunk) - 1)
        {
            int start = c * SumChunk, n = Math.Min(SumChunk, length - start);
            Span<float> sum = _partials[0].AsSpan(start, n);
            TensorPrimitives.Multiply(sum, _weights[0], sum);
            for (int k = 1; k < _parts; k++)
            {
                TensorPrimitives.MultiplyAdd(_partials[k].AsSpan(start, n), _weights[k], sum, sum);
            }

            Span<float> gradient = _gradient.Span.Slice(start, n);
            TensorPrimitives.Add(gradient, sum, gradient);
        }
    }
}
