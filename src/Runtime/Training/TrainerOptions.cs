using System;
using System.Collections.Generic;

namespace StaticNet;

/// <summary>How <see cref="Trainer"/> runs.</summary>
public sealed class TrainerOptions
{
    private readonly float? _maxGradientNorm;

    /// <summary>The most epochs to run. Default 10.</summary>
    public int Epochs { get; init; } = 10;

    /// <summary>Samples per gradient step; the last batch of an epoch may be smaller. Default 32.</summary>
    public int BatchSize { get; init; } = 32;

    /// <summary>Seeds the shuffle of every epoch: equal seeds give bit-identical training. Default 0.</summary>
    public int Seed { get; init; }

    /// <summary>
    /// The learning rate per epoch (per batch during a warm-up over steps); null keeps the optimizer's own rate. A
    /// schedule with state (<see cref="LearningRateSchedule.ReduceOnPlateau"/>) starts afresh with every Fit.
    /// </summary>
    public LearningRateSchedule? Schedule { get; init; }

    /// <summary>
    /// With a validation set: stop after this many epochs without a lower validation loss. Null runs every epoch;
    /// either way the parameters of the best validation epoch are restored at the end (see <see cref="RestoreBestParameters"/>).
    /// </summary>
    public int? Patience { get; init; }

    /// <summary>
    /// With a validation set: whether Fit ends with the parameters of the epoch of lowest validation loss (true, the
    /// default) or with those of the last epoch run (false). Without a validation set the last epoch's are kept.
    /// </summary>
    public bool RestoreBestParameters { get; init; } = true;

    /// <summary>
    /// With a validation set: a safetensors file that every epoch lowering the validation loss overwrites with the
    /// parameters, atomically (<see cref="SafeTensors.Save(INetwork, string, IReadOnlyDictionary{string, string}?, StateDictKeys?)"/>),
    /// so the best model so far is on disk whenever training stops. Null, the default, writes nothing.
    /// </summary>
    public string? CheckpointPath { get; init; }

    /// <summary>
    /// For classification data (a <see cref="Dataset"/> with <see cref="Dataset.Labels"/>): one weight per class
    /// (per output, or two for a one-output binary network), each sample's contribution to the training loss and
    /// gradient multiplied by its class's weight, as torch's <c>CrossEntropyLoss(weight=…)</c>. See
    /// <see cref="SampleWeights"/> for the normalisation. Null, the default, weighs every class 1.
    /// </summary>
    public IReadOnlyList<float>? ClassWeights { get; init; }

    /// <summary>
    /// One weight per training sample, in the training set's order. A sample's weight w (its sample weight times its
    /// class weight) multiplies its loss and gradient, and a batch B is normalised by the weights' sum:
    /// J = Σ_{s∈B} w_s·C_s / Σ_{s∈B} w_s, torch's <c>reduction='mean'</c> with <c>weight</c>. A batch whose weights sum
    /// to 0 contributes a zero gradient and a loss of 0. The epoch's training loss is Σ w_s·C_s / Σ w_s over the
    /// epoch; the validation loss stays the unweighted mean. Weights must be finite and at least 0. Null, the default,
    /// weighs every sample 1.
    /// </summary>
    public IReadOnlyList<float>? SampleWeights { get; init; }

    /// <summary>
    /// Clips every batch gradient to this Euclidean norm before the optimizer step, as
    /// <see cref="GradientClipping.ClipNorm"/> (torch's <c>clip_grad_norm_</c>); null, the default, does not clip.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not positive (or is NaN).</exception>
    public float? MaxGradientNorm
    {
        get => _maxGradientNorm;
        init
        {
            if (value is float norm && !(norm > 0f))
            {
                throw new ArgumentOutOfRangeException(nameof(MaxGradientNorm), norm, "MaxGradientNorm must be positive; use null to train without clipping.");
            }

            _maxGradientNorm = value;
        }
    }

    /// <summary>
    /// Whether Fit first checks that every target lies in the range of the network's output activation (measured by
    /// setting the last layer's weights to 0 and sweeping its biases, then putting them back bit for bit): a Sigmoid
    /// output cannot reach a house price of 524.3, and without the check trains to a useless model with no error. A
    /// target outside the range, or a target row that does not sum to 1 for a Softmax output, is an
    /// <see cref="ArgumentException"/> saying what to change. Default true.
    /// </summary>
    public bool CheckTargetRange { get; init; } = true;

    /// <summary>
    /// The most threads a gradient step uses, the calling thread included (see <see cref="ParallelBackward"/>): an
    /// upper bound, which <see cref="AdaptDegreeOfParallelism"/> may lower to one thread while that measures faster.
    /// Default <see cref="Environment.ProcessorCount"/>. Training gives the same bits with any value: the batch is
    /// cut into parts by its size alone and the parts' gradients are summed in a fixed order.
    /// </summary>
    public int MaxDegreeOfParallelism { get; init; } = Environment.ProcessorCount;

    /// <summary>
    /// Whether Fit measures, while it trains, whether one thread or <see cref="MaxDegreeOfParallelism"/> threads step
    /// faster, and uses the faster (true, the default): it times a few batches each way at the start, then again every
    /// few hundred batches or as soon as steps run markedly slower than when it chose, as when another process takes
    /// a core. False always uses <see cref="MaxDegreeOfParallelism"/> threads. The bits are the same either way; see
    /// docs/training.md, "Threads".
    /// </summary>
    public bool AdaptDegreeOfParallelism { get; init; } = true;
}
