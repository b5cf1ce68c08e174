using System;

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

    /// <summary>The learning rate per epoch; null keeps the optimizer's own rate.</summary>
    public LearningRateSchedule? Schedule { get; init; }

    /// <summary>
    /// With a validation set: stop after this many epochs without a lower validation loss. Null runs every epoch;
    /// either way the parameters of the best validation epoch are restored at the end.
    /// </summary>
    public int? Patience { get; init; }

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
    /// The most threads a gradient step uses, the calling thread included (see <see cref="ParallelBackward"/>).
    /// Default <see cref="Environment.ProcessorCount"/>. Training gives the same bits with any value: the batch is
    /// cut into parts by its size alone and the parts' gradients are summed in a fixed order.
    /// </summary>
    public int MaxDegreeOfParallelism { get; init; } = Environment.ProcessorCount;
}
