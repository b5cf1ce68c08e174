using System;
using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.InteropServices;
using System.Threading;
using StaticNet.CompilerServices;

namespace StaticNet;

/// <summary>
/// <see cref="IBatchNetwork.BackwardBatch"/> on several cores, with the same bits whatever their number. The batch is
/// cut into parts that depend on its length N only: whole blocks of <see cref="BlockSize"/> samples, at most
/// <see cref="MaxParts"/> parts. Each part's gradient goes into its own zeroed buffer (one workspace per
/// thread), and the parts are summed element by element in part order, weighted by their share of N, then added to
/// the caller's gradient, so neither the number of threads nor which thread took which part can change a rounding.
/// One thread runs exactly the same arithmetic. A batch of one part (N ≤ <see cref="BlockSize"/>) is the network's
/// own BackwardBatch. See <see cref="Layout"/> for the parts.
/// </summary>
/// <remarks>
/// Threads run a network's parts at once only if it implements <see cref="IParallelBatchNetwork"/> (generated
/// networks do); any other network runs them one after another, with the same result. One call at a time per
/// instance. After the first call with the longest batch, calls allocate nothing. Dispose ends the helper threads.
/// <para>
/// What one thread pays over the network's own BackwardBatch is memory traffic: the parts' buffers and their sum.
/// Two things keep it small. A gradient that is all zeros on entry (bit for bit, the usual case: a training loop
/// clears it after each step) is itself the first part's buffer, since a part computed into zeros is the same
/// wherever the zeros are, and adding it to zeros is then the one addition of +0 that the sum still performs; so a
/// batch of two parts needs one buffer of its own, not two, and the working set stays near the cache's size. And the
/// part buffers are cleared by the sum, range by range while the range is in cache, instead of in a pass of their own.
/// If a call throws, the contents of the gradient are unspecified.
/// </para>
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
    private readonly float[][] _laterPartials = new float[MaxParts - 1][];
    private readonly float[] _losses = new float[MaxParts];
    private readonly float[] _weights = new float[MaxParts];
    private readonly float[]?[] _gatheredInputs, _gatheredTargets;
    private readonly double[] _weightSums = new double[MaxParts];
    private readonly float[]?[] _scratch;
    private readonly int[]?[] _sortedRows;
    private readonly float[]?[] _sortKeys;
    private WorkerGroup? _workers;
    private bool _disposed;
    private int _degree;

    // The part buffers are all zeros between calls (the sum clears them); a call that failed leaves them to be
    // cleared by the next.
    private bool _partialsDirty;

    // The call in progress, read by every participant: the batch as rows of inputs and targets, or as sample indices
    // into a data set that each part gathers for itself.
    private ReadOnlyMemory<float> _inputs;
    private ReadOnlyMemory<float> _targets;
    private Dataset? _data;
    private ReadOnlyMemory<int> _rows;
    private float[]? _sampleWeights;
    private Memory<float> _gradient;
    private IGradientConsumer? _consumer;
    private bool _firstPartInGradient;
    private int _count;
    private int _partSize;
    private int _parts;
    private int _nextPart;
    private int _partsDone;
    private volatile bool _partFailed;
    private int _nextChunk;
    private long _dropoutRound;

    /// <summary>Creates the helper for one network.</summary>
    /// <param name="network">The network; a generated one runs its parts on several threads.</param>
    /// <param name="maxDegreeOfParallelism">
    /// The most threads one call uses, the caller's included; at least 1. Values above <see cref="MaxParts"/> use
    /// <see cref="MaxParts"/>: a batch never has more parts, so further threads would never have work.
    /// </param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxDegreeOfParallelism"/> is below 1.</exception>
    public ParallelBackward(IBatchNetwork network, int maxDegreeOfParallelism)
    {
        ArgumentNullException.ThrowIfNull(network);
        if (maxDegreeOfParallelism < 1)
        {
            throw new ArgumentOutOfRangeException(
                nameof(maxDegreeOfParallelism),
                maxDegreeOfParallelism,
                $"maxDegreeOfParallelism must be at least 1 (it counts the calling thread); got {maxDegreeOfParallelism}.");
        }

        _network = network;
        _parallel = network as IParallelBatchNetwork;
        MaxDegreeOfParallelism = _parallel is null ? 1 : Math.Min(maxDegreeOfParallelism, MaxParts);
        _degree = MaxDegreeOfParallelism;
        _workspaces = new object?[MaxDegreeOfParallelism];
        _gatheredInputs = new float[MaxDegreeOfParallelism][];
        _gatheredTargets = new float[MaxDegreeOfParallelism][];
        _scratch = new float[MaxDegreeOfParallelism][];
        _sortedRows = new int[MaxDegreeOfParallelism][];
        _sortKeys = new float[MaxDegreeOfParallelism][];
    }

    /// <summary>
    /// Takes each range of a finished batch gradient once, on whichever thread finished it, while no part runs: the
    /// ranges are disjoint, so it may read and write the parameters and the gradient inside its range.
    /// </summary>
    internal interface IGradientConsumer
    {
        /// <summary>The gradient's elements [start, start + length) are final.</summary>
        void Consume(int start, int length);
    }

    /// <summary>Ends the helper threads if <see cref="Dispose"/> was not called.</summary>
    ~ParallelBackward() => _workers?.Stop();

    /// <summary>
    /// The most threads a call uses: as given but at most <see cref="MaxParts"/>, or 1 for a network that is not an
    /// <see cref="IParallelBatchNetwork"/>. The helper threads (this number less one) start with the first batch of
    /// more than one part.
    /// </summary>
    public int MaxDegreeOfParallelism { get; }

    /// <summary>
    /// The threads the next calls use, from 1 to <see cref="MaxDegreeOfParallelism"/> (which it starts at):
    /// <see cref="Trainer.Fit"/> lowers it to 1 while one thread is measured faster (see <see cref="DegreeTuner"/>).
    /// The bits do not depend on it.
    /// </summary>
    internal int Degree
    {
        get => _degree;
        set => _degree = Math.Clamp(value, 1, MaxDegreeOfParallelism);
    }

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
        _inputs = inputs;
        _targets = targets;
        return Run(count, gradient, consumer: null, gradientIsZero: IsAllZeroBits(gradient.Span));
    }

    /// <summary>
    /// <see cref="BackwardBatch(ReadOnlyMemory{float}, ReadOnlyMemory{float}, Memory{float})"/> of the samples
    /// <paramref name="rows"/> of <paramref name="data"/>, in that order: each part copies its own rows into its
    /// thread's buffer (see <see cref="ReserveRows"/>) right before computing on them, so the gathering is shared
    /// among the threads and the rows are still in that core's cache when used. The same bits as the batch gathered
    /// first. <paramref name="consumer"/>, if given, then receives every range of the finished gradient.
    /// </summary>
    /// <param name="data">The data set the rows index.</param>
    /// <param name="rows">The batch's samples, as indices into <paramref name="data"/>.</param>
    /// <param name="gradient">Accumulates the gradient of the batch's loss.</param>
    /// <param name="consumer">Receives every range of the finished gradient, if given.</param>
    /// <param name="sampleWeights">
    /// Null for the mean loss; otherwise one finite weight ≥ 0 per sample of <paramref name="data"/>, and the loss is
    /// J = Σ w_s·C_s / Σ w_s (see <see cref="ComputeWeightedPart"/>; <see cref="ReserveWeighted"/> first).
    /// </param>
    /// <param name="gradientIsZero">
    /// The caller's promise that every element of <paramref name="gradient"/> is +0 (the trainer clears it after each
    /// step), which spares the check; null checks.
    /// </param>
    internal float BackwardBatch(Dataset data, ReadOnlyMemory<int> rows, Memory<float> gradient, IGradientConsumer? consumer, float[]? sampleWeights = null, bool? gradientIsZero = null)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        ReserveRows(rows.Length);
        _data = data;
        _rows = rows;
        _sampleWeights = sampleWeights;
        return Run(rows.Length, gradient, consumer, gradientIsZero ?? IsAllZeroBits(gradient.Span));
    }

    /// <summary>Whether every element is +0, bit for bit (a −0 would round a sum of −0 differently).</summary>
    internal static bool IsAllZeroBits(ReadOnlySpan<float> values)
    {
        ReadOnlySpan<int> bits = MemoryMarshal.Cast<float, int>(values);
        ReadOnlySpan<Vector<int>> vectors = MemoryMarshal.Cast<int, Vector<int>>(bits);
        for (int i = 0; i < vectors.Length; i++)
        {
            if (vectors[i] != Vector<int>.Zero)
            {
                return false;
            }
        }

        for (int i = vectors.Length * Vector<int>.Count; i < bits.Length; i++)
        {
            if (bits[i] != 0)
            {
                return false;
            }
        }

        return true;
    }

    private float Run(int count, Memory<float> gradient, IGradientConsumer? consumer, bool gradientIsZero)
    {
        (int partSize, int parts) = Layout(count);
        _gradient = gradient;
        _consumer = consumer;
        _firstPartInGradient = gradientIsZero;

        // A weighted batch always takes the parts path, even as one part: the part's weighted gradient goes into its
        // own buffer, and the sum scales it by its share of the weights (exactly 1 for one part).
        if (parts == 1 && _sampleWeights is null)
        {
            try
            {
                Rows(0, 0, count, out ReadOnlySpan<float> x, out ReadOnlySpan<float> y);
                float single = _network.BackwardBatch(x, y, gradient.Span);
                ConsumeChunks();
                return single;
            }
            finally
            {
                Release();
            }
        }

        Reserve(parts);
        if (_partialsDirty)
        {
            ClearPartials();
        }

        // One dropout round for the whole batch, and each sample's masks keyed by its position in it (see
        // DropoutMasks): whichever thread computes a part, its samples get the masks they would get in any other.
        _dropoutRound = _parallel?.TakeDropoutRound() ?? 0;
        _count = count;
        _partSize = partSize;
        _parts = parts;
        _nextPart = 0;
        _partsDone = 0;
        _partFailed = false;
        _nextChunk = 0;
        double weightSum = _sampleWeights is null ? count : SumWeights(partSize, parts);
        for (int k = 0; k < parts; k++)
        {
            _weights[k] = _sampleWeights is null
                ? Math.Min(partSize, count - (k * partSize)) / (float)count
                : weightSum > 0 ? (float)(_weightSums[k] / weightSum) : 0f;
        }

        try
        {
            if (_degree == 1)
            {
                ((WorkerGroup.IWork)this).Run(0);
            }
            else
            {
                _workers ??= new WorkerGroup(MaxDegreeOfParallelism - 1);
                _workers.Run(this, Math.Min(_degree, parts));
            }

            double loss = 0d;
            for (int k = 0; k < parts; k++)
            {
                loss += (double)_losses[k] * (_sampleWeights is null ? Math.Min(partSize, count - (k * partSize)) : _weightSums[k]);
            }

            return weightSum > 0 ? (float)(loss / weightSum) : 0f;
        }
        catch
        {
            _partialsDirty = true;
            throw;
        }
        finally
        {
            Release();
        }
    }

    /// <summary>Zeros every part buffer after a failed call, which may have left any of them half written.</summary>
    private void ClearPartials()
    {
        foreach (float[]? partial in _partials)
        {
            if (partial is not null)
            {
                Array.Clear(partial);
            }
        }

        _partialsDirty = false;
    }

    /// <summary>Where part <paramref name="k"/>'s gradient goes: its own buffer, or for the first part a zero gradient.</summary>
    private Span<float> PartBuffer(int k) => k == 0 && _firstPartInGradient ? _gradient.Span : _partials[k];

    /// <summary>Forgets the call's buffers: kept past it, they would keep the caller's arrays alive.</summary>
    private void Release()
    {
        _inputs = default;
        _targets = default;
        _data = null;
        _rows = default;
        _sampleWeights = null;
        _gradient = default;
        _consumer = null;
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
    /// <param name="count">The batch size N, at least 0 (an empty batch is one empty part).</param>
    /// <returns>
    /// The samples per part and the number of parts: (Parts − 1) · PartSize &lt; N ≤ Parts · PartSize for every N ≥ 1
    /// up to <see cref="int.MaxValue"/>, and Parts ≤ <see cref="MaxParts"/>.
    /// </returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is negative.</exception>
    public static (int PartSize, int Parts) Layout(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);

        // In 64 bits: count + BlockSize − 1 wraps an int for the last BlockSize − 1 counts below int.MaxValue.
        long blocks = ((long)count + BlockSize - 1) / BlockSize;
        long blocksPerPart = blocks <= 2 ? 1 : Math.Max(2, (blocks + MaxParts - 1) / MaxParts);
        long partSize = blocksPerPart * BlockSize;
        return (checked((int)partSize), checked((int)Math.Max((count + partSize - 1) / partSize, 1)));
    }

    /// <summary>
    /// Allocates the gradient buffers of a batch of <paramref name="parts"/> parts ahead of its first call (the first
    /// part's too, which is used when the caller's gradient is not zero).
    /// </summary>
    internal void Reserve(int parts)
    {
        for (int k = 0; k < parts; k++)
        {
            _partials[k] ??= new float[_network.ParameterCount];
            if (k > 0)
            {
                _laterPartials[k - 1] = _partials[k];
            }
        }
    }

    /// <summary>
    /// Allocates every thread's buffers for gathering the parts of batches of up to <paramref name="count"/> indexed
    /// samples, unless they are large enough already (part sizes grow with the batch, so the first, longest batch
    /// allocates them once).
    /// </summary>
    internal void ReserveRows(int count)
    {
        int rows = Math.Min(Layout(count).PartSize, count);
        for (int t = 0; t < MaxDegreeOfParallelism; t++)
        {
            if (_gatheredInputs[t] is not { } inputs || inputs.Length < rows * _network.InputSize)
            {
                _gatheredInputs[t] = new float[rows * _network.InputSize];
                _gatheredTargets[t] = new float[rows * _network.OutputSize];
            }
        }
    }

    /// <summary>
    /// Allocates, unless there already, every thread's buffers for weighted batches of up to <paramref name="count"/>
    /// samples: a gradient scratch and the part's rows sorted by weight.
    /// </summary>
    internal void ReserveWeighted(int count)
    {
        int rows = Math.Min(Layout(count).PartSize, count);
        for (int t = 0; t < MaxDegreeOfParallelism; t++)
        {
            _scratch[t] ??= new float[_network.ParameterCount];
            if (_sortedRows[t] is not { } sorted || sorted.Length < rows)
            {
                _sortedRows[t] = new int[rows];
                _sortKeys[t] = new float[rows];
            }
        }
    }

    /// <summary>Each part's sum of sample weights (in double, in sample order) into <see cref="_weightSums"/>; returns their total.</summary>
    private double SumWeights(int partSize, int parts)
    {
        ReadOnlySpan<int> rows = _rows.Span;
        double total = 0d;
        for (int k = 0; k < parts; k++)
        {
            int start = k * partSize;
            _weightSums[k] = TrainingWeights.Sum(_sampleWeights!, rows.Slice(start, Math.Min(partSize, rows.Length - start)));
            total += _weightSums[k];
        }

        return total;
    }

    /// <summary>
    /// The inputs and targets of the batch's samples [start, start + n): a slice of the caller's rows, or, for an
    /// indexed batch, those samples copied into <paramref name="participant"/>'s buffers.
    /// </summary>
    private void Rows(int participant, int start, int n, out ReadOnlySpan<float> inputs, out ReadOnlySpan<float> targets)
    {
        int inputSize = _network.InputSize, outputSize = _network.OutputSize;
        if (_data is null)
        {
            inputs = _inputs.Span.Slice(start * inputSize, n * inputSize);
            targets = _targets.Span.Slice(start * outputSize, n * outputSize);
            return;
        }

        Gather(participant, _rows.Span.Slice(start, n), out inputs, out targets);
    }

    /// <summary>Copies the samples <paramref name="rows"/> of the data set into <paramref name="participant"/>'s buffers.</summary>
    private void Gather(int participant, ReadOnlySpan<int> rows, out ReadOnlySpan<float> inputs, out ReadOnlySpan<float> targets)
    {
        int inputSize = _network.InputSize, outputSize = _network.OutputSize, n = rows.Length;
        Dataset data = _data!;
        Span<float> x = _gatheredInputs[participant]!.AsSpan(0, n * inputSize);
        Span<float> y = _gatheredTargets[participant]!.AsSpan(0, n * outputSize);
        for (int s = 0; s < n; s++)
        {
            data.FeaturesOf(rows[s]).CopyTo(x.Slice(s * inputSize, inputSize));
            data.TargetsOf(rows[s]).CopyTo(y.Slice(s * outputSize, outputSize));
        }

        inputs = x;
        targets = y;
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

        // A part that failed left its buffer half written; its exception reaches the caller, and nothing is summed
        // or handed to the consumer (which may be stepping the parameters).
        if (!_partFailed)
        {
            SumChunks();
        }
    }

    /// <summary>Takes parts until none is left; each part's gradient goes into its own buffer.</summary>
    private void ComputeParts(int participant)
    {
        object? workspace = _parallel is null ? null : _workspaces[participant] ??= _parallel.CreateBatchWorkspace();
        for (int k = Interlocked.Increment(ref _nextPart) - 1; k < _parts; k = Interlocked.Increment(ref _nextPart) - 1)
        {
            int start = k * _partSize, n = Math.Min(_partSize, _count - start);
            Span<float> partial = PartBuffer(k);
            try
            {
                if (_sampleWeights is not null)
                {
                    _losses[k] = ComputeWeightedPart(participant, workspace, start, n, _weightSums[k], partial);
                }
                else
                {
                    Rows(participant, start, n, out ReadOnlySpan<float> x, out ReadOnlySpan<float> y);
                    _losses[k] = BackwardBatch(x, y, partial, workspace, start);
                }
            }
            catch
            {
                _partFailed = true;
                throw;
            }
            finally
            {
                // Counted even when it failed, so that nobody waits for it; the failure reaches the caller.
                Interlocked.Increment(ref _partsDone);
            }
        }
    }

    /// <summary>The samples starting at position <paramref name="firstSample"/> of the batch, with their dropout masks.</summary>
    private float BackwardBatch(ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets, Span<float> gradient, object? workspace, long firstSample) =>
        workspace is null
            ? _network.BackwardBatch(inputs, targets, gradient)
            : _parallel!.BackwardBatch(inputs, targets, gradient, workspace, _dropoutRound, firstSample);

    /// <summary>
    /// One part of a weighted batch into <paramref name="partial"/> (zero on entry): the gradient of
    /// Σ w_s·C_s / W_k over the part's samples, W_k = <paramref name="weightSum"/>; returns that loss. The generated
    /// BackwardBatch takes no weights, but it gives the mean gradient of any group of samples, so the part's samples
    /// are sorted by weight and each run of g samples of equal weight w is one BackwardBatch, scaled by g·w / W_k.
    /// Class weights make few runs (one per class present), so the batched code still does the work; distinct
    /// per-sample weights make runs of one. A part of one run (all weights equal) is BackwardBatch itself. For dropout,
    /// a run's samples take the positions start + first, start + first + 1, … of the sorted order, which depends on
    /// the batch and the weights alone, never on the thread.
    /// </summary>
    private float ComputeWeightedPart(int participant, object? workspace, int start, int n, double weightSum, Span<float> partial)
    {
        if (weightSum == 0d)
        {
            return 0f;
        }

        // Sorted stably: positions in the part, sorted by weight and then, within a run, by position, so that a run
        // keeps the batch's order (equal weights then give exactly the unweighted BackwardBatch).
        ReadOnlySpan<int> batchRows = _rows.Span.Slice(start, n);
        Span<int> rows = _sortedRows[participant].AsSpan(0, n);
        Span<float> keys = _sortKeys[participant].AsSpan(0, n);
        for (int s = 0; s < n; s++)
        {
            rows[s] = s;
            keys[s] = _sampleWeights![batchRows[s]];
        }

        keys.Sort(rows);
        double loss = 0d;
        for (int first = 0, end; first < n; first = end)
        {
            float weight = keys[first];
            end = first + 1;
            while (end < n && keys[end] == weight)
            {
                end++;
            }

            Span<int> run = rows[first..end];
            run.Sort();
            for (int s = 0; s < run.Length; s++)
            {
                run[s] = batchRows[run[s]];
            }

            if (weight == 0f)
            {
                continue;
            }

            Gather(participant, run, out ReadOnlySpan<float> x, out ReadOnlySpan<float> y);
            double share = (end - first) * (double)weight / weightSum;
            if (first == 0 && end == n)
            {
                return BackwardBatch(x, y, partial, workspace, start);
            }

            Span<float> scratch = _scratch[participant];
            scratch.Clear();
            loss += share * BackwardBatch(x, y, scratch, workspace, start + first);
            TensorPrimitives.MultiplyAdd(scratch, (float)share, partial, partial);
        }

        return (float)loss;
    }

    /// <summary>
    /// Takes chunks of the parameters until none is left and sums each (see <see cref="PartSum"/>); the consumer, if
    /// any, then takes the chunk while it is in this core's cache.
    /// </summary>
    private void SumChunks()
    {
        int length = _network.ParameterCount;
        for (int c = Interlocked.Increment(ref _nextChunk) - 1; c * SumChunk < length; c = Interlocked.Increment(ref _nextChunk) - 1)
        {
            int start = c * SumChunk, n = Math.Min(SumChunk, length - start);
            PartSum.Add(
                _gradient.Span.Slice(start, n),
                _firstPartInGradient ? default : _partials[0].AsSpan(start, n),
                _laterPartials,
                _weights,
                _parts,
                start);
            _consumer?.Consume(start, n);
        }
    }

    /// <summary>Hands a one-part batch's gradient to the consumer in the chunks the sum would have used.</summary>
    private void ConsumeChunks()
    {
        if (_consumer is not IGradientConsumer consumer)
        {
            return;
        }

        int length = _network.ParameterCount;
        for (int start = 0; start < length; start += SumChunk)
        {
            consumer.Consume(start, Math.Min(SumChunk, length - start));
        }
    }
}
