using System;
using System.Diagnostics;
using System.Numerics.Tensors;
using System.Threading;

namespace StaticNet;

/// <summary>
/// The state of one <see cref="Trainer.Fit"/>: every buffer, allocated before the first epoch (so the epoch loop
/// allocates nothing), the shuffled order, the divergence guard and the best epoch so far.
/// One method per step of an epoch: train a batch, validate, decide on early stopping.
/// </summary>
internal sealed class TrainingRun : IDisposable
{
    private readonly IBatchNetwork _network;
    private readonly IOptimizer _optimizer;
    private readonly TrainerOptions _options;
    private readonly Dataset _train;
    private readonly Dataset? _validation;
    private readonly ParallelBackward _backward;
    private readonly int[] _order;
    private readonly float[] _gradient;
    private readonly DivergenceGuard _guard;
    private readonly float[]? _best, _validationOutputs;
    private readonly float[]? _sampleWeights;
    private readonly DegreeTuner? _tuner;
    private DeterministicRandom _random;
    private float _bestLoss = float.PositiveInfinity;
    private long _step;

    /// <summary>Creates the run's buffers.</summary>
    /// <param name="network">The network trained.</param>
    /// <param name="optimizer">Its optimizer.</param>
    /// <param name="options">The checked options.</param>
    /// <param name="train">The training set.</param>
    /// <param name="validation">The validation set, if any.</param>
    /// <param name="sampleWeights">Null, or each training sample's weight (<see cref="TrainingWeights.Combine"/>).</param>
    public TrainingRun(IBatchNetwork network, IOptimizer optimizer, TrainerOptions options, Dataset train, Dataset? validation, float[]? sampleWeights)
    {
        _network = network;
        _optimizer = optimizer;
        _options = options;
        _train = train;
        _validation = validation;
        BatchSize = Math.Min(options.BatchSize, train.Count);
        BatchesPerEpoch = (int)(((long)train.Count + BatchSize - 1) / BatchSize);
        _order = new int[train.Count];
        for (int i = 0; i < _order.Length; i++)
        {
            _order[i] = i;
        }

        _gradient = new float[network.ParameterCount];
        _guard = new DivergenceGuard(network, optimizer, _gradient, options.MaxGradientNorm);
        _best = validation is null ? null : new float[network.ParameterCount];
        _validationOutputs = validation is null ? null : new float[Math.Min(validation.Count, 256) * network.OutputSize];
        _random = new DeterministicRandom(options.Seed);
        _sampleWeights = sampleWeights;

        // The batch gradient on up to MaxDegreeOfParallelism threads, bit for bit the same whatever that number. No
        // batch has more parts than the first, full one, so more threads than its parts would never have work.
        int parts = ParallelBackward.Layout(BatchSize).Parts;
        _backward = new ParallelBackward(network, Math.Min(options.MaxDegreeOfParallelism, parts));
        _backward.Reserve(parts);
        if (options.AdaptDegreeOfParallelism && _backward.MaxDegreeOfParallelism > 1)
        {
            _tuner = new DegreeTuner(_backward.MaxDegreeOfParallelism);
        }

        _backward.ReserveRows(BatchSize);
        if (sampleWeights is not null)
        {
            _backward.ReserveWeighted(BatchSize);
        }
    }

    /// <summary>Samples per batch: the option, or the whole set when it is smaller.</summary>
    public int BatchSize { get; }

    /// <summary>Batches in one epoch, the last one possibly short.</summary>
    public int BatchesPerEpoch { get; }

    /// <summary>The epoch whose parameters are the best so far (the last epoch when there is no validation set).</summary>
    public int BestEpoch { get; private set; }

    /// <summary>
    /// One pass over the shuffled training set; returns the mean training loss (weighted: Σ w·C / Σ w). A schedule
    /// that changes per step sets the rate before every batch.
    /// </summary>
    public float TrainEpoch(int epoch, IProgress<BatchReport>? batchProgress, CancellationToken cancellationToken)
    {
        _random.Shuffle(_order);
        LearningRateSchedule? perStep = _options.Schedule is { ChangesPerStep: true } schedule ? schedule : null;
        double lossSum = 0, weightSum = 0;
        int batch = 0;
        // start += n rather than += BatchSize, which could wrap past int.MaxValue on a set of nearly that many samples.
        for (int start = 0, n; start < _order.Length; start += n)
        {
            cancellationToken.ThrowIfCancellationRequested();
            batch++;
            n = Math.Min(BatchSize, _order.Length - start);
            _step++;
            if (perStep is not null)
            {
                _optimizer.LearningRate = perStep.AtStep(epoch, _step);
            }

            float loss = TrainBatch(epoch, batch, start, n);
            double weight = _sampleWeights is null ? n : TrainingWeights.Sum(_sampleWeights, _order.AsSpan(start, n));
            lossSum += (double)loss * weight;
            weightSum += weight;
            batchProgress?.Report(new BatchReport(epoch, batch, BatchesPerEpoch, loss));
        }

        return weightSum > 0 ? (float)(lossSum / weightSum) : 0f;
    }

