using System;
using System.Collections.Generic;
using System.Diagnostics;
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

    /// <summary>The epoch reports the history list has room for before the first epoch.</summary>
    private const int HistoryCapacity = 1024;

    /// <summary>Creates a trainer for one network and optimizer.</summary>
    public Trainer(IBatchNetwork network, IOptimizer optimizer, TrainerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(optimizer);
        options ??= new TrainerOptions();
        AtLeastOne(options.Epochs, nameof(options.Epochs), "int.MaxValue trains until early stopping or cancellation ends the run");
        AtLeastOne(options.BatchSize, nameof(options.BatchSize), "a batch larger than the training set is the whole set");
        AtLeastOne(
            options.MaxDegreeOfParallelism,
            nameof(options.MaxDegreeOfParallelism),
            $"it counts the calling thread; values above {ParallelBackward.MaxParts} (ParallelBackward.MaxParts, the most parts a batch has) use {ParallelBackward.MaxParts} threads");
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
    /// <exception cref="TrainingDivergedException">
    /// A loss, gradient, parameter after an optimizer step (including the last) or validation loss became NaN or
    /// infinite; the parameters are left finite, as the message says, and the optimizer is <see cref="IOptimizer.Reset"/>
    /// (its velocity or moments forgotten), so that the next Fit, at a lower learning rate, starts it afresh.
    /// </exception>
    /// <exception cref="ArgumentException">
    /// A data set is empty or does not match the network's inputs and outputs, a target lies outside the range of the
    /// output activation (see <see cref="TrainerOptions.CheckTargetRange"/>), or a weight option does not fit the data.
    /// </exception>
    /// <exception cref="InvalidOperationException">
    /// Another Fit is training this network right now (one Fit at a time per network), or the optimizer holds the
    /// state of another network's parameters (one optimizer per parameter vector, or Reset() it first).
    /// </exception>
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
            if (validation.Count == 0)
            {
                // Its mean loss would be 0/0, reported as a diverged validation loss.
                throw new ArgumentException("'validation' holds no samples; there is nothing to validate on. Pass null to train without validation.", nameof(validation));
            }
        }

        if (_options.CheckpointPath is not null && validation is null)
        {
            throw new ArgumentException("TrainerOptions.CheckpointPath saves the epoch of lowest validation loss; pass a validation set, or leave CheckpointPath null.", nameof(validation));
        }

        float[]? sampleWeights = TrainingWeights.Combine(_options, train);
        using FitGate.Entry entry = FitGate.Enter(_network);
        if (_options.CheckTargetRange)
        {
            // Inside the gate: the check sets the last layer's parameters for a moment (and puts them back).
            TargetRangeCheck.Require(_network, train, nameof(train));
            if (validation is not null)
            {
                TargetRangeCheck.Require(_network, validation, nameof(validation));
            }
        }

        (_optimizer as IStatefulOptimizer)?.Claim(_network);
        using var run = new TrainingRun(_network, _optimizer, _options, train, validation, sampleWeights);
        _options.Schedule?.Begin();

        // Sized by a constant, not by Epochs: int.MaxValue epochs means "until early stopping". Runs of up to
        // HistoryCapacity epochs allocate nothing in the epoch loop; longer ones grow the list now and then.
        var history = new List<EpochReport>(Math.Min(_options.Epochs, HistoryCapacity));
        bool stoppedEarly;
        try
        {
            stoppedEarly = TrainEpochs(run, train, history, progress, batchProgress, cancellationToken);
        }
        catch (TrainingDivergedException)
        {
            // A divergence leaves no trace in the optimizer: its state (moments, velocity) may have seen the
            // non-finite gradient, or a step that was undone, so a second Fit starts it afresh, as Reset() does.
            _optimizer.Reset();
            throw;
        }

        if (_options.RestoreBestParameters)
        {
            run.RestoreBest();
        }

        return new TrainingResult(history, _options.RestoreBestParameters ? run.BestEpoch : history.Count, stoppedEarly);
    }

    /// <summary>The epochs of one Fit, each reported into <paramref name="history"/>; returns whether early stopping ended them.</summary>
    private bool TrainEpochs(
        TrainingRun run,
        Dataset train,
        List<EpochReport> history,
        IProgress<EpochReport>? progress,
        IProgress<BatchReport>? batchProgress,
        CancellationToken cancellationToken)
    {
        long started = Stopwatch.GetTimestamp();
        for (int epoch = 1; ; epoch++)
        {
            if (_options.Schedule is { ChangesPerStep: false } schedule)
            {
                _optimizer.LearningRate = schedule.At(epoch);
            }

            long epochStart = Stopwatch.GetTimestamp();
            float trainLoss = run.TrainEpoch(epoch, batchProgress, cancellationToken);
            double seconds = Stopwatch.GetElapsedTime(epochStart).TotalSeconds;
            (float? validationLoss, double? validationAccuracy) = run.Validate(epoch);
            var report = new EpochReport(
                epoch,
                _options.Epochs,
                trainLoss,
                validationLoss,
                validationAccuracy,
                _optimizer.LearningRate,
                seconds > 0 ? train.Count / seconds : double.PositiveInfinity,
                Stopwatch.GetElapsedTime(started));
            history.Add(report);
            progress?.Report(report);
            _options.Schedule?.EndEpoch(validationLoss ?? trainLoss);

            if (run.ShouldStopEarly(epoch))
            {
                return true;
            }

            // Tested here rather than as the loop condition, where epoch++ past int.MaxValue would wrap.
            if (epoch == _options.Epochs)
            {
                return false;
            }
        }
    }

    private static void AtLeastOne(int value, string name, string note)
    {
        if (value < 1)
        {
            throw new ArgumentOutOfRangeException(name, value, $"TrainerOptions.{name} must be at least 1 ({note}); got {value}.");
        }
    }

    private void CheckShape(Dataset data, string name)
    {
        ArgumentNullException.ThrowIfNull(data, name);
        if (data.FeatureCount != _network.InputSize || data.TargetCount != _network.OutputSize)
        {
            throw new ArgumentException(
                $"'{name}' has {data.FeatureCount} features and {data.TargetCount} targets per sample, but the network takes {_network.InputSize} inputs and gives {_network.OutputSize} outputs." +
                ShapeHints.For(data, _network.InputSize, _network.OutputSize),
                name);
        }
    }
}
