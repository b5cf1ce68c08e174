using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Numerics.Tensors;
using System.Threading;

namespace StaticNet;

/// <summary>
/// Mini-batch gradient descent for any generated network: seeded shuffling each epoch, a learning-rate schedule,
/// validation with early stopping that restores the best parameters, a divergence guard, progress reports and
/// cancellation. Every buffer is allocated before the first epoch; the epoch loop itself allocates nothing.
/// </summary>
public sealed class Trainer
{
    private readonly IBatchNetwork _network;
    private readonly IOptimizer _optimizer;
    private readonly TrainerOptions _options;

    /// <summary>Creates a trainer for one network and optimizer.</summary>
    public Trainer(IBatchNetwork network, IOptimizer optimizer, TrainerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(optimizer);
        options ??= new TrainerOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Epochs, 1, nameof(options.Epochs));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.BatchSize, 1, nameof(options.BatchSize));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxDegreeOfParallelism, 1, nameof(options.MaxDegreeOfParallelism));
        if (options.Patience is < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.Patience, "Patience must be at least 1.");
        }

        _network = network;
        _optimizer = optimizer;
        _options = options;
    }

    /// <summary>Trains on <paramref name="train"/>, validating on <paramref name="validation"/> after every epoch when given.</summary>
    /// <param name="train">The training samples; their order is never changed (a shuffled index is used).</param>
    /// <param name="validation">Optional held-out samples for early stopping and reporting.</param>
    /// <param name="progress">Receives one report per epoch.</param>
    /// <param name="cancellationToken">Checked before every batch; the parameters stay those of the last completed step.</param>
    /// <param name="batchProgress">Receives one report per batch, for a live progress bar.</param>
    /// <exception cref="TrainingDivergedException">A loss or gradient became NaN or infinite.</exception>
    public TrainingResult Fit(
        Dataset train,
        Dataset? validation = null,
        IProgress<EpochReport>? progress = null,
        CancellationToken cancellationToken = default,
        IProgress<BatchReport>? batchProgress = null)
    {
        CheckShape(train, nameof(train));
        if (train.Count == 0)
        {
            throw new ArgumentException("'train' holds no samples; there is nothing to train on.", nameof(train));
        }

        if (validation is not null)
        {
            CheckShape(validation, nameof(validation));
        }

        int batchSize = Math.Min(_options.BatchSize, train.Count);
        int batchesPerEpoch = (train.Count + batchSize - 1) / batchSize;
        int inputSize = _network.InputSize, outputSize = _network.OutputSize;
        var order = new int[train.Count];
        for (int i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }

        var inputs = new float[batchSize * inputSize];
        var targets = new float[batchSize * outputSize];
        var gradient = new float[_network.ParameterCount];
        using var backward = new ParallelBackward(_network, _options.MaxDegreeOfParallelism);
        backward.Reserve(ParallelBackward.Layout(batchSize).Parts);
        var lastFinite = new float[_network.ParameterCount];
        float[]? best = validation is null ? null : new float[_network.ParameterCount];
        float[]? validationOutputs = validation is null ? null : new float[Math.Min(validation.Count, 256) * outputSize];
        var history = new List<EpochReport>(_options.Epochs);
        var random = new DeterministicRandom(_options.Seed);
        long started = Stopwatch.GetTimestamp();
        float bestLoss = float.PositiveInfinity;
        int bestEpoch = 0;
        bool stoppedEarly = false;

        for (int epoch = 1; epoch <= _options.Epochs; epoch++)
        {
            if (_options.Schedule is not null)
            {
                _optimizer.LearningRate = _options.Schedule.At(epoch);
            }

            random.Shuffle(order);
            long epochStart = Stopwatch.GetTimestamp();
            double lossSum = 0;
            int batch = 0;
            for (int start = 0; start < order.Length; start += batchSize)
            {
                cancellationToken.ThrowIfCancellationRequested();
                batch++;
                int n = Math.Min(batchSize, order.Length - start);
                for (int s = 0; s < n; s++)
                {
                    train.FeaturesOf(order[start + s]).CopyTo(inputs.AsSpan(s * inputSize));
                    train.TargetsOf(order[start + s]).CopyTo(targets.AsSpan(s * outputSize));
                }

                Array.Clear(gradient);
                float loss = backward.BackwardBatch(inputs.AsMemory(0, n * inputSize), targets.AsMemory(0, n * outputSize), gradient);
                string? problem = !float.IsFinite(loss) ? "loss" : !TensorPrimitives.IsFiniteAll<float>(gradient) ? "gradient" : null;
                if (problem is not null)
                {
                    // The parameters that produced this batch's loss came from the last step; undo it.
                    if (batch > 1 || epoch > 1)
                    {
                        lastFinite.CopyTo(_network.Parameters);
                    }

                    throw new TrainingDivergedException(epoch, batch, problem);
                }

                _network.Parameters.CopyTo(lastFinite);
                _optimizer.Step(_network.Parameters, gradient);
                lossSum += (double)loss * n;
                batchProgress?.Report(new BatchReport(epoch, batch, batchesPerEpoch, loss));
            }

            double seconds = Stopwatch.GetElapsedTime(epochStart).TotalSeconds;
            float? validationLoss = null;
            double? validationAccuracy = null;
            if (validation is not null)
            {
                (validationLoss, validationAccuracy) = Validate(validation, validationOutputs!);
                if (validationLoss < bestLoss)
                {
                    bestLoss = validationLoss.Value;
                    bestEpoch = epoch;
                    _network.Parameters.CopyTo(best);
                }
            }
            else
            {
                bestEpoch = epoch;
            }

            var report = new EpochReport(
                epoch,
                _options.Epochs,
                (float)(lossSum / train.Count),
                validationLoss,
                validationAccuracy,
                _optimizer.LearningRate,
                seconds > 0 ? train.Count / seconds : double.PositiveInfinity,
                Stopwatch.GetElapsedTime(started));
            history.Add(report);
            progress?.Report(report);

            if (validation is not null && _options.Patience is int patience && epoch - bestEpoch >= patience && epoch < _options.Epochs)
            {
                stoppedEarly = true;
                break;
            }
        }

        if (best is not null && bestEpoch > 0)
        {
            best.CopyTo(_network.Parameters);
        }

        return new TrainingResult(history, bestEpoch, stoppedEarly);
    }

    private (float Loss, double? Accuracy) Validate(Dataset validation, float[] outputs)
    {
        int outputSize = _network.OutputSize;
        int block = outputs.Length / outputSize;
        double loss = 0;
        int correct = 0;

        // The arg max of a single output is always 0: its "accuracy" would be the share of class 0, so none is reported.
        bool countsClasses = validation.Labels is not null && outputSize >= 2;
        for (int start = 0; start < validation.Count; start += block)
        {
            int n = Math.Min(block, validation.Count - start);
            Span<float> predictions = outputs.AsSpan(0, n * outputSize);
            _network.ForwardBatch(validation.Features.AsSpan(start * validation.FeatureCount, n * validation.FeatureCount), predictions);
            for (int s = 0; s < n; s++)
            {
                ReadOnlySpan<float> output = predictions.Slice(s * outputSize, outputSize);
                loss += _network.Loss(output, validation.TargetsOf(start + s));
                if (countsClasses && Evaluation.ArgMax(output) == validation.Labels![start + s])
                {
                    correct++;
                }
            }
        }

        return ((float)(loss / validation.Count), countsClasses ? (double)correct / validation.Count : null);
    }

    private void CheckShape(Dataset data, string name)
    {
        ArgumentNullException.ThrowIfNull(data, name);
        if (data.FeatureCount != _network.InputSize || data.TargetCount != _network.OutputSize)
        {
            throw new ArgumentException(
                $"'{name}' has {data.FeatureCount} features and {data.TargetCount} targets per sample, but the network takes {_network.InputSize} inputs and gives {_network.OutputSize} outputs.",
                name);
        }
    }
}