    /// <summary>
    /// Trains on the samples <c>order[start..start+n)</c>: each part of the batch gathers its own rows (no copy of the
    /// whole batch first), and the divergence guard takes the step, undoing it, or the previous one, if anything is
    /// not finite (see <see cref="DivergenceGuard"/>). The batch runs on the threads the tuner chose, and its time
    /// goes to the tuner.
    /// </summary>
    private float TrainBatch(int epoch, int batch, int start, int n)
    {
        long started = Stopwatch.GetTimestamp();
        if (_tuner is not null)
        {
            _backward.Degree = _tuner.Degree;
        }

        _guard.BeginBatch();
        float loss = _backward.BackwardBatch(_train, _order.AsMemory(start, n), _gradient, _guard, _sampleWeights, gradientIsZero: true);
        _guard.EndBatch(epoch, batch, loss);
        _tuner?.Record(Stopwatch.GetTimestamp() - started, n);
        return loss;
    }

    /// <summary>
    /// The validation loss and accuracy after <paramref name="epoch"/> (null without a validation set), keeping the
    /// best epoch's parameters; a non-finite validation loss is a divergence.
    /// </summary>
    public (float? Loss, double? Accuracy) Validate(int epoch)
    {
        if (_validation is null)
        {
            BestEpoch = epoch;
            return (null, null);
        }

        (float loss, double? accuracy) = Evaluate(_validation, _validationOutputs!);
        if (!float.IsFinite(loss))
        {
            // Early stopping compares validation losses; a NaN compares false and would silently disable it.
            string parameters = BestEpoch > 0
                ? $"The parameters were restored to those of epoch {BestEpoch}, the best validation loss so far."
                : "The parameters are those this epoch ended with (finite; no earlier epoch was validated).";
            RestoreBest();
            throw new TrainingDivergedException(epoch, 0, "validation loss", parameters + " Check the validation data for NaN or infinite values.");
        }

        if (loss < _bestLoss)
        {
            _bestLoss = loss;
            BestEpoch = epoch;
            _network.Parameters.CopyTo(_best);
            if (_options.CheckpointPath is string path)
            {
                // Atomic (temporary file, flush, rename): the file is always a complete checkpoint.
                SafeTensors.Save(_network, path);
            }
        }

        return (loss, accuracy);
    }

    /// <summary>Whether <see cref="TrainerOptions.Patience"/> epochs have passed without a better validation loss.</summary>
    public bool ShouldStopEarly(int epoch) =>
        _validation is not null && _options.Patience is int patience && epoch - BestEpoch >= patience && epoch < _options.Epochs;

    /// <summary>Stops the worker threads of the parallel batch gradient.</summary>
    public void Dispose() => _backward.Dispose();

    /// <summary>
    /// Puts the best epoch's parameters back, when a validation set chose one (at the end of a run only if
    /// <see cref="TrainerOptions.RestoreBestParameters"/>; always after a divergence).
    /// </summary>
    public void RestoreBest()
    {
        if (_best is not null && BestEpoch > 0)
        {
            _best.CopyTo(_network.Parameters);
        }
    }

    private static int PredictedClass(ReadOnlySpan<float> output) =>
        output.Length == 1 ? (output[0] >= 0.5f ? 1 : 0) : Evaluation.ArgMax(output);

    private (float Loss, double? Accuracy) Evaluate(Dataset validation, float[] outputs)
    {
        int outputSize = _network.OutputSize;
        int block = outputs.Length / outputSize;
        double loss = 0;
        int correct = 0;

        // With one output per class the prediction is the arg max; a single output with 0/1 labels (a binary
        // classifier, CsvOptions.PositiveClass) predicts class 1 when its probability is at least 0.5.
        bool countsClasses = validation.Labels is not null;
        for (int start = 0; start < validation.Count; start += block)
        {
            int n = Math.Min(block, validation.Count - start);
            Span<float> predictions = outputs.AsSpan(0, n * outputSize);
            _network.ForwardBatch(validation.Features.AsSpan(start * validation.FeatureCount, n * validation.FeatureCount), predictions);

            // Losses clamp their inputs away from log(0), which turns a NaN output into a finite loss.
            if (!TensorPrimitives.IsFiniteAll<float>(predictions))
            {
                return (float.NaN, null);
            }

            for (int s = 0; s < n; s++)
            {
                ReadOnlySpan<float> output = predictions.Slice(s * outputSize, outputSize);
                loss += _network.Loss(output, validation.TargetsOf(start + s));
                if (countsClasses && PredictedClass(output) == validation.Labels![start + s])
                {
                    correct++;
                }
            }
        }

        return ((float)(loss / validation.Count), countsClasses ? (double)correct / validation.Count : null);
    }
}
